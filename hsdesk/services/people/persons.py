"""The People register and families."""

from __future__ import annotations

import re
from dataclasses import asdict, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Family, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office, PersonKind, VolunteerStatus
from hsdesk.domain.errors import AlreadyInRegister, NotFound, ValidationError
from hsdesk.domain.offices import holds_on
from hsdesk.domain.permissions import Permission
from hsdesk.domain.records import FamilyRecord, PersonInput, PersonRecord
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _record(person: Person, today: date) -> PersonRecord:
    guardian = person.guardian
    current = [h for h in person.holdings if holds_on(h.from_date, h.to_date, today)]
    substantive = {h.office for h in current if not h.acting}
    return PersonRecord(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        kind=person.kind,
        volunteer_status=person.volunteer_status,
        date_of_birth=person.date_of_birth,
        email=person.email,
        phone=person.phone,
        start_date=person.start_date,
        end_date=person.end_date,
        family_id=person.family_id,
        family_reference=person.family.reference if person.family else "",
        guardian_id=person.guardian_id,
        guardian_name=f"{guardian.first_name} {guardian.last_name}".strip() if guardian else "",
        notes=person.notes,
        username=person.account.username if person.account else "",
        offices=tuple(sorted({h.office for h in current}, key=list(Office).index)),
        acting_offices=tuple(
            sorted({h.office for h in current} - substantive, key=list(Office).index)
        ),
    )


def _loaded():  # type: ignore[no-untyped-def]
    return select(Person).options(
        selectinload(Person.family),
        selectinload(Person.guardian),
        selectinload(Person.account),
        selectinload(Person.holdings),
    )


def list_people(db: Database, kinds: set[PersonKind] | None = None) -> list[PersonRecord]:
    today = clock.today()
    query = _loaded().order_by(func.lower(Person.last_name), func.lower(Person.first_name))
    if kinds:
        query = query.where(Person.kind.in_(kinds))
    with db.read() as session:
        return [_record(p, today) for p in session.execute(query).scalars()]


def get_person(db: Database, person_id: int) -> PersonRecord:
    with db.read() as session:
        person = session.execute(_loaded().where(Person.id == person_id)).scalar_one_or_none()
        if person is None:
            raise NotFound(f"Person number {person_id} is not in the People register.")
        return _record(person, clock.today())


def _validate(session: Session, data: PersonInput, person_id: int | None) -> PersonInput:
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first:
        raise ValidationError("Enter the person's first name.")
    if data.kind in (PersonKind.TRUSTEE, PersonKind.STAFF, PersonKind.VOLUNTEER) and not last:
        raise ValidationError(f"Enter the last name of this {data.kind.label.lower()}.")
    email = data.email.strip()
    if email and not EMAIL.match(email):
        raise ValidationError(f"'{email}' is not an email address. Correct it or leave it empty.")
    today = clock.today()
    if data.date_of_birth and data.date_of_birth > today:
        raise ValidationError("The date of birth is in the future. Check the year.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise ValidationError("The end date is before the start date. Correct one of them.")
    is_volunteer = data.kind == PersonKind.VOLUNTEER
    status = (data.volunteer_status or VolunteerStatus.ACTIVE) if is_volunteer else None
    guardian_id = data.guardian_id
    if data.kind == PersonKind.CHILD:
        if guardian_id is None:
            raise ValidationError(
                "A child must have a parent or guardian recorded. Choose one, or add the parent first."
            )
        guardian = session.get(Person, guardian_id)
        if guardian is None:
            raise ValidationError("The chosen parent or guardian is no longer in the register.")
        if guardian_id == person_id:
            raise ValidationError("A child cannot be their own parent or guardian.")
        if guardian.kind == PersonKind.CHILD:
            raise ValidationError(
                f"{guardian.first_name} is recorded as a child and cannot be the guardian."
            )
    else:
        guardian_id = None
    if data.family_id is not None and session.get(Family, data.family_id) is None:
        raise ValidationError("The chosen family is no longer in the register.")
    return PersonInput(
        **{
            **asdict(data),
            "first_name": first,
            "last_name": last,
            "email": email,
            "phone": data.phone.strip(),
            "notes": data.notes.strip(),
            "volunteer_status": status,
            "guardian_id": guardian_id,
        }
    )


def insert_person(session: Session, actor: Actor, data: PersonInput) -> Person:
    """Validate and add a person inside the caller's transaction (with its audit entry)."""
    clean = _validate(session, data, None)
    person = Person(**asdict(clean))
    session.add(person)
    session.flush()
    audit.record(
        session,
        actor,
        "add",
        "person",
        person.id,
        f"Added {clean.kind.label.lower()} {clean.first_name} {clean.last_name}".strip(),
        {"kind": clean.kind.value},
    )
    return person


def _describe(person: Person) -> str:
    about = [person.kind.label.lower()]
    if person.date_of_birth:
        about.append(f"born {format_date(person.date_of_birth)}")
    if person.start_date:
        about.append(f"since {format_date(person.start_date)}")
    name = " ".join(n for n in (person.first_name, person.last_name) if n)
    return f"{name} ({', '.join(about)})"


def same_person(session: Session, data: PersonInput) -> list[Person]:
    """People in the register who may be the one ``data`` describes: the same first and last
    name (whatever the capitals and spacing), unless both dates of birth are known and differ.
    Names are compared here, not by the database: SQLite's lower() leaves "Ë" as it is."""

    def key(first: str, last: str) -> tuple[str, str]:
        return " ".join(first.split()).casefold(), " ".join(last.split()).casefold()

    wanted, born = key(data.first_name, data.last_name), data.date_of_birth
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.date_of_birth)
    ).all()
    ids = [
        r.id
        for r in rows
        if key(r.first_name, r.last_name) == wanted
        and (born is None or r.date_of_birth in (None, born))
    ]
    if not ids:
        return []
    return list(session.execute(select(Person).where(Person.id.in_(ids))).scalars())


def add_person(
    db: Database, actor: Actor, data: PersonInput, same_name_confirmed: bool = False
) -> PersonRecord:
    """Add a person; someone who may be already in the register is refused with
    :class:`AlreadyInRegister` unless ``same_name_confirmed`` (they are someone else)."""
    require(db, actor, Permission.EDIT_PEOPLE)
    with db.write() as session:
        matches = [] if same_name_confirmed else same_person(session, data)
        if matches:
            names = "; ".join(_describe(p) for p in matches)
            raise AlreadyInRegister(
                f"{names} {'is' if len(matches) == 1 else 'are'} already in the People register. "
                "Open that record rather than adding the same person twice (their consents and "
                "inductions would be split between two records); if this is someone else with "
                "the same name, add them anyway.",
                tuple((p.id, _describe(p)) for p in matches),
            )
        person_id = insert_person(session, actor, data).id
    return get_person(db, person_id)


def update_person(db: Database, actor: Actor, person_id: int, data: PersonInput) -> PersonRecord:
    require(db, actor, Permission.EDIT_PEOPLE)
    with db.write() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"Person number {person_id} is not in the People register.")
        clean = _validate(session, data, person_id)
        changed = {}
        for f in fields(clean):
            new = getattr(clean, f.name)
            if getattr(person, f.name) != new:
                changed[f.name] = str(new) if new is not None else None
                setattr(person, f.name, new)
        if changed:
            audit.record(
                session,
                actor,
                "edit",
                "person",
                person_id,
                f"Changed {clean.first_name} {clean.last_name}: {', '.join(sorted(changed))}".strip(),
                {"changed": sorted(changed)},
            )
    return get_person(db, person_id)


# --- families -------------------------------------------------------------------------------


def _family_record(family: Family) -> FamilyRecord:
    return FamilyRecord(
        id=family.id,
        reference=family.reference,
        support_start=family.support_start,
        support_end=family.support_end,
        notes=family.notes,
        member_names=tuple(sorted(f"{m.first_name} {m.last_name}".strip() for m in family.members)),
    )


def list_families(db: Database) -> list[FamilyRecord]:
    with db.read() as session:
        query = select(Family).options(selectinload(Family.members)).order_by(Family.reference)
        return [_family_record(f) for f in session.execute(query).scalars()]


def save_family(
    db: Database,
    actor: Actor,
    family_id: int | None,
    reference: str,
    support_start: date | None,
    support_end: date | None,
    notes: str = "",
) -> FamilyRecord:
    """Add (family_id None) or change a family; the reference code must be unique."""
    require(db, actor, Permission.EDIT_PEOPLE)
    reference = reference.strip().upper()
    if not reference:
        raise ValidationError("Enter the family's reference code, e.g. FAM-0123. Do not use names.")
    if support_start and support_end and support_end < support_start:
        raise ValidationError("Support ends before it starts. Correct one of the dates.")
    with db.write() as session:
        clash = session.execute(
            select(Family.id).where(Family.reference == reference, Family.id != (family_id or -1))
        ).scalar()
        if clash is not None:
            raise ValidationError(
                f"Another family already has the reference {reference}. Choose another."
            )
        if family_id is None:
            family = Family(reference=reference)
            session.add(family)
            action = "add"
        else:
            found = session.get(Family, family_id)
            if found is None:
                raise NotFound(f"Family number {family_id} is no longer in the register.")
            family, action = found, "edit"
        family.support_start, family.support_end, family.notes = (
            support_start,
            support_end,
            notes.strip(),
        )
        session.flush()
        verb = "Added" if action == "add" else "Changed"
        audit.record(session, actor, action, "family", family.id, f"{verb} family {reference}")
        session.refresh(family, ["members"])
        return _family_record(family)
