"""Retention: the schedule an administrator sets (Settings), which people and ended consents are
past it (the Dashboard counts them; the review list shows them), and the two answers to each:
keep it until a later date, with the reason, or erase it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Consent, ConsentWithdrawal, Family, Person, RetentionHold
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.erasure import ErasureResult
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.records import AttentionItem
from hsdesk.domain.retention import (
    CHILD_UNTIL_AGE,
    RULES,
    SCHEDULE,
    YEARS,
    Due,
    years_after,
)
from hsdesk.domain.wording import counted
from hsdesk.services.people import erasing
from hsdesk.services.people.erasure import checked_reason, erase_family, erase_person
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.standing import require

PAGE = "Retention"  # the Dashboard item opens the review list
KEEP_AT_MOST = 10  # years ahead a decision to keep may reach


def schedule(session: Session) -> dict[str, int]:
    """Years kept, by rule (its default where no administrator set one)."""
    return {
        rule.key: settings.read_int(session, rule.setting(), rule.default_years)
        for rule in SCHEDULE
    }


def read_schedule(db: Database) -> dict[str, int]:
    with db.read() as session:
        return schedule(session)


def save_schedule(db: Database, actor: Actor, years: dict[str, int]) -> None:
    """Set the years kept for each rule given (administrators); audited with the change."""
    with db.write() as session:
        require(session, actor, Permission.ERASE_PERSONAL_DATA)
        before = schedule(session)
        changed = []
        for key, value in years.items():
            rule = RULES.get(key)
            if rule is None:
                raise ValidationError(f"There is no kind of record called {key!r} to keep.")
            if value not in YEARS:
                raise ValidationError(
                    f"{rule.title}: choose from {YEARS.start} to {YEARS.stop - 1} years."
                )
            if before[key] != value:
                settings.write(session, rule.setting(), str(value))
                changed.append(f"{rule.title.lower()} {before[key]} → {value} years")
        if changed:
            audit.record(
                session,
                actor,
                "edit",
                "setting",
                "retention",
                "Changed how long records are kept: " + "; ".join(changed),
            )


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def _person_due(person: Person, today: date) -> tuple[str, date] | None:
    """(rule, the day its years start) for a person whose purpose has ended; None if not."""
    if person.kind is PersonKind.VOLUNTEER:
        if person.volunteer_status is VolunteerStatus.LEFT and person.end_date is not None:
            return "volunteers", person.end_date
        return None
    if person.kind in (PersonKind.STAFF, PersonKind.TRUSTEE):
        if person.end_date is not None and person.end_date <= today:
            return ("staff" if person.kind is PersonKind.STAFF else "trustees"), person.end_date
        return None
    family = person.family
    if family is not None and family.support_end is not None and family.support_end <= today:
        return "families", family.support_end
    return None


def _people(session: Session, years: dict[str, int], today: date) -> list[Due]:
    found = []
    ended_families = select(Family.id).where(Family.support_end <= today)
    people = session.scalars(
        select(Person)
        .where(
            Person.erased_at.is_(None),
            or_(Person.end_date.is_not(None), Person.family_id.in_(ended_families)),
        )
        .options(selectinload(Person.family))
    )
    for person in people:
        started = _person_due(person, today)
        if started is None:
            continue
        rule, ended = started
        due_on = years_after(ended, years[rule])
        if person.kind is PersonKind.CHILD and person.date_of_birth is not None:
            due_on = max(due_on, years_after(person.date_of_birth, CHILD_UNTIL_AGE))
        title = f"{_name(person)}, {person.kind.label.lower()}"
        found.append(Due(f"person:{person.id}", title, rule, ended, due_on))
    return found


def _consents(session: Session, years: dict[str, int], today: date) -> list[Due]:
    """Ended consents (expired, or withdrawn), the latest of each chain of corrections."""
    replaced = set(
        session.scalars(select(Consent.supersedes_id).where(Consent.supersedes_id.is_not(None)))
    )
    withdrawn = dict(
        session.execute(select(ConsentWithdrawal.consent_id, ConsentWithdrawal.withdrawn_on)).all()
    )
    found = []
    rows = session.execute(
        select(Consent.id, Consent.expires_on, Person.first_name, Person.last_name)
        .join(Person, Person.id == Consent.subject_id)
        .where(
            Person.erased_at.is_(None),
            or_(
                Consent.expires_on < today,
                Consent.id.in_(select(ConsentWithdrawal.consent_id)),
            ),
        )
    )
    for consent_id, expires_on, first, last in rows:
        if consent_id in replaced:
            continue
        ended = withdrawn.get(consent_id) or (expires_on if expires_on < today else None)
        if ended is None:
            continue
        how = "withdrawn" if consent_id in withdrawn else "expired"
        title = f"Photo consent {consent_id} for {first} {last}".rstrip() + f", {how}"
        found.append(
            Due(
                f"consent:{consent_id}",
                title,
                "consents",
                ended,
                years_after(ended, years["consents"]),
            )
        )
    return found


def _with_holds(session: Session, found: list[Due]) -> list[Due]:
    holds = {
        hold.record: hold
        for hold in session.scalars(
            select(RetentionHold).where(RetentionHold.record.in_([d.record for d in found]))
        )
    }
    return [
        Due(d.record, d.title, d.rule, d.ended, d.due_on, h.keep_until, h.reason)
        if (h := holds.get(d.record)) is not None
        else d
        for d in found
    ]


def past_retention(session: Session, today: date) -> list[Due]:
    """Every person and ended consent past its retention date and not kept beyond today,
    longest overdue first."""
    years = schedule(session)
    candidates = [
        d
        for d in _people(session, years, today) + _consents(session, years, today)
        if d.due_on <= today
    ]
    return sorted(
        (d for d in _with_holds(session, candidates) if d.past(today)),
        key=lambda d: (d.due_on, d.record),
    )


def review_list(db: Database, actor: Actor, today: date | None = None) -> list[Due]:
    """What the review list shows an administrator."""
    require(db, actor, Permission.ERASE_PERSONAL_DATA)
    with db.read() as session:
        return past_retention(session, today or clock.today())


def retention_items(session: Session, day: date) -> list[AttentionItem]:
    """The Dashboard's line for administrators: how many are past their retention date."""
    due = past_retention(session, day)
    if not due:
        return []
    people = sum(1 for d in due if d.kind == "person")
    parts = [counted(people, "person", "people")] if people else []
    if len(due) - people:
        parts.append(counted(len(due) - people, "ended consent"))
    return [
        AttentionItem(
            "warning",
            " and ".join(parts) + " past their retention date",
            "Keep each (with the reason and a new date) or erase it, in People → Past "
            "retention: " + listed([d.title for d in due]),
            Area.PEOPLE,
            PAGE,
        )
    ]


def keep(
    db: Database, actor: Actor, record: str, until: date, reason: str, today: date | None = None
) -> None:
    """Keep a record past its retention date until ``until``, for ``reason``; audited."""
    day = today or clock.today()
    reason = checked_reason(
        reason, "it is being kept (for example: a complaint about them is open)"
    )
    if until <= day:
        raise ValidationError("Choose a date after today to keep it until.")
    if until > years_after(day, KEEP_AT_MOST):
        raise ValidationError(
            f"Keep it for at most {KEEP_AT_MOST} years from today; decide again then."
        )
    with db.write() as session:
        require(session, actor, Permission.ERASE_PERSONAL_DATA)
        _exists(session, record)
        hold = session.scalar(select(RetentionHold).where(RetentionHold.record == record))
        if hold is None:
            hold = RetentionHold(record=record)
            session.add(hold)
        hold.keep_until, hold.reason = until, reason
        hold.decided_by, hold.decided_at = actor.username, clock.now()
        session.flush()
        audit.record(
            session,
            actor,
            "keep",
            "retention",
            record,
            f"Kept {record.replace(':', ' ')} past its retention date, until {format_date(until)}",
            {"until": until.isoformat(), "reason": reason},
        )


def _exists(session: Session, record: str) -> None:
    kind, _sep, number = record.partition(":")
    model = {"person": Person, "consent": Consent}.get(kind)
    if model is None or not number.isdigit() or session.get(model, int(number)) is None:
        raise NotFound(f"There is no {record.replace(':', ' ')} to keep; it may have gone already.")


def erase(db: Database, actor: Actor, record: str, reason: str) -> str:
    """Erase a person past their retention date (or anonymise a family: ``family:N``), or
    delete an ended consent with its scan; what was done, in words."""
    kind, _sep, number = record.partition(":")
    if kind == "person" and number.isdigit():
        erased = erase_person(db, actor, int(number), reason)
        return erased.summary() + (f". {erased.warning}" if erased.warning else "")
    if kind == "family" and number.isdigit():
        members = erase_family(db, actor, int(number), reason)
        warnings = " ".join(sorted({r.warning for r in members if r.warning}))
        said = f"Anonymised the family: {counted(len(members), 'member')} erased."
        return f"{said} {warnings}".strip()
    if kind != "consent" or not number.isdigit():
        raise NotFound(f"There is no {record} to erase.")
    reason = checked_reason(reason, "it is being deleted")
    result = ErasureResult(0, 0)
    with db.write() as session:
        require(session, actor, Permission.ERASE_PERSONAL_DATA)
        consent = session.get(Consent, int(number))
        if consent is None:
            raise NotFound(f"There is no photo consent {number}; it may have been deleted already.")
        chain = [consent]
        while chain[-1].supersedes_id is not None:
            chain.append(session.get(Consent, chain[-1].supersedes_id))  # type: ignore[arg-type]
        subject = session.get(Person, consent.subject_id)
        shas = erasing.remove_consents(session, chain, result)
        erasing.delete_unused_files(session, db.files, shas, result)
        said = (
            f"Deleted photo consent {number} for {_name(subject) if subject else 'someone'} "
            f"past its retention date ({counted(result.records_deleted, 'record')}, "
            f"{counted(result.files_deleted, 'scan')})"
        )
        audit.record(
            session,
            actor,
            "delete",
            "consent",
            number,
            said,
            {"reason": reason, "chain": [c.id for c in chain]},
        )
    return said
