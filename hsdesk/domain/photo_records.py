"""Frozen records of the photo library and the consent register, as the fronts see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hsdesk.domain.consent import (
    Clearance,
    ConsentMethod,
    ConsentScope,
    ConsentStatus,
    ScopeClearance,
    scopes_label,
)


@dataclass(frozen=True, slots=True)
class PictureRef:
    person_id: int
    name: str


@dataclass(frozen=True, slots=True)
class PhotoRecord:
    id: int
    sha256: str
    original_name: str
    caption: str
    event: str
    taken_on: date | None
    width: int
    height: int
    unidentified: int
    imported_at: datetime
    pictured: tuple[PictureRef, ...]
    clearances: tuple[ScopeClearance, ...]
    checked: bool = True  # someone recorded who is pictured (or that nobody can be identified)

    def clearance(self, scope: ConsentScope) -> ScopeClearance:
        return next(c for c in self.clearances if c.scope is scope)

    @property
    def title(self) -> str:
        return self.caption or self.original_name or f"Photo {self.id}"

    @property
    def worst(self) -> Clearance:
        """Blocked if blocked for any use, else expiring if any is, else cleared."""
        statuses = {c.status for c in self.clearances}
        for status in (Clearance.UNCHECKED, Clearance.BLOCKED, Clearance.EXPIRING):
            if status in statuses:
                return status
        return Clearance.CLEARED


@dataclass(frozen=True, slots=True)
class PhotoDetails:
    """What the photo's caption form edits."""

    caption: str
    event: str
    taken_on: date | None
    unidentified: int


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    id: int
    subject_id: int
    subject_name: str
    given_by_id: int
    given_by_name: str
    relationship: str
    method: ConsentMethod
    witness: str
    wording_version: int
    scopes: frozenset[ConsentScope]
    given_on: date
    expires_on: date
    evidence_sha256: str | None
    notes: str
    recorded_by: str
    recorded_at: datetime
    status: ConsentStatus
    withdrawn_on: date | None = None
    withdrawn_how: str = ""
    supersedes_id: int | None = None
    superseded_by_id: int | None = None
    correction_reason: str = ""

    @property
    def scopes_label(self) -> str:
        return scopes_label(self.scopes)


@dataclass(frozen=True, slots=True)
class ConsentInput:
    """What the consent form supplies. ``evidence`` is (bytes, file name, media type)."""

    subject_id: int
    given_by_id: int
    relationship: str
    method: ConsentMethod
    wording_version: int
    scopes: frozenset[ConsentScope]
    given_on: date
    expires_on: date | None = None  # None: the default for the subject's age
    witness: str = ""
    notes: str = ""
    evidence: tuple[bytes, str, str] | None = None


@dataclass(frozen=True, slots=True)
class Wording:
    """One version of the consent wording people are shown."""

    version: int
    title: str
    body: str  # lines starting "[ ]" are the tick boxes of the uses

    @property
    def uses(self) -> list[str]:
        """The tick-box lines, one per use, in the order of the scopes."""
        return [
            line.strip()[3:].strip()
            for line in self.body.splitlines()
            if line.strip().startswith("[ ]")
        ]

    @property
    def paragraphs(self) -> list[str]:
        """The text as paragraphs, without the tick-box lines (forms draw those from the scopes)."""
        blocks: list[str] = []
        current: list[str] = []
        for line in self.body.splitlines():
            text = line.strip()
            if not text or text.startswith("[ ]"):
                if current:
                    blocks.append(" ".join(current))
                    current = []
                continue
            current.append(text)
        if current:
            blocks.append(" ".join(current))
        return blocks


@dataclass(frozen=True, slots=True)
class FormSubject:
    """The details a personalised consent form is filled in with."""

    person_id: int
    name: str
    date_of_birth: date | None
    family_reference: str
    minor: bool
    guardian_name: str = ""
