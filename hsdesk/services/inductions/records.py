"""Inductions: every current trustee, member of staff and volunteer
receives the adopted policy and acknowledges it, once per version. Who is outstanding, who is
overdue, the records of packs given and printed, and acknowledgements with their evidence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Induction, Person, PolicyVersion
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.induction import (
    COVERED_KINDS,
    DEFAULT_OVERDUE_DAYS,
    InductionStatus,
    due_on,
    induction_status,
)
from hsdesk.domain.induction_records import (
    InductionProgress,
    InductionRecord,
    InductionRow,
)
from hsdesk.domain.policy import PolicyStatus
from hsdesk.services.people.roles import full_name, has_left, role_of
from hsdesk.services.platform import settings
from hsdesk.services.policy.versions import current_version

OVERDUE_DAYS_KEY = "induction_overdue_days"


# --- settings --------------------------------------------------------------------------------


def overdue_days(db: Database) -> int:
    with db.read() as session:
        return settings.read_int(session, OVERDUE_DAYS_KEY, DEFAULT_OVERDUE_DAYS)


def set_overdue_days(db: Database, actor: Actor, days: int) -> None:
    """How many days after starting (or after a new version's adoption) an acknowledgement is
    overdue. Administrators only."""
    settings.save_number(
        db,
        actor,
        OVERDUE_DAYS_KEY,
        days,
        range(1, 366),
        "Inductions must be due within 1 to 365 days. Choose a number in that range.",
        f"Inductions now overdue {days} days after a person starts or a version is adopted",
    )


# --- who is covered --------------------------------------------------------------------------


def _person_status(person: Person) -> str:
    if person.volunteer_status is not None:
        return person.volunteer_status.label
    return "Current"


def covered_people(session: Session, day: date) -> list[Person]:
    """Every trustee, member of staff and volunteer who has not left (resting volunteers too)."""
    query = (
        select(Person)
        .where(Person.kind.in_(COVERED_KINDS))
        .options(selectinload(Person.holdings))
        .order_by(Person.last_name, Person.first_name)
    )
    return [p for p in session.execute(query).scalars() if not has_left(p, day)]


# --- records ---------------------------------------------------------------------------------


def _record(row: Induction) -> InductionRecord:
    version = row.version
    return InductionRecord(
        id=row.id,
        person_id=row.person_id,
        person_name=full_name(row.person),
        version_id=row.version_id,
        version_number=version.number,
        document_name=version.document.name,
        role=row.role,
        given_on=row.given_on,
        given_by=row.given_by,
        pack_printed_on=row.pack_printed_on,
        acknowledged_on=row.acknowledged_on,
        method=row.method,
        evidence_sha256=row.evidence_sha256,
        evidence_name=row.evidence.original_name if row.evidence else "",
        notes=row.notes,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(Induction).options(
        selectinload(Induction.person),
        selectinload(Induction.version).selectinload(PolicyVersion.document),
        selectinload(Induction.evidence),
    )


def history(db: Database, person_id: int) -> list[InductionRecord]:
    """A person's inductions, the newest version first."""
    query = (
        _query()
        .join(PolicyVersion, Induction.version_id == PolicyVersion.id)
        .where(Induction.person_id == person_id)
        .order_by(PolicyVersion.document_id, PolicyVersion.number.desc())
    )
    with db.read() as session:
        return [_record(r) for r in session.execute(query).scalars()]


def all_records(session: Session) -> list[InductionRecord]:
    query = _query().order_by(Induction.person_id, Induction.version_id)
    return [_record(r) for r in session.execute(query).scalars()]


def standing(session: Session, day: date) -> tuple[PolicyVersion | None, list[InductionRow]]:
    version = current_version(session)
    if version is None:  # nothing adopted yet, so nobody can be inducted
        return None, []
    people = covered_people(session, day)
    days = settings.read_int(session, OVERDUE_DAYS_KEY, DEFAULT_OVERDUE_DAYS)
    ids = [p.id for p in people]
    by_person: dict[int, list[Induction]] = {}
    if ids:
        found = session.execute(_query().where(Induction.person_id.in_(ids))).scalars()
        for row in found:
            by_person.setdefault(row.person_id, []).append(row)
    rows = []
    for person in people:
        mine = by_person.get(person.id, [])
        current = next((r for r in mine if r.version_id == version.id), None)
        earlier = sorted(
            (r for r in mine if r is not current and r.acknowledged_on),
            key=lambda r: r.version.number,
        )
        previous = (
            f"version {earlier[-1].version.number}, {format_date(earlier[-1].acknowledged_on)}"
            if earlier
            else ""
        )
        adopted = version.adopted_on or day
        due = due_on(person.start_date, adopted, days)
        acknowledged = current is not None and current.acknowledged_on is not None
        rows.append(
            InductionRow(
                person_id=person.id,
                name=full_name(person),
                last_name=person.last_name,
                kind=person.kind,
                role=role_of(person, day),
                person_status=_person_status(person),
                start_date=person.start_date,
                status=induction_status(acknowledged, due, day),
                due_on=due,
                current=_record(current) if current is not None else None,
                previous=previous,
            )
        )
    return version, rows


def progress_of(version: PolicyVersion, rows: Sequence[InductionRow]) -> InductionProgress:
    count = {s: sum(1 for r in rows if r.status is s) for s in InductionStatus}
    return InductionProgress(
        version_id=version.id,
        version_label=f"{version.document.name} version {version.number}",
        adopted_on=version.adopted_on or date.min,
        total=len(rows),
        acknowledged=count[InductionStatus.DONE],
        outstanding=count[InductionStatus.OUTSTANDING] + count[InductionStatus.OVERDUE],
        overdue=count[InductionStatus.OVERDUE],
    )


def induction_rows(
    db: Database, today: date | None = None
) -> tuple[InductionProgress | None, list[InductionRow]]:
    """Everyone covered, with their standing on the current adopted version, and the totals.
    Without an adopted version nobody can be inducted, so the list is empty."""
    day = today or clock.today()
    with db.read() as session:
        version, rows = standing(session, day)
        if version is None:
            return None, []
        return progress_of(version, rows), rows


def outstanding_ids(db: Database, today: date | None = None) -> list[int]:
    """Everyone who has not acknowledged the current version, overdue first, then by name."""
    _totals, rows = induction_rows(db, today)
    waiting = [r for r in rows if r.status is not InductionStatus.DONE]
    waiting.sort(key=lambda r: (r.status is not InductionStatus.OVERDUE, r.last_name, r.name))
    return [r.person_id for r in waiting]


# --- writing ---------------------------------------------------------------------------------


def covered_person(session: Session, person_id: int, day: date) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist (they may have been removed).")
    name = full_name(person)
    if person.kind not in COVERED_KINDS:
        raise ValidationError(
            f"{name} is recorded as {person.kind.label.lower()}. Inductions are for trustees, "
            "staff and volunteers only."
        )
    if has_left(person, day):
        when = f" on {format_date(person.end_date)}" if person.end_date else ""
        raise ValidationError(
            f"{name} left{when}. Inductions are recorded only for current trustees, staff "
            "and volunteers; if they have come back, update their record in People first."
        )
    return person


def adopted_version(session: Session, version_id: int) -> PolicyVersion:
    version = session.get(PolicyVersion, version_id)
    if version is None:
        raise NotFound(f"Policy version {version_id} does not exist.")
    if version.adopted_on is None or version.status is PolicyStatus.DRAFT:
        raise ValidationError(
            f"Version {version.number} of {version.document.name} was never adopted. People "
            "acknowledge an adopted version: choose the one the Chair adopted."
        )
    return version


def adopted_versions(db: Database) -> list[tuple[int, str]]:
    """(id, label) of every version ever adopted, newest first, for choosing what was signed."""
    query = (
        select(PolicyVersion)
        .where(PolicyVersion.adopted_on.is_not(None))
        .options(selectinload(PolicyVersion.document))
        .order_by(PolicyVersion.document_id, PolicyVersion.number.desc())
    )
    with db.read() as session:
        return [
            (
                v.id,
                f"{v.document.name} version {v.number} (adopted {format_date(v.adopted_on)})"
                + ("" if v.status is PolicyStatus.ADOPTED else " — superseded"),
            )
            for v in session.execute(query).scalars()
        ]
