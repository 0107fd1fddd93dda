"""Frozen records of inductions the services hand to the fronts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.induction import AckMethod, InductionStatus


@dataclass(frozen=True, slots=True)
class InductionRecord:
    """One person's induction into one policy version."""

    id: int
    person_id: int
    person_name: str
    version_id: int
    version_number: int
    document_name: str
    role: str
    given_on: date | None
    given_by: str
    pack_printed_on: date | None
    acknowledged_on: date | None
    method: AckMethod | None
    evidence_sha256: str | None
    evidence_name: str
    notes: str
    recorded_by: str
    recorded_at: datetime

    @property
    def version_label(self) -> str:
        return f"{self.document_name} version {self.version_number}"

    @property
    def summary(self) -> str:
        """One line for a person's history, e.g. "Version 2: acknowledged 03/05/2018 (…)"."""
        parts = []
        if self.acknowledged_on and self.method:
            parts.append(
                f"acknowledged {format_date(self.acknowledged_on)} ({self.method.label.lower()})"
            )
        else:
            parts.append("not acknowledged yet")
        if self.given_on:
            by = f" by {self.given_by}" if self.given_by else ""
            parts.append(f"given {format_date(self.given_on)}{by}")
        if self.pack_printed_on:
            parts.append(f"pack printed {format_date(self.pack_printed_on)}")
        return f"Version {self.version_number}: " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class InductionRow:
    """A trustee, member of staff or volunteer, and where they stand with the current policy."""

    person_id: int
    name: str
    last_name: str
    kind: PersonKind
    role: str
    person_status: str  # Current / Active / Resting
    start_date: date | None
    status: InductionStatus
    due_on: date
    current: InductionRecord | None
    previous: str  # the latest earlier acknowledgement, e.g. "version 1, 12/05/2016"

    @property
    def acknowledged_on(self) -> date | None:
        return self.current.acknowledged_on if self.current else None

    @property
    def given_on(self) -> date | None:
        return self.current.given_on if self.current else None

    @property
    def pack_printed_on(self) -> date | None:
        return self.current.pack_printed_on if self.current else None


@dataclass(frozen=True, slots=True)
class InductionProgress:
    """How far the office is with the current adopted version."""

    version_id: int
    version_label: str
    adopted_on: date
    total: int
    acknowledged: int
    outstanding: int
    overdue: int

    @property
    def text(self) -> str:
        return f"{self.acknowledged} of {self.total} acknowledged"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A scanned slip (PDF or image) or an on-screen signature, as bytes with a file name."""

    data: bytes
    file_name: str


@dataclass(frozen=True, slots=True)
class AckInput:
    person_id: int
    version_id: int
    acknowledged_on: date
    method: AckMethod
    given_on: date | None = None
    given_by: str = ""
    evidence: Evidence | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PackDocument:
    """An extra PDF an administrator attached to every pack for one role."""

    id: int
    kind: PersonKind
    position: int
    title: str
    sha256: str
    pages: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class PackPerson:
    """What one person's pack prints about them."""

    person_id: int
    name: str
    role: str
    kind: PersonKind
    day: date
