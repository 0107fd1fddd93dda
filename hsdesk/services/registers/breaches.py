"""The breach register: breaches of confidentiality or equal opportunities by staff, trustees and
volunteers. Each record keeps the policy version it was recorded under, and its clause numbers are
that version's. Confidential: every call checks HANDLE_BREACHES
(the Scheme Development Manager, the Chair, administrators), and the audit trail records that a
record changed and its status, never what happened or to whom."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Breach, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.duties import D
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.register_records import BreachInput, BreachRecord
from hsdesk.domain.registers import (
    INVOLVED_KINDS,
    BreachStatus,
    action_problem,
    clean_clauses,
    involved_on,
)
from hsdesk.services.people.roles import full_name, role_of
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations, in_force_id
from hsdesk.services.policy.versions import current_version, load_version, policy_text


def policy_clauses(
    db: Database, actor: Actor, version_id: int | None = None
) -> list[tuple[str, str]]:
    """A version's clauses (number, text): a breach record's own version, or the adopted one for
    a new record, to pick the ones breached from and to show their words."""
    require(db, actor, Permission.HANDLE_BREACHES)
    with db.read() as session:
        return _clauses(session, version_id)


def _clauses(session: Session, version_id: int | None) -> list[tuple[str, str]]:
    version = current_version(session) if version_id is None else load_version(session, version_id)
    return policy_text(version).numbered() if version is not None else []


def people_involved(db: Database, actor: Actor) -> list[tuple[int, str]]:
    """Everyone a breach can be recorded against: staff, trustees and volunteers, past too."""
    require(db, actor, Permission.HANDLE_BREACHES)
    with db.read() as session:
        people = session.execute(
            select(Person)
            .where(Person.kind.in_(INVOLVED_KINDS))
            .order_by(Person.last_name, Person.first_name)
        ).scalars()
        return [(p.id, f"{full_name(p)} ({p.kind.label.lower()})") for p in people]


def _record(row: Breach) -> BreachRecord:
    return BreachRecord(
        id=row.id,
        occurred_on=row.occurred_on,
        person_id=row.person_id,
        person_name=full_name(row.person),
        person_role=role_of(row.person, row.occurred_on),
        clauses=tuple(c for c in row.clauses.split(", ") if c),
        what=row.what,
        reported_by=row.reported_by,
        action=row.action,
        action_on=row.action_on,
        action_notes=row.action_notes,
        status=row.status,
        closed_on=row.closed_on,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        policy_version_id=row.policy_version_id,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(Breach).options(selectinload(Breach.person).selectinload(Person.holdings))


def list_breaches(db: Database, actor: Actor) -> list[BreachRecord]:
    """Every breach record, newest first: refused to anyone who does not handle breaches."""
    require(db, actor, Permission.HANDLE_BREACHES)
    with db.read() as session:
        rows = session.execute(_query().order_by(Breach.occurred_on.desc(), Breach.id.desc()))
        return [_record(row) for row in rows.scalars()]


def get_breach(db: Database, actor: Actor, breach_id: int) -> BreachRecord:
    require(db, actor, Permission.HANDLE_BREACHES)
    with db.read() as session:
        return _record(_load(session, breach_id))


def _load(session: Session, breach_id: int) -> Breach:
    row = session.execute(_query().where(Breach.id == breach_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("That breach record is no longer in the register.")
    return row


def open_breach_count(session: Session) -> int:
    query = select(func.count()).select_from(Breach).where(Breach.status != BreachStatus.CLOSED)
    return session.scalar(query) or 0


def _checked(session: Session, data: BreachInput, day: date, version_id: int | None) -> BreachInput:
    if data.occurred_on is None:
        raise ValidationError("Give the date the breach happened (dd/mm/yyyy).")
    if data.occurred_on > day:
        raise ValidationError(
            f"The breach date {format_date(data.occurred_on)} is in the future. Check the date."
        )
    person = session.get(Person, data.person_id) if data.person_id is not None else None
    if person is None:
        raise ValidationError("Choose the member of staff, trustee or volunteer concerned.")
    if not involved_on(person.kind, person.start_date, person.end_date, data.occurred_on):
        raise ValidationError(
            f"{full_name(person)} was not a member of staff, trustee or volunteer on "
            f"{format_date(data.occurred_on)} (the People register says "
            f"{_involvement(person)}). The breach register covers only them "
            f"({citations(session, version_id).ref(D.STAFF_BREACHES, D.VOLUNTEER_BREACHES)}); "
            "check the date or the person."
        )
    clauses = clean_clauses(data.clauses)
    if not clauses:
        raise ValidationError("Pick the clause or clauses of the policy that were breached.")
    known = {number for number, _text in _clauses(session, version_id)}
    unknown = [c for c in clauses if known and c not in known]
    if unknown:
        which = citations(session, version_id).label or "The adopted policy"
        raise ValidationError(
            f"{which} has no clause {', '.join(unknown)}. Pick clauses from the list."
        )
    what = data.what.strip()
    if not what:
        raise ValidationError(
            "Say what happened (this stays confidential to those who handle breaches)."
        )
    if len(what) > 5000:
        raise ValidationError("Keep the account within 5,000 characters.")
    reported_by = " ".join(data.reported_by.split())
    if not reported_by:
        raise ValidationError("Say who reported it (a name, or e.g. 'seen in the office').")
    if len(reported_by) > 200:
        raise ValidationError("Keep 'reported by' within 200 characters.")
    if data.action is not None:
        problem = action_problem(data.action, person.kind, citations(session, version_id))
        if problem:
            raise ValidationError(problem)
        if data.action_on is None:
            raise ValidationError(
                f"Give the date of the action ({data.action.label.lower()}), dd/mm/yyyy."
            )
    elif data.action_on is not None:
        raise ValidationError("Choose the action taken, or clear the action date.")
    if data.action_on is not None and not data.occurred_on <= data.action_on <= day:
        raise ValidationError(
            f"The action date must be between the breach ({format_date(data.occurred_on)}) "
            "and today."
        )
    if data.status is BreachStatus.CLOSED:
        if data.action is None:
            raise ValidationError(
                "Record the action taken (or 'No action') before closing the breach record."
            )
        if data.closed_on is None:
            raise ValidationError("Give the date the breach record was closed (dd/mm/yyyy).")
        if not (data.action_on or data.occurred_on) <= data.closed_on <= day:
            raise ValidationError(
                "The closing date must be on or after the action's date, and not in the future."
            )
    elif data.closed_on is not None:
        raise ValidationError("Set the status to Closed to give a closing date, or clear it.")
    if data.status is BreachStatus.ACTION and data.action is None:
        raise ValidationError("Choose the action that is under way.")
    return BreachInput(
        data.occurred_on,
        person.id,
        clauses,
        what,
        reported_by,
        data.action,
        data.action_on,
        data.action_notes.strip(),
        data.status,
        data.closed_on,
    )


def _involvement(person: Person) -> str:
    if person.kind not in INVOLVED_KINDS:
        return person.kind.label.lower()
    started = f"started {format_date(person.start_date)}" if person.start_date else ""
    ended = f"left {format_date(person.end_date)}" if person.end_date else ""
    return ", ".join(p for p in (started, ended) if p) or person.kind.label.lower()


def save_breach(
    db: Database,
    actor: Actor,
    breach_id: int | None,
    data: BreachInput,
    today: date | None = None,
    at: datetime | None = None,
) -> BreachRecord:
    """Record a new breach (``breach_id`` None) or update one: action, status, closing."""
    require(db, actor, Permission.HANDLE_BREACHES)
    day = today or clock.today()
    with db.write() as session:
        return write_breach(session, actor, breach_id, data, day, at or clock.now())


def write_breach(
    session: Session,
    actor: Actor,
    breach_id: int | None,
    data: BreachInput,
    day: date,
    stamp: datetime,
) -> BreachRecord:
    row = _load(session, breach_id) if breach_id is not None else None
    version_id = row.policy_version_id if row is not None else in_force_id(session)
    clean = _checked(session, data, day, version_id)
    if row is None:
        row = Breach(
            recorded_by=actor.display_name, recorded_at=stamp, policy_version_id=version_id
        )
        session.add(row)
    assert clean.occurred_on is not None and clean.person_id is not None  # checked above
    row.occurred_on, row.person_id = clean.occurred_on, clean.person_id
    row.clauses, row.what, row.reported_by = (
        ", ".join(clean.clauses),
        clean.what,
        clean.reported_by,
    )
    row.action, row.action_on, row.action_notes = (
        clean.action,
        clean.action_on,
        clean.action_notes,
    )
    row.status, row.closed_on, row.updated_at = clean.status, clean.closed_on, stamp
    session.flush()
    session.refresh(row)
    # Confidential: the audit trail says which record changed and its status, not its text.
    audit.record(
        session,
        actor,
        "add" if breach_id is None else "edit",
        "breach",
        row.id,
        f"{'Recorded' if breach_id is None else 'Updated'} breach record B-{row.id} "
        f"({row.status.label.lower()})",
        {"status": row.status.value, "action": row.action.value if row.action else None},
    )
    return _record(row)
