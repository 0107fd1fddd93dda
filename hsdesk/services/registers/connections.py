"""The connections register: online friendships and other links that existed before
someone's involvement, declared, confirmed again every year, and the boundary rules shown beside each so the manager can act."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import DeclaredConnection, Family, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.duties import Citations
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.register_records import ConnectionInput, ConnectionRecord
from hsdesk.domain.registers import INVOLVED_KINDS, Party, boundary_rules, reconfirm_due
from hsdesk.services.people.roles import full_name, has_left, role_of
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations

PLACES = ["Facebook", "Instagram", "WhatsApp", "X (Twitter)", "LinkedIn", "TikTok", "Snapchat"]


def _family_state(family: Family | None, day: date) -> tuple[bool, bool]:
    """(referred or supported now, support has ended)."""
    if family is None:
        return False, False
    ended = family.support_end is not None and family.support_end < day
    return not ended, ended


def _party(person: Person, day: date) -> Party:
    in_family = person.kind in (PersonKind.FAMILY_MEMBER, PersonKind.CHILD)
    supported, ended = _family_state(person.family if in_family else None, day)
    return Party(
        person.kind,
        person.volunteer_status,
        person.start_date,
        person.end_date,
        supported,
        ended,
    )


def describe(person: Person, day: date) -> str:
    """Who the other side is, as a manager needs it: "Volunteer (resting)", "Family member,
    HS-014 (supported)"."""
    if person.kind in (PersonKind.FAMILY_MEMBER, PersonKind.CHILD) and person.family:
        supported, _ended = _family_state(person.family, day)
        state = "supported" if supported else "support ended"
        return f"{person.kind.label}, {person.family.reference} ({state})"
    if person.volunteer_status is not None:
        return f"{role_of(person, day)} ({person.volunteer_status.label.lower()})"
    return role_of(person, day) + (" (left)" if has_left(person, day) else "")


def _record(row: DeclaredConnection, day: date, cite: Citations) -> ConnectionRecord:
    due = None
    if row.ended_on is None and not has_left(row.person, day):
        due = reconfirm_due(row.declared_on, row.reviewed_on)
    rules = (
        ()
        if row.ended_on is not None
        else tuple(
            boundary_rules(
                _party(row.person, day), _party(row.other, day), row.since_year, day, cite
            )
        )
    )
    return ConnectionRecord(
        id=row.id,
        person_id=row.person_id,
        person_name=full_name(row.person),
        person_role=describe(row.person, day),
        other_id=row.other_id,
        other_name=full_name(row.other),
        other_role=describe(row.other, day),
        relationship=row.nature,
        where=row.place,
        since_year=row.since_year,
        declared_on=row.declared_on,
        reviewed_on=row.reviewed_on,
        ended_on=row.ended_on,
        notes=row.notes,
        due_on=due,
        due=due is not None and due <= day,
        rules=rules,
    )


def _query():  # type: ignore[no-untyped-def]
    loads = [selectinload(Person.holdings), selectinload(Person.family)]
    return select(DeclaredConnection).options(
        selectinload(DeclaredConnection.person).options(*loads),
        selectinload(DeclaredConnection.other).options(*loads),
    )


def connections_in(session: Session, day: date) -> list[ConnectionRecord]:
    rows = session.execute(
        _query().order_by(DeclaredConnection.declared_on.desc(), DeclaredConnection.id.desc())
    ).scalars()
    cite = citations(session)
    return [_record(row, day, cite) for row in rows]


def list_connections(
    db: Database, actor: Actor, today: date | None = None
) -> list[ConnectionRecord]:
    require(db, actor, Permission.RECORD_CONNECTIONS)
    with db.read() as session:
        return connections_in(session, today or clock.today())


def due_for_reconfirmation(session: Session, day: date) -> list[ConnectionRecord]:
    return sorted(
        (c for c in connections_in(session, day) if c.due),
        key=lambda c: (c.due_on or day, c.person_name),
    )


def people_choices(db: Database, actor: Actor, declaring: bool) -> list[tuple[int, str]]:
    """Who can declare (current staff, trustees, volunteers) or be the other side (anyone)."""
    require(db, actor, Permission.RECORD_CONNECTIONS)
    day = clock.today()
    with db.read() as session:
        query = select(Person).options(selectinload(Person.holdings), selectinload(Person.family))
        if declaring:
            query = query.where(Person.kind.in_(INVOLVED_KINDS))
        people = session.execute(query.order_by(Person.last_name, Person.first_name)).scalars()
        return [
            (p.id, f"{full_name(p)} — {describe(p, day)}")
            for p in people
            if not (declaring and has_left(p, day))
        ]


def _load(session: Session, connection_id: int) -> DeclaredConnection:
    row = session.execute(
        _query().where(DeclaredConnection.id == connection_id)
    ).scalar_one_or_none()
    if row is None:
        raise NotFound("That declaration is no longer in the register.")
    return row


def _checked(
    session: Session, data: ConnectionInput, connection_id: int | None, day: date
) -> ConnectionInput:
    person = session.get(Person, data.person_id) if data.person_id is not None else None
    if person is None or person.kind not in INVOLVED_KINDS:
        raise ValidationError(
            "Choose the member of staff, trustee or volunteer who is declaring the link."
        )
    other = session.get(Person, data.other_id) if data.other_id is not None else None
    if other is None:
        raise ValidationError("Choose who they are connected with from the People register.")
    if other.id == person.id:
        raise ValidationError(
            f"{full_name(person)} cannot declare a connection with themselves. Choose the other "
            "person in the link."
        )
    nature = " ".join(data.relationship.split())
    if not nature:
        raise ValidationError("Say what the link is, e.g. 'friends from school' or 'cousins'.")
    place = " ".join(data.where.split())
    if not place:
        raise ValidationError("Say where the link is online, e.g. Facebook, or 'not online'.")
    if len(nature) > 200 or len(place) > 200:
        raise ValidationError("Keep what the link is and where it is within 200 characters each.")
    if data.declared_on is None:
        raise ValidationError("Give the date it was declared (dd/mm/yyyy).")
    if data.declared_on > day:
        raise ValidationError(
            f"The declaration date {format_date(data.declared_on)} is in the future."
        )
    if data.since_year is not None and not 1900 <= data.since_year <= data.declared_on.year:
        raise ValidationError(
            f"The year the link began must be between 1900 and {data.declared_on.year} (the "
            "year it was declared). Leave it empty if nobody knows."
        )
    if data.ended_on is not None and not data.declared_on <= data.ended_on <= day:
        raise ValidationError("The date the link ended must be between the declaration and today.")
    clash = session.execute(
        select(DeclaredConnection.id).where(
            DeclaredConnection.person_id == person.id,
            DeclaredConnection.other_id == other.id,
            DeclaredConnection.ended_on.is_(None),
            DeclaredConnection.id != (connection_id or -1),
        )
    ).first()
    if clash is not None and data.ended_on is None:
        raise ValidationError(
            f"{full_name(person)} has already declared a link with {full_name(other)}. Open "
            "that declaration and confirm it again instead."
        )
    return ConnectionInput(
        person.id,
        other.id,
        nature,
        place,
        data.since_year,
        data.declared_on,
        data.notes.strip(),
        data.ended_on,
    )


def save_connection(
    db: Database,
    actor: Actor,
    connection_id: int | None,
    data: ConnectionInput,
    today: date | None = None,
    at: datetime | None = None,
) -> ConnectionRecord:
    """Record a declaration (``connection_id`` None) or correct one, or record that it ended."""
    require(db, actor, Permission.RECORD_CONNECTIONS)
    day = today or clock.today()
    with db.write() as session:
        return write_connection(session, actor, connection_id, data, day, at or clock.now())


def write_connection(
    session: Session,
    actor: Actor,
    connection_id: int | None,
    data: ConnectionInput,
    day: date,
    stamp: datetime,
) -> ConnectionRecord:
    clean = _checked(session, data, connection_id, day)
    row = _load(session, connection_id) if connection_id is not None else None
    if row is None:
        row = DeclaredConnection(recorded_by=actor.display_name, recorded_at=stamp)
        session.add(row)
    row.person_id, row.other_id = clean.person_id or 0, clean.other_id or 0
    row.nature, row.place, row.since_year = clean.relationship, clean.where, clean.since_year
    row.declared_on, row.notes, row.ended_on = (
        clean.declared_on or day,
        clean.notes,
        clean.ended_on,
    )
    session.flush()
    session.expire(row)
    row = _load(session, row.id)
    record = _record(row, day, citations(session))
    verb = "Recorded" if connection_id is None else "Updated"
    if clean.ended_on is not None:
        verb = "Recorded the end of"
    audit.record(
        session,
        actor,
        "add" if connection_id is None else "edit",
        "declared_connection",
        row.id,
        f"{verb} the declared link between {record.person_name} and {record.other_name}",
        {"rules": [r.split(":")[0] for r in record.rules]},
    )
    return record


def reconfirm(
    db: Database, actor: Actor, connection_id: int, on: date | None, today: date | None = None
) -> ConnectionRecord:
    """The yearly re-confirmation: the link is as declared (a change is an edit or an end)."""
    require(db, actor, Permission.RECORD_CONNECTIONS)
    day = today or clock.today()
    with db.write() as session:
        row = _load(session, connection_id)
        if on is None:
            raise ValidationError("Give the date it was confirmed again (dd/mm/yyyy).")
        if row.ended_on is not None:
            raise ValidationError(
                f"This link ended on {format_date(row.ended_on)}; there is nothing to confirm."
            )
        if not row.declared_on <= on <= day:
            raise ValidationError(
                "The confirmation date must be between the declaration and today."
            )
        row.reviewed_on = on
        session.flush()
        record = _record(row, day, citations(session))
        audit.record(
            session,
            actor,
            "edit",
            "declared_connection",
            row.id,
            f"Confirmed again the declared link between {record.person_name} and "
            f"{record.other_name} on {format_date(on)}",
        )
        return record
