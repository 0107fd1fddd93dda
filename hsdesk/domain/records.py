"""Frozen records the services hand to the fronts; the UI never sees an ORM object."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hsdesk.domain import clock
from hsdesk.domain.attention import Area
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    first_name: str
    last_name: str
    kind: PersonKind
    volunteer_status: VolunteerStatus | None = None
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    start_date: date | None = None
    end_date: date | None = None
    family_id: int | None = None
    family_reference: str = ""
    guardian_id: int | None = None
    guardian_name: str = ""
    notes: str = ""
    username: str = ""
    offices: tuple[Office, ...] = ()
    acting_offices: tuple[Office, ...] = ()

    @property
    def offices_label(self) -> str:
        return ", ".join(
            f"{o.label} (acting)" if o in self.acting_offices else o.label for o in self.offices
        )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status_label(self) -> str:
        if self.volunteer_status is not None:
            return self.volunteer_status.label
        if self.end_date and self.end_date <= clock.today():
            return "Left"
        return "Current"


@dataclass(frozen=True, slots=True)
class PersonInput:
    """What a person's add/edit form supplies."""

    first_name: str
    last_name: str
    kind: PersonKind
    volunteer_status: VolunteerStatus | None = None
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    start_date: date | None = None
    end_date: date | None = None
    family_id: int | None = None
    guardian_id: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class FamilyRecord:
    id: int
    reference: str
    support_start: date | None
    support_end: date | None
    notes: str = ""
    member_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeHoldingRecord:
    id: int
    office: Office
    person_id: int
    person_name: str
    from_date: date
    to_date: date | None
    acting: bool
    acting_reason: str


@dataclass(frozen=True, slots=True)
class AccountRecord:
    id: int
    username: str
    person_id: int
    person_name: str
    is_admin: bool
    active: bool
    last_sign_in: datetime | None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    at: datetime
    actor: str
    signer: str | None
    action: str
    entity: str
    entity_id: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One line of the Dashboard's "Needs attention" list."""

    severity: str  # "urgent" | "warning" | "info"
    title: str
    detail: str
    area: Area  # the part of the app that fixes it
    page: str = ""  # the page of that tab, where it has several, e.g. "Complaints"
