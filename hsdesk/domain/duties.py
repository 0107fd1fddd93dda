"""The policy's duties hsdesk enforces or cites, and how each is found in a version of the policy.

A duty has a stable key; the clause that states it has a number only within one version. Every
citation hsdesk shows is made by :class:`Citations` from the links stored with a version, so no
clause number is written in code. Pure: no database, no Qt.

The wording beside each built-in duty is the 2018 policy's. It is used only to find a duty's clause
in a version that has no earlier linked version (the first one adopted, and the versions that were
adopted before hsdesk kept links); later versions are linked from the version they replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from hsdesk.domain.policy import Change, PolicyText, compare


@dataclass(frozen=True, slots=True)
class Duty:
    key: str
    name: str  # what the duty asks, in a manager's words
    wording: str = ""  # the 2018 clause it was built from (built-in duties)
    built_in: bool = True


def _duty(key: str, name: str, wording: str) -> Duty:
    return Duty(key, name, wording)


class D(StrEnum):
    """The built-in duties' keys, for code that cites them."""

    ONLINE_PRESENCE = "online_presence"
    CONTENT_APPROVAL = "content_approval"
    PRIVACY_SETTINGS = "privacy_settings"
    PHOTO_CONSENT = "photo_consent"
    QUARTERLY_CHECKS = "quarterly_checks"
    IDENTITY = "identity"
    COMPLAINTS = "complaints"
    CONFIDENTIALITY = "confidentiality"
    VOLUNTEER_CONFIDENTIALITY = "volunteer_confidentiality"
    EQUAL_OPPORTUNITIES = "equal_opportunities"
    STAFF_VOLUNTEER_FRIENDS = "staff_volunteer_friends"
    STAFF_FAMILY_FRIENDS = "staff_family_friends"
    VOLUNTEER_FAMILY_FRIENDS = "volunteer_family_friends"
    AFTER_SUPPORT = "after_support"
    STAFF_BREACHES = "staff_breaches"
    VOLUNTEER_BREACHES = "volunteer_breaches"
    STAFF_LOGO = "staff_logo"
    VOLUNTEER_LOGO = "volunteer_logo"
    STAFF_INDUCTION = "staff_induction"
    VOLUNTEER_INDUCTION = "volunteer_induction"
    DECLARED_CONNECTIONS = "declared_connections"


BUILT_IN: tuple[Duty, ...] = (
    _duty(
        D.ONLINE_PRESENCE,
        "Trustees keep the online presence within the confidentiality and equal opportunities "
        "policies",
        "The trustees are responsible for ensuring that Home-Start Oldham Stockport & Tameside's "
        "online presence does not breach our confidentiality or equal opportunities policy and "
        "that the scheme's good reputation is maintained",
    ),
    _duty(
        D.CONTENT_APPROVAL,
        "Content is approved by the Scheme Development Manager and uploaded by the Volunteer "
        "Development Officer",
        "Content is approved by the Scheme Development Manager and upload by the Volunteer "
        "Development Officer",
    ),
    _duty(
        D.PRIVACY_SETTINGS,
        "Privacy settings are set as the trustees agreed",
        "Privacy settings are set as agreed by the trustees",
    ),
    _duty(
        D.PHOTO_CONSENT,
        "Photos are uploaded only with the consent of everyone pictured",
        "Photographs are only uploaded with the consent of all those pictured",
    ),
    _duty(
        D.QUARTERLY_CHECKS,
        "The Vice Chair checks each quarter that content is appropriate and up to date",
        "Quarterly checks that the website / social networking site content is appropriate and "
        "up to date are undertaken by the Vice Chair",
    ),
    _duty(
        D.IDENTITY,
        "The Home-Start name and logo are used correctly",
        "The Home-Start corporate identity is used correctly and identifies the site by the "
        "scheme name and logo.",
    ),
    _duty(
        D.COMPLAINTS,
        "Complaints raised online are answered at once, privately",
        "Any complaints that may be brought up on the site are immediately responded via a "
        "private communication channel, and follows the scheme's complaints procedure.",
    ),
    _duty(
        D.CONFIDENTIALITY,
        "Trustees and staff keep confidentiality and dignity online",
        "Trustees and staff ensure that they do not breach the confidentiality or dignity of "
        "colleagues, volunteers or Home-Start families if they discuss Home-Start in their "
        "personal blogs or on social networking accounts",
    ),
    _duty(
        D.VOLUNTEER_CONFIDENTIALITY,
        "Volunteers keep confidentiality and dignity online",
        "Volunteers ensure that they do not breach the confidentiality or dignity of staff, "
        "other volunteers or Home-Start families if they discuss Home-Start in their personal "
        "blogs or on social networking accounts",
    ),
    _duty(
        D.EQUAL_OPPORTUNITIES,
        "The equal opportunities policy is kept",
        "Breaches of confidentiality or equal opportunities and diversity policies are treated "
        "seriously, and may be addressed through the disciplinary process",
    ),
    _duty(
        D.STAFF_VOLUNTEER_FRIENDS,
        "Staff do not add current volunteers as social network friends",
        "Home-Start staff do not add any current volunteer (active or resting) as a "
        "facebook/social network friend; in order to maintain the appropriate service boundaries",
    ),
    _duty(
        D.STAFF_FAMILY_FRIENDS,
        "Staff and trustees do not add supported families as social network friends",
        "Home-Start staff and trustees do not add any family referred to or supported by "
        "Home-Start as a facebook/social network friend",
    ),
    _duty(
        D.VOLUNTEER_FAMILY_FRIENDS,
        "Volunteers do not add a family as a friend while supporting it",
        "Volunteers do not add any Home-Start supported family as a facebook/social network "
        "friend during the period of their support by the scheme",
    ),
    _duty(
        D.AFTER_SUPPORT,
        "After support ends, a friendship is a private arrangement",
        "Once support to a family has ended, the volunteer and family may choose to continue "
        "their relationships as friends and to meet and communicate through social networking "
        "sites. This is a private arrangement and outside the Home-Start service",
    ),
    _duty(
        D.STAFF_BREACHES,
        "Breaches by trustees and staff may go to the disciplinary process",
        "Breaches of confidentiality or equal opportunities and diversity policies are treated "
        "seriously, and may be addressed through the disciplinary process",
    ),
    _duty(
        D.VOLUNTEER_BREACHES,
        "Breaches by volunteers may lead to being asked to leave",
        "Breaches of confidentiality or equal opportunities and diversity policies are taken "
        "seriously and may result in the volunteer being asked to leave the scheme",
    ),
    _duty(
        D.STAFF_LOGO,
        "Trustees and staff do not use the logo on personal pages",
        "Trustees and staff do not use the Home-Start logo or corporate identity materials on "
        "personal websites, blogs or social networking accounts. They may link to and /or "
        "endorse official Home-Start sites.",
    ),
    _duty(
        D.VOLUNTEER_LOGO,
        "Volunteers do not use the logo on personal pages",
        "Volunteers do not use the Home-Start logo or corporate identity materials on personal "
        "websites, blogs or social networking accounts. They may use and encourage others to use "
        "specific Home-Start promotional/ 'supporter' badges as approved and encouraged by "
        "Home-Start UK and the scheme",
    ),
    _duty(
        D.STAFF_INDUCTION,
        "New trustees and staff receive the policy at induction",
        "New trustees and staff receive this policy as part of their induction into Home-Start",
    ),
    _duty(
        D.VOLUNTEER_INDUCTION,
        "New volunteers receive the policy at induction",
        "New volunteers receive this policy as part of their induction into Home-Start",
    ),
    _duty(
        D.DECLARED_CONNECTIONS,
        "Links from before someone's involvement may continue, within the boundaries",
        "Home-Start Oldham Stockport & Tameside recognises that in the community it serves, "
        "families, volunteers, trustees and staff may have been friends or acquaintances prior "
        "to their involvement with Home-Start. There is no desire to police personal "
        "relationships; these procedures are intended only to",
    ),
)
BY_KEY: dict[str, Duty] = {d.key: d for d in BUILT_IN}


CUSTOM_PREFIX = "clause-"


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def join_numbers(numbers: Iterable[str]) -> str:
    """("2.1", "1.4", "2.1") → "1.4, 2.1"."""
    return ", ".join(sorted(set(numbers), key=_order))


@dataclass(frozen=True, slots=True)
class Citations:
    """One version's links from duties to clause numbers, and its clauses' words.

    ``links`` maps a duty's key to its clause number in this version, or to None when the version
    states no clause for it. A duty missing from ``links`` is cited as "the policy" too.
    """

    version_id: int | None = None
    label: str = ""  # "Social Networking Policy, version 3"
    links: Mapping[str, str | None] = field(default_factory=dict)
    clauses: Mapping[str, str] = field(default_factory=dict)  # number → text

    def number(self, key: str) -> str | None:
        return self.links.get(key)

    def numbers(self, *keys: str) -> str:
        """ "1.4, 2.1" for the duties' clauses, in policy order; "" when none is linked."""
        return join_numbers(n for k in keys if (n := self.links.get(k)))

    def ref(self, *keys: str) -> str:
        """'clause n.m', 'clauses n.m and p.q', or 'the policy' when none is linked."""
        numbers = self.numbers(*keys)
        found = numbers.split(", ") if numbers else []
        if not found:
            return "the policy"
        if len(found) == 1:
            return f"clause {found[0]}"
        return f"clauses {', '.join(found[:-1])} and {found[-1]}"

    def cited(self, *keys: str) -> str:
        """The numbers in brackets, to follow a sentence; "" when none is linked."""
        numbers = self.numbers(*keys)
        return f" ({numbers})" if numbers else ""

    def text_of(self, number: str) -> str | None:
        return self.clauses.get(number)

    def duties_at(self, number: str) -> list[str]:
        return [k for k, n in self.links.items() if n == number]


# --- proposing a new version's links ---------------------------------------------------------


class Found(StrEnum):
    SAME = "same"  # the same wording as the clause linked before
    CHANGED = "changed"  # the clause linked before, reworded (and maybe renumbered)
    CLOSEST = "closest"  # the closest wording to the duty (no earlier linked version)
    NONE = "none"  # no clause found: the Chair must choose one or confirm there is none

    @property
    def label(self) -> str:
        return {
            "same": "Same wording",
            "changed": "Reworded",
            "closest": "Closest wording",
            "none": "Not found: choose the clause, or confirm the policy no longer asks this",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Proposal:
    duty: Duty
    number: str | None
    found: Found
    before: str | None = None  # the clause number in the version replaced, if any

    @property
    def flagged(self) -> bool:
        return self.number is None


REFERENCE_RATIO = 0.75


def _first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n")[0].split())


def _closest(wording: str, clauses: Sequence[tuple[str, str]]) -> tuple[str | None, Found]:
    target = _first_paragraph(wording)
    best, best_ratio = None, 0.0
    for number, text in clauses:
        mine = _first_paragraph(text)
        if mine == target:
            return number, Found.SAME
        ratio = SequenceMatcher(None, target, mine, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = number, ratio
    if best is not None and best_ratio >= REFERENCE_RATIO:
        return best, Found.CLOSEST
    return None, Found.NONE


def propose(
    duties: Sequence[Duty],
    new: PolicyText,
    before: PolicyText | None = None,
    before_links: Mapping[str, str | None] | None = None,
) -> list[Proposal]:
    """Each duty's clause in ``new``: the clause its previous clause became (lined up by wording,
    as the compare view shows it), or — when the earlier version stated no clause for it, or
    there is no earlier version — the clause closest to the duty's own wording. A duty whose
    clause was removed is proposed with no clause (flagged)."""
    clauses = new.numbered()
    moved: dict[str, tuple[str | None, Found]] = {}
    if before is not None:
        for row in compare(before, new):
            if not row.left_number or "." not in row.left_number.strip("."):
                continue
            if row.change is Change.SAME:
                moved[row.left_number] = (row.right_number, Found.SAME)
            elif row.change is Change.CHANGED and "." in row.right_number.strip("."):
                moved[row.left_number] = (row.right_number, Found.CHANGED)
            elif row.change is Change.REMOVED:
                moved[row.left_number] = (None, Found.NONE)
    proposals = []
    for duty in duties:
        old = before_links.get(duty.key) if before_links is not None else None
        if old:
            number, found = moved.get(old, (None, Found.NONE))
            proposals.append(Proposal(duty, number, found, old))
        else:  # no earlier version stated it: look for its wording
            number, found = _closest(duty.wording, clauses)
            proposals.append(Proposal(duty, number, found))
    return proposals
