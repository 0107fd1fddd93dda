"""The registers' pure rules: complaints answered privately and in time, breaches and the action
taken, declared connections and the boundary rules that apply to them. Clauses are cited from the
version of the policy a record keeps (hsdesk.domain.duties)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from hsdesk.domain.consent import add_months
from hsdesk.domain.duties import Citations, D
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.errors import ValidationError

# The Registers tab's pages, by which the Dashboard opens the right one.
COMPLAINTS_PAGE = "Complaints"
CONNECTIONS_PAGE = "Declared connections"
BREACHES_PAGE = "Breaches (confidential)"

DEFAULT_REPLY_HOURS = 24  # a complaint without a private reply is overdue after this
RECONFIRM_MONTHS = 12  # a declared connection is confirmed again every year


class ReplyMethod(StrEnum):
    """How the private reply to a complaint was given."""

    MESSAGE = "message"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return _REPLY_LABELS[self]


_REPLY_LABELS = {
    ReplyMethod.MESSAGE: "Private message",
    ReplyMethod.PHONE: "Phone call",
    ReplyMethod.EMAIL: "Email",
    ReplyMethod.LETTER: "Letter",
}


class ComplaintState(StrEnum):
    WAITING = "waiting"  # no private reply yet, still within the time allowed
    OVERDUE = "overdue"  # no private reply, and the time allowed has passed
    ANSWERED = "answered"  # answered privately, not closed
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _COMPLAINT_LABELS[self]


_COMPLAINT_LABELS = {
    ComplaintState.WAITING: "Awaiting private reply",
    ComplaintState.OVERDUE: "Private reply overdue",
    ComplaintState.ANSWERED: "Answered privately",
    ComplaintState.CLOSED: "Closed",
}

COMPLAINT_COLOURS = {
    ComplaintState.WAITING: "#8a5a00",
    ComplaintState.OVERDUE: "#a61b1b",
    ComplaintState.ANSWERED: "#1d5fa8",
    ComplaintState.CLOSED: "#2b6e2f",
}


def complaint_state(
    replied_at: datetime | None,
    closed_on: date | None,
    seen_at: datetime,
    now: datetime,
    hours: int,
) -> ComplaintState:
    if closed_on is not None:
        return ComplaintState.CLOSED
    if replied_at is not None:
        return ComplaintState.ANSWERED
    if now - seen_at > timedelta(hours=hours):
        return ComplaintState.OVERDUE
    return ComplaintState.WAITING


def duration(span: timedelta) -> str:
    """A time to reply as people say it: "45 min", "3 h 20 min", "2 days 4 h"."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        rest_text = f" {hours} h" if hours else (f" {mins} min" if mins else "")
        return f"{days} day{'s' if days != 1 else ''}{rest_text}"
    if hours:
        return f"{hours} h" + (f" {mins} min" if mins else "")
    return f"{mins} min"


class BreachAction(StrEnum):
    """What was done about a breach (the disciplinary process for staff and trustees; a volunteer
    may be asked to leave)."""

    INFORMAL = "informal"
    DISCIPLINARY = "disciplinary"
    ASKED_TO_LEAVE = "asked_to_leave"
    NO_ACTION = "no_action"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    BreachAction.INFORMAL: "Informal word",
    BreachAction.DISCIPLINARY: "Disciplinary process",
    BreachAction.ASKED_TO_LEAVE: "Volunteer asked to leave",
    BreachAction.NO_ACTION: "No action",
}


def action_problem(action: BreachAction, kind: PersonKind, cite: Citations) -> str | None:
    """Why this action cannot be taken for this kind of person, citing the breach clauses."""
    volunteers, staff = cite.ref(D.VOLUNTEER_BREACHES), cite.ref(D.STAFF_BREACHES)
    if action is BreachAction.ASKED_TO_LEAVE and kind is not PersonKind.VOLUNTEER:
        return (
            f"Only a volunteer can be asked to leave the scheme ({volunteers}). For staff and "
            f"trustees choose the disciplinary process ({staff}) or an informal word."
        )
    if action is BreachAction.DISCIPLINARY and kind is PersonKind.VOLUNTEER:
        return (
            "Volunteers are not subject to the disciplinary process; "
            f"{volunteers} provides for a volunteer to be asked to leave. Choose that, or an "
            "informal word."
        )
    return None


class BreachStatus(StrEnum):
    REPORTED = "reported"
    INVESTIGATING = "investigating"
    ACTION = "action"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _BREACH_LABELS[self]


_BREACH_LABELS = {
    BreachStatus.REPORTED: "Reported",
    BreachStatus.INVESTIGATING: "Being looked into",
    BreachStatus.ACTION: "Action under way",
    BreachStatus.CLOSED: "Closed",
}

BREACH_COLOURS = {
    BreachStatus.REPORTED: "#a61b1b",
    BreachStatus.INVESTIGATING: "#8a5a00",
    BreachStatus.ACTION: "#1d5fa8",
    BreachStatus.CLOSED: "#2b6e2f",
}

INVOLVED_KINDS = (PersonKind.STAFF, PersonKind.TRUSTEE, PersonKind.VOLUNTEER)


def involved_on(kind: PersonKind, start: date | None, end: date | None, day: date) -> bool:
    """Was this person a member of staff, trustee or volunteer on ``day``? An unknown start
    counts as "before"; an end date is their last day."""
    return (
        kind in INVOLVED_KINDS and (start is None or start <= day) and (end is None or day <= end)
    )


def clean_clauses(numbers: Sequence[str]) -> tuple[str, ...]:
    """('2.7', ' 1.1', '2.7') → ('1.1', '2.7'): clause numbers only, each once, in policy
    order; anything that is not a clause number is refused."""
    found: list[str] = []
    for part in numbers:
        number = part.strip().rstrip(".")
        if not number:
            continue
        if not all(p.isascii() and p.isdigit() for p in number.split(".")) or len(number) > 12:
            raise ValidationError(
                f"'{number[:40]}' is not a clause number of the policy (such as 2.7). Pick the "
                "clauses from the list."
            )
        if number not in found:
            found.append(number)
    return tuple(sorted(found, key=lambda n: tuple(int(p) for p in n.split("."))))


def reconfirm_due(declared_on: date, reviewed_on: date | None) -> date:
    """The day a declaration is due to be confirmed again: a year after it was last confirmed."""
    return add_months(reviewed_on or declared_on, RECONFIRM_MONTHS)


@dataclass(frozen=True, slots=True)
class Party:
    """Just enough of a person to say which boundary rule a link falls under."""

    kind: PersonKind
    volunteer_status: VolunteerStatus | None
    start: date | None
    end: date | None
    family_supported: bool  # a family member or child of a family referred or supported now
    family_support_ended: bool  # ... of a family whose support has ended


def boundary_rules(
    who: Party, other: Party, since_year: int | None, day: date, cite: Citations
) -> list[str]:
    """The policy clauses a declared link touches, in words a manager can act on; empty when
    nothing in the policy applies to it."""
    rules: list[tuple[str, str]] = []  # the duty and its words, cited at the end
    staff = who.kind is PersonKind.STAFF
    current_volunteer = other.kind is PersonKind.VOLUNTEER and (
        other.volunteer_status in (None, VolunteerStatus.ACTIVE, VolunteerStatus.RESTING)
        and (other.end is None or day <= other.end)
    )
    if staff and current_volunteer:
        rules.append(
            (
                D.STAFF_VOLUNTEER_FRIENDS,
                "staff do not add a current volunteer (active or resting) as a social network "
                "friend, to keep the service's boundaries. Agree with the member of staff how the "
                "link is kept apart from their work.",
            )
        )
    if who.kind in (PersonKind.STAFF, PersonKind.TRUSTEE) and (
        other.family_supported or other.family_support_ended
    ):
        rules.append(
            (
                D.STAFF_FAMILY_FRIENDS,
                "staff and trustees do not add a family referred to or supported by Home-Start "
                "as a social network friend. Agree how the link is kept apart from the family's "
                "support.",
            )
        )
    if who.kind is PersonKind.VOLUNTEER and other.family_supported:
        rules.append(
            (
                D.VOLUNTEER_FAMILY_FRIENDS,
                "a volunteer does not add a supported family as a social network friend during "
                "their support. Do not match this volunteer with this family.",
            )
        )
    if who.kind is PersonKind.VOLUNTEER and other.family_support_ended:
        rules.append(
            (
                D.AFTER_SUPPORT,
                "support to this family has ended, so the friendship is a private arrangement "
                "outside the Home-Start service.",
            )
        )
    if rules and since_year is not None and who.start is not None and since_year > who.start.year:
        rules.append(
            (
                D.DECLARED_CONNECTIONS,
                f"the link began in {since_year}, after they started with Home-Start "
                f"({who.start.year}), so it is not a friendship from before their involvement.",
            )
        )
    return [_cited(cite, duty, words) for duty, words in rules]


def _cited(cite: Citations, duty: str, words: str) -> str:
    number = cite.number(duty)
    return f"{number}: {words}" if number else words[:1].upper() + words[1:]
