"""Photo consent: scopes, methods, the status of a consent record and the clearance rule.

The policy: "Photographs are only uploaded with the consent of all those pictured." A photo is
cleared for a scope on a day exactly when every person pictured has a consent covering that scope,
given on or before that day, not expired, not withdrawn and not superseded by a correction, and
nobody in it is unidentified. Everything here is pure, so the rule is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hsdesk.domain.dates import format_date

EXPIRING_DAYS = 30
DEFAULT_CHILD_MONTHS = 12
DEFAULT_ADULT_MONTHS = 36
ADULT_AGE = 18


class ConsentScope(StrEnum):
    WEBSITE = "website"
    SOCIAL_MEDIA = "social_media"
    PRINT = "print"
    PRESS = "press"

    @property
    def label(self) -> str:
        return _SCOPE_LABELS[self]


_SCOPE_LABELS = {
    ConsentScope.WEBSITE: "Website",
    ConsentScope.SOCIAL_MEDIA: "Social media",
    ConsentScope.PRINT: "Print and newsletter",
    ConsentScope.PRESS: "Press",
}


class ConsentMethod(StrEnum):
    SIGNED_FORM = "signed_form"
    EMAIL = "email"
    VERBAL = "verbal"
    ONLINE_FORM = "online_form"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    ConsentMethod.SIGNED_FORM: "Signed form",
    ConsentMethod.EMAIL: "Email",
    ConsentMethod.VERBAL: "Verbal, with a witness",
    ConsentMethod.ONLINE_FORM: "Online form",
}


class ConsentStatus(StrEnum):
    ACTIVE = "active"
    NOT_YET = "not_yet"  # given on a later day than the one asked about
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return "Not yet given" if self is ConsentStatus.NOT_YET else self.value.capitalize()


RELATIONSHIPS = ("Self", "Parent", "Guardian", "Carer with parental responsibility", "Other")
SELF = RELATIONSHIPS[0]


def scopes_label(scopes: Iterable[ConsentScope]) -> str:
    chosen = set(scopes)
    return ", ".join(s.label for s in ConsentScope if s in chosen) or "none"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 29th-31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def age_on(date_of_birth: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


def is_minor(date_of_birth: date | None, is_child_record: bool, day: date) -> bool:
    """Under 18 on the day; someone recorded as a child with no birth date counts as a minor."""
    if date_of_birth is not None:
        return age_on(date_of_birth, day) < ADULT_AGE
    return is_child_record


def default_expiry(
    given_on: date,
    minor: bool,
    child_months: int = DEFAULT_CHILD_MONTHS,
    adult_months: int = DEFAULT_ADULT_MONTHS,
) -> date:
    return add_months(given_on, child_months if minor else adult_months)


@dataclass(frozen=True, slots=True)
class ConsentFact:
    """What the clearance rule needs to know about one consent record."""

    id: int
    subject_id: int
    scopes: frozenset[ConsentScope]
    given_on: date
    expires_on: date
    withdrawn_on: date | None = None
    superseded: bool = False

    def status(self, day: date) -> ConsentStatus:
        if self.superseded:
            return ConsentStatus.SUPERSEDED
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return ConsentStatus.WITHDRAWN
        if day < self.given_on:
            return ConsentStatus.NOT_YET
        if day >= self.expires_on:
            return ConsentStatus.EXPIRED
        return ConsentStatus.ACTIVE

    def covers(self, scope: ConsentScope, day: date) -> bool:
        return scope in self.scopes and self.status(day) is ConsentStatus.ACTIVE


UNCHECKED_REASON = (
    "not yet checked: tag the people pictured, count those you cannot name, or confirm that "
    "nobody can be identified in it"
)


class Clearance(StrEnum):
    CLEARED = "cleared"
    EXPIRING = "expiring"  # cleared today, but a consent it rests on ends within 30 days
    BLOCKED = "blocked"
    UNCHECKED = "unchecked"  # nobody has recorded who is pictured yet: cleared for no use

    @property
    def label(self) -> str:
        return {
            "cleared": "Cleared",
            "expiring": "Expiring",
            "blocked": "Blocked",
            "unchecked": "Not yet checked",
        }[self.value]

    @property
    def usable(self) -> bool:
        return self in (Clearance.CLEARED, Clearance.EXPIRING)


@dataclass(frozen=True, slots=True)
class ScopeClearance:
    scope: ConsentScope
    status: Clearance
    reasons: tuple[str, ...] = ()  # why it is blocked (or which consent is about to end)

    @property
    def text(self) -> str:
        if not self.reasons:
            return self.status.label
        return f"{self.status.label}: {'; '.join(self.reasons)}"


def _why_not(name: str, facts: list[ConsentFact], scope: ConsentScope, day: date) -> str:
    """The plainest reason this person's records do not cover the scope on the day."""
    relevant = [f for f in facts if scope in f.scopes and not f.superseded]
    if not relevant:
        asked_other = any(not f.superseded for f in facts)
        if asked_other:
            return f"{name} has not consented to {scope.label.lower()}"
        return f"{name}: not asked"
    latest = max(relevant, key=lambda f: (f.given_on, f.id))
    status = latest.status(day)
    if status is ConsentStatus.WITHDRAWN:
        return f"{name} withdrew consent on {format_date(latest.withdrawn_on)}"
    if status is ConsentStatus.EXPIRED:
        return f"{name}'s consent expired on {format_date(latest.expires_on)}"
    return f"{name}'s consent starts on {format_date(latest.given_on)}"


# (person, scope) -> (the last day a covering consent runs to, or None; why not, if none)
Standings = dict[tuple[int, ConsentScope], tuple[date | None, str]]


def _standing(
    scope: ConsentScope,
    day: date,
    person_id: int,
    name: str,
    consents: Mapping[int, list[ConsentFact]],
    known: Standings | None,
) -> tuple[date | None, str]:
    found = known.get((person_id, scope)) if known is not None else None
    if found is None:
        facts = consents.get(person_id, [])
        covering = [f for f in facts if f.covers(scope, day)]
        found = (
            (max(f.expires_on for f in covering), "")
            if covering
            else (None, _why_not(name, facts, scope, day))
        )
        if known is not None:
            known[(person_id, scope)] = found
    return found


def clear_for(
    scope: ConsentScope,
    day: date,
    pictured: Mapping[int, str],
    unidentified: int,
    consents: Mapping[int, list[ConsentFact]],
    checked: bool = True,
    known: Standings | None = None,
) -> ScopeClearance:
    """The clearance of one photo for one scope on one day.

    ``pictured`` maps each person pictured to their name; ``consents`` maps a person to their
    consent records (any status). The rule: cleared exactly when someone has checked who is
    pictured (``checked``), nobody is unidentified, and each person pictured has a record that
    covers the scope on the day. "Not checked" is not "nobody": an unchecked photo is cleared for
    no use. ``known`` keeps what was worked out for each person and scope, so a library of
    thousands of photos of the same few hundred people looks at each person's records once.
    """
    if not checked:
        return ScopeClearance(scope, Clearance.UNCHECKED, (UNCHECKED_REASON,))
    reasons: list[str] = []
    if unidentified:
        people = "person" if unidentified == 1 else "people"
        reasons.append(f"{unidentified} unidentified {people}")
    ending: list[tuple[date, str]] = []
    for person_id, name in sorted(pictured.items(), key=lambda item: (item[1], item[0])):
        last_day, why = _standing(scope, day, person_id, name, consents, known)
        if last_day is None:
            reasons.append(why)
            continue
        if last_day - day <= timedelta(days=EXPIRING_DAYS):
            ending.append((last_day, f"{name}'s consent ends on {format_date(last_day)}"))
    if reasons:
        return ScopeClearance(scope, Clearance.BLOCKED, tuple(reasons))
    if ending:
        return ScopeClearance(scope, Clearance.EXPIRING, tuple(text for _, text in sorted(ending)))
    return ScopeClearance(scope, Clearance.CLEARED)


def clearances(
    day: date,
    pictured: Mapping[int, str],
    unidentified: int,
    consents: Mapping[int, list[ConsentFact]],
    checked: bool = True,
    known: Standings | None = None,
) -> tuple[ScopeClearance, ...]:
    return tuple(
        clear_for(s, day, pictured, unidentified, consents, checked, known) for s in ConsentScope
    )
