"""Who holds the offices the policy names: Chair, Vice Chair, SDM, VDO (and acting cover)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import OfficeHolding, Person
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import Area
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.offices import holds_on
from hsdesk.domain.permissions import Permission
from hsdesk.domain.records import AttentionItem, OfficeHoldingRecord
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require

# Chair and Vice Chair are trustees; the SDM and VDO are members of staff.
ELIGIBLE = {
    Office.CHAIR: PersonKind.TRUSTEE,
    Office.VICE_CHAIR: PersonKind.TRUSTEE,
    Office.SDM: PersonKind.STAFF,
    Office.VDO: PersonKind.STAFF,
}


@dataclass(frozen=True, slots=True)
class HoldingInput:
    office: Office
    person_id: int
    from_date: date
    to_date: date | None = None
    acting: bool = False
    acting_reason: str = ""


def _record(h: OfficeHolding) -> OfficeHoldingRecord:
    return OfficeHoldingRecord(
        id=h.id,
        office=h.office,
        person_id=h.person_id,
        person_name=f"{h.person.first_name} {h.person.last_name}".strip(),
        from_date=h.from_date,
        to_date=h.to_date,
        acting=h.acting,
        acting_reason=h.acting_reason,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(OfficeHolding).options(
        selectinload(OfficeHolding.person).selectinload(Person.account)
    )


def list_holdings(db: Database, person_id: int | None = None) -> list[OfficeHoldingRecord]:
    query = _query().order_by(OfficeHolding.from_date.desc())
    if person_id is not None:
        query = query.where(OfficeHolding.person_id == person_id)
    with db.read() as session:
        return [_record(h) for h in session.execute(query).scalars()]


def current_holdings(session: Session, day: date) -> list[OfficeHolding]:
    return [h for h in session.execute(_query()).scalars() if holds_on(h.from_date, h.to_date, day)]


def _overlaps(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    return (b_to is None or a_from <= b_to) and (a_to is None or b_from <= a_to)


def _validate(session: Session, data: HoldingInput, holding_id: int | None) -> Person:
    person = session.get(Person, data.person_id)
    if person is None:
        raise ValidationError("Choose the person who holds the office.")
    name = f"{person.first_name} {person.last_name}".strip()
    needed = ELIGIBLE[data.office]
    if person.kind != needed:
        raise ValidationError(
            f"The {data.office.label} must be a {needed.label.lower()}; {name} is recorded as a "
            f"{person.kind.label.lower()}. Change their record in People first if that is wrong."
        )
    if data.to_date and data.to_date < data.from_date:
        raise ValidationError("The holding ends before it starts. Correct one of the dates.")
    if data.acting and not data.acting_reason.strip():
        raise ValidationError("Say why this is acting cover (e.g. 'Chair on leave until March').")
    others = session.execute(
        select(OfficeHolding).where(
            OfficeHolding.office == data.office,
            OfficeHolding.acting == data.acting,
            OfficeHolding.id != (holding_id or -1),
        )
    ).scalars()
    for other in others:
        if _overlaps(data.from_date, data.to_date, other.from_date, other.to_date):
            kind = "acting " if data.acting else ""
            raise ValidationError(
                f"{other.person.first_name} {other.person.last_name} is already the {kind}"
                f"{data.office.label} from {format_date(other.from_date)}"
                f"{' to ' + format_date(other.to_date) if other.to_date else ''}. "
                "End that holding first, or change these dates."
            )
    return person


def insert_holding(session: Session, actor: Actor, data: HoldingInput) -> OfficeHolding:
    """Validate and record a holding inside the caller's transaction (with its audit entry)."""
    person = _validate(session, data, None)
    holding = OfficeHolding(
        office=data.office,
        person_id=data.person_id,
        from_date=data.from_date,
        to_date=data.to_date,
        acting=data.acting,
        acting_reason=data.acting_reason.strip() if data.acting else "",
    )
    session.add(holding)
    session.flush()
    role = f"acting {data.office.label}" if data.acting else data.office.label
    audit.record(
        session,
        actor,
        "add",
        "office_holding",
        holding.id,
        f"{person.first_name} {person.last_name} is {role} from {format_date(data.from_date)}",
        {"office": data.office.value, "person_id": data.person_id, "acting": data.acting},
    )
    return holding


def add_holding(db: Database, actor: Actor, data: HoldingInput) -> OfficeHoldingRecord:
    require(db, actor, Permission.EDIT_OFFICES)
    with db.write() as session:
        holding = insert_holding(session, actor, data)
        session.refresh(holding)
        return _record(holding)


def end_holding(db: Database, actor: Actor, holding_id: int, to_date: date) -> OfficeHoldingRecord:
    require(db, actor, Permission.EDIT_OFFICES)
    with db.write() as session:
        holding = session.get(OfficeHolding, holding_id)
        if holding is None:
            raise NotFound("That office holding is no longer in the register.")
        if to_date < holding.from_date:
            raise ValidationError(
                f"The holding cannot end before it started ({format_date(holding.from_date)})."
            )
        holding.to_date = to_date
        audit.record(
            session,
            actor,
            "end",
            "office_holding",
            holding.id,
            f"{holding.person.first_name} {holding.person.last_name} stops being "
            f"{holding.office.label} after {format_date(to_date)}",
        )
        return _record(holding)


def vacant_offices(current: list[OfficeHolding]) -> list[Office]:
    held = {h.office for h in current}
    return [o for o in Office if o not in held]


def holders_without_sign_in(current: list[OfficeHolding]) -> list[tuple[str, Office]]:
    """Current office holders who cannot sign in, so could not give a sign-off."""
    out = []
    for h in current:
        account = h.person.account
        if account is None or not account.active:
            out.append((f"{h.person.first_name} {h.person.last_name}".strip(), h.office))
    return out


def office_items(session: Session, day: date) -> list[AttentionItem]:
    current = current_holdings(session, day)
    vacant = [
        AttentionItem(
            "urgent",
            f"No {office.label}",
            f"Nobody holds the office of {office.label} today, so nothing that needs their "
            "sign-off can be signed. Record the holder (or acting cover) in People → Offices.",
            Area.PEOPLE,
        )
        for office in vacant_offices(current)
    ]
    cannot_sign = [
        AttentionItem(
            "warning",
            f"{name} ({office.label}) cannot sign in",
            f"{name} has no active sign-in account, so cannot give the {office.label}'s "
            "sign-offs. An administrator can create one in People → Sign-in account.",
            Area.PEOPLE,
        )
        for name, office in holders_without_sign_in(current)
    ]
    return vacant + cannot_sign
