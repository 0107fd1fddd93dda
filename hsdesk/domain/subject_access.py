"""What hsdesk holds about one person, gathered for a subject access request (UK GDPR article
15): each kind of record with why the scheme holds it, the stored files, what was withheld and
why, and the audit entries about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class HeldFile:
    sha256: str
    name: str  # the name it is given in the export
    data: bytes


@dataclass(frozen=True, slots=True)
class HeldRecords:
    """One kind of record held about the person (a table's rows that name them)."""

    key: str  # the CSV file's name, without .csv
    title: str  # "Photo consent about you"
    why: str  # why the scheme holds it, in plain words
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    files: tuple[HeldFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Withheld:
    title: str
    count: int
    why: str  # why it was left out, and whom to ask


@dataclass(frozen=True, slots=True)
class SubjectAccess:
    person_id: int
    person_name: str
    made_at: datetime
    made_by: str
    held: tuple[HeldRecords, ...]
    withheld: tuple[Withheld, ...] = ()
    audit: HeldRecords | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def record_count(self) -> int:
        return sum(len(h.rows) for h in self.held)

    @property
    def files(self) -> tuple[HeldFile, ...]:
        return tuple(f for h in self.held for f in h.files)
