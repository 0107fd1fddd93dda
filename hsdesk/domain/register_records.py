"""What the registers' services take and hand back: complaints, breaches, declared connections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hsdesk.domain.registers import (
    BreachAction,
    BreachStatus,
    ComplaintState,
    ReplyMethod,
)


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    seen_at: datetime | None
    channel_id: int | None
    where: str  # the post or comment's link
    summary: str
    replied_by_id: int | None = None
    replied_at: datetime | None = None
    method: ReplyMethod | None = None
    procedure_ref: str = ""
    outcome: str = ""
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class ComplaintRecord:
    id: int
    seen_at: datetime
    channel_id: int
    channel_name: str
    where: str
    summary: str
    replied_by_id: int | None
    replied_by: str
    replied_at: datetime | None
    method: ReplyMethod | None
    procedure_ref: str
    outcome: str
    closed_on: date | None
    state: ComplaintState
    reply_time: str  # "3 h 20 min", or how long it has waited so far
    late: bool  # replied (or still waiting) after the time allowed
    takedown: str  # "", or what became of the takedown asked for because of it
    takedown_open: bool
    item_id: int | None
    recorded_by: str
    recorded_at: datetime
    policy_version_id: int | None = None  # the version in force when it was recorded

    @property
    def reference(self) -> str:
        return f"C-{self.id}"


@dataclass(frozen=True, slots=True)
class BreachInput:
    occurred_on: date | None
    person_id: int | None
    clauses: tuple[str, ...]
    what: str
    reported_by: str
    action: BreachAction | None = None
    action_on: date | None = None
    action_notes: str = ""
    status: BreachStatus = BreachStatus.REPORTED
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class BreachRecord:
    id: int
    occurred_on: date
    person_id: int
    person_name: str
    person_role: str  # on the day it happened, e.g. "Volunteer"
    clauses: tuple[str, ...]
    what: str
    reported_by: str
    action: BreachAction | None
    action_on: date | None
    action_notes: str
    status: BreachStatus
    closed_on: date | None
    recorded_by: str
    recorded_at: datetime
    policy_version_id: int | None = None  # the version its clause numbers belong to

    @property
    def reference(self) -> str:
        return f"B-{self.id}"


@dataclass(frozen=True, slots=True)
class ConnectionInput:
    person_id: int | None
    other_id: int | None
    relationship: str  # e.g. "school friends", "cousins"
    where: str  # e.g. "Facebook"
    since_year: int | None
    declared_on: date | None
    notes: str = ""
    ended_on: date | None = None


@dataclass(frozen=True, slots=True)
class ConnectionRecord:
    id: int
    person_id: int
    person_name: str
    person_role: str
    other_id: int
    other_name: str
    other_role: str  # e.g. "Volunteer (active)", "Family member, HS-014 (supported)"
    relationship: str
    where: str
    since_year: int | None
    declared_on: date
    reviewed_on: date | None
    ended_on: date | None
    notes: str
    due_on: date | None  # re-confirmation due; None once the link has ended
    due: bool  # re-confirmation is due (or overdue) today
    rules: tuple[str, ...]  # the boundary rules that apply, for the manager to act on
