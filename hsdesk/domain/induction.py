"""Induction rules: who must acknowledge the adopted policy, when they are
overdue, and what counts as evidence. Pure: no database, no Qt."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from hsdesk.domain.enums import PersonKind

# The policy is part of the induction of trustees, staff and volunteers.
COVERED_KINDS = (PersonKind.TRUSTEE, PersonKind.STAFF, PersonKind.VOLUNTEER)
DEFAULT_OVERDUE_DAYS = 14


class AckMethod(StrEnum):
    PAPER = "paper"
    SCREEN = "screen"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    AckMethod.PAPER: "Paper slip signed and scanned",
    AckMethod.SCREEN: "Signed on screen",
    AckMethod.IN_PERSON: "Read and confirmed in person",
}


class InductionStatus(StrEnum):
    OVERDUE = "overdue"
    OUTSTANDING = "outstanding"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STATUS_COLOURS = {
    InductionStatus.OVERDUE: "#a61b1b",
    InductionStatus.OUTSTANDING: "#8a5a00",
    InductionStatus.DONE: "#1d6b32",
}


def due_on(start_date: date | None, adopted_on: date, overdue_days: int) -> date:
    """The last day to acknowledge: ``overdue_days`` after the later of the person's start and
    the version's adoption (a new version makes everyone due again from its adoption)."""
    begins = max(start_date, adopted_on) if start_date else adopted_on
    return begins + timedelta(days=overdue_days)


def induction_status(acknowledged: bool, due: date, today: date) -> InductionStatus:
    if acknowledged:
        return InductionStatus.DONE
    return InductionStatus.OVERDUE if today > due else InductionStatus.OUTSTANDING
