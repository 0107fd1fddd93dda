"""Recording an induction: the policy given, the pack printed, the acknowledgement signed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.filestore import FileStore
from hsdesk.db.models import Induction, Person, PolicyVersion
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.induction import (
    COVERED_KINDS,
    AckMethod,
)
from hsdesk.domain.induction_records import (
    AckInput,
    InductionRecord,
)
from hsdesk.domain.permissions import Permission
from hsdesk.services.inductions.records import _query, _record, adopted_version, covered_person
from hsdesk.services.people.roles import full_name, has_left, role_of
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, checked_scan


def _not_future(day: date, what: str, today: date) -> None:
    if day > today:
        raise ValidationError(
            f"The {what} date {format_date(day)} is in the future. Record it on or after the day."
        )


def _not_before_adoption(day: date, version: PolicyVersion, what: str) -> None:
    adopted = version.adopted_on
    if adopted is not None and day < adopted:
        raise ValidationError(
            f"The {what} date {format_date(day)} is before version {version.number} was adopted "
            f"({format_date(adopted)}). Check the date or the version."
        )


def _induction(
    session: Session, actor: Actor, person: Person, version: PolicyVersion, day: date
) -> Induction:
    """The person's record for this version, made (with their role that day) if there is none."""
    row = session.execute(
        _query().where(Induction.person_id == person.id, Induction.version_id == version.id)
    ).scalar_one_or_none()
    if row is None:
        row = Induction(
            person=person,
            version=version,
            role=role_of(person, day),
            given_by="",
            notes="",
            recorded_by=actor.username,
            recorded_at=clock.now(),
        )
        session.add(row)
    return row


def record_acknowledgement(
    db: Database, actor: Actor, data: AckInput, today: date | None = None
) -> InductionRecord:
    """Record that a person acknowledged a version, with the evidence; one transaction."""
    require(db, actor, Permission.RECORD_INDUCTIONS)
    with db.write() as session:
        return _record(
            insert_acknowledgement(session, db.files, actor, data, today or clock.today())
        )


def insert_acknowledgement(
    session: Session, files: FileStore, actor: Actor, data: AckInput, day: date
) -> Induction:
    media_type = (
        checked_scan(data.evidence.data, data.evidence.file_name) if data.evidence else None
    )
    if data.method is AckMethod.PAPER and data.evidence is None:
        raise ValidationError("Attach the scanned, signed acknowledgement slip (PDF or image).")
    if data.method is AckMethod.SCREEN and data.evidence is None:
        raise ValidationError("Sign in the signature box before recording the acknowledgement.")
    person = covered_person(session, data.person_id, day)
    version = adopted_version(session, data.version_id)
    name = full_name(person)
    _not_future(data.acknowledged_on, "acknowledgement", day)
    _not_before_adoption(data.acknowledged_on, version, "acknowledgement")
    row = _induction(session, actor, person, version, data.acknowledged_on)
    if row.acknowledged_on is not None:
        raise ValidationError(
            f"{name} already acknowledged version {version.number} on "
            f"{format_date(row.acknowledged_on)}. Nothing was changed."
        )
    given_on = data.given_on or row.given_on or data.acknowledged_on
    _not_before_adoption(given_on, version, "given")
    if given_on > data.acknowledged_on:
        raise ValidationError(
            f"The policy was given on {format_date(given_on)}, after the acknowledgement "
            f"date {format_date(data.acknowledged_on)}. Someone acknowledges the policy "
            "after receiving it: correct one of the dates."
        )
    if data.evidence is not None and media_type is not None:
        stored = add_file(session, files, data.evidence.data, data.evidence.file_name, media_type)
        row.evidence_sha256 = stored.sha256
    row.given_on = given_on
    row.given_by = data.given_by.strip() or row.given_by or actor.display_name
    row.acknowledged_on = data.acknowledged_on
    row.method = data.method
    row.notes = data.notes.strip()
    row.recorded_by = actor.username
    row.recorded_at = clock.now()
    session.flush()
    audit.record(
        session,
        actor,
        "acknowledge",
        "induction",
        row.id,
        f"Recorded that {name} acknowledged version {version.number} of "
        f"{version.document.name} on {format_date(data.acknowledged_on)} "
        f"({data.method.label.lower()})",
        {
            "person": person.id,
            "version": version.id,
            "method": data.method.value,
            "evidence": row.evidence_sha256,
        },
    )
    return row


def record_given(
    db: Database,
    actor: Actor,
    person_id: int,
    version_id: int,
    given_on: date,
    given_by: str,
    today: date | None = None,
) -> InductionRecord:
    """Record that the person received the policy (their induction pack) on a day."""
    require(db, actor, Permission.RECORD_INDUCTIONS)
    with db.write() as session:
        row = insert_given(
            session, actor, person_id, version_id, given_on, given_by, today or clock.today()
        )
        return _record(row)


def insert_given(
    session: Session,
    actor: Actor,
    person_id: int,
    version_id: int,
    given_on: date,
    given_by: str,
    day: date,
) -> Induction:
    who = given_by.strip() or actor.display_name
    person = covered_person(session, person_id, day)
    version = adopted_version(session, version_id)
    _not_future(given_on, "given", day)
    _not_before_adoption(given_on, version, "given")
    row = _induction(session, actor, person, version, given_on)
    if row.acknowledged_on is not None and given_on > row.acknowledged_on:
        raise ValidationError(
            f"{full_name(person)} acknowledged version {version.number} on "
            f"{format_date(row.acknowledged_on)}, before {format_date(given_on)}. The policy "
            "must have been given by then: correct the date."
        )
    row.given_on = given_on
    row.given_by = who
    session.flush()
    audit.record(
        session,
        actor,
        "give",
        "induction",
        row.id,
        f"{who} gave {full_name(person)} version {version.number} of {version.document.name} "
        f"on {format_date(given_on)}",
        {"person": person.id, "version": version.id},
    )
    return row


def mark_printed(
    db: Database, actor: Actor, person_ids: Sequence[int], version_id: int, day: date | None = None
) -> int:
    """Record that these people's packs were printed today; returns how many were marked."""
    require(db, actor, Permission.RECORD_INDUCTIONS)
    with db.write() as session:
        return insert_printed(session, actor, person_ids, version_id, day or clock.today())


def insert_printed(
    session: Session, actor: Actor, person_ids: Sequence[int], version_id: int, printed: date
) -> int:
    version = adopted_version(session, version_id)
    people = session.execute(
        select(Person).where(Person.id.in_(person_ids)).options(selectinload(Person.holdings))
    ).scalars()
    names = []
    for person in people:
        if person.kind not in COVERED_KINDS or has_left(person, printed):
            continue
        _induction(session, actor, person, version, printed).pack_printed_on = printed
        names.append(full_name(person))
    if not names:
        return 0
    session.flush()
    audit.record(
        session,
        actor,
        "print",
        "induction",
        "",
        f"Printed induction packs (version {version.number}) for {len(names)} "
        f"{'person' if len(names) == 1 else 'people'}: {', '.join(sorted(names))}",
        {"version": version.id, "people": sorted(person_ids)},
    )
    return len(names)
