"""Erasing a person (UK GDPR article 17, and the end of their retention period): their name,
contact details and date of birth, their consent scans, the photos that picture them (or, where
content uses one, their name on it), their kept signatures and declared connections, in one
transaction; their name out of every other record's text and out of the audit trail's details,
which the chain does not hash as text (see :mod:`hsdesk.domain.audit_chain`), so `check` still
says all is well. Then the database's own clean-up, so their name is not left in its file.

What must be kept stays, linked to "Erased person N": offices held, inductions (without the
slip), content they wrote or approved, reviews they signed, breach records. Each erasure is
logged by number and person id (nothing else) beside the database, on the backups' drive for an
office server, and on this PC: opening a database restored from an older backup applies any
erasure it lacks before anyone sees it (:func:`reapply_logged`)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.compact import compact
from hsdesk.db.engine import Database
from hsdesk.db.models import Erasure, Family, OfficeHolding, Person, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.audit_chain import ERASED_ENTRIES
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.erasure import ErasureResult, erased_name, name_words, scrubbed
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.offices import holds_on
from hsdesk.domain.permissions import Permission
from hsdesk.domain.text_rules import text_problem
from hsdesk.services.people import erasing, erasure_log
from hsdesk.services.photos.library import forget_thumbnails
from hsdesk.services.platform import audit
from hsdesk.services.platform.standing import require

REASON_LIMIT = 1000


def why_not(session: Session, person: Person, actor: Actor, today: date) -> str | None:
    """Why this person cannot be erased now, in words that say what to do first; None if they
    can be."""
    name = f"{person.first_name} {person.last_name}".strip()
    if person.erased_at is not None:
        return f"{name} was erased on {format_date(person.erased_at.date())} already."
    if actor.person_id == person.id:
        return "You cannot erase yourself. Ask another administrator."
    if person.kind is PersonKind.VOLUNTEER and person.volunteer_status is not VolunteerStatus.LEFT:
        return (
            f"{name} is still a volunteer. Record that they have left (edit them in People) "
            "before erasing them."
        )
    if person.kind in (PersonKind.STAFF, PersonKind.TRUSTEE) and (
        person.end_date is None or person.end_date > today
    ):
        return (
            f"{name} has no leaving date in the past. Record when they left (edit them in "
            "People) before erasing them."
        )
    for holding in session.scalars(
        select(OfficeHolding).where(OfficeHolding.person_id == person.id)
    ):
        if holds_on(holding.from_date, holding.to_date, today):
            return (
                f"{name} holds the office of {holding.office.label} now. Record the end of "
                "their term first."
            )
    account = session.scalar(select(UserAccount).where(UserAccount.person_id == person.id))
    if account is not None and account.active:
        return (
            f"{name} can still sign in as {account.username}. Switch their account off "
            "(File → Accounts) before erasing them."
        )
    return None


def check_erasable(db: Database, actor: Actor, person_id: int) -> str | None:
    """The refusal :func:`erase_person` would give now (the permission's or the person's), or
    None; for a window to grey out its button with the reason."""
    with db.read() as session:
        try:
            actor = require(session, actor, Permission.ERASE_PERSONAL_DATA)
        except Exception as exc:  # the rule's own refusal, in words
            return str(exc)
        person = session.get(Person, person_id)
        if person is None:
            return f"There is no person {person_id} in the People register."
        return why_not(session, person, actor, clock.today())


def checked_reason(
    reason: str,
    why: str = "they are being erased (for example: their retention period has ended, or "
    "they asked on 01/12/2026)",
) -> str:
    """A decision's reason, as the audit trail keeps it; refused, in words, when empty (``why``
    says what to give) or longer than its box."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(f"Say why {why}.")
    problem = text_problem("Reason", reason, REASON_LIMIT)
    if problem:
        raise ValidationError(problem)
    return reason


def erase_person(
    db: Database,
    actor: Actor,
    person_id: int,
    reason: str,
    number: int | None = None,
    again: bool = False,
    logged: bool = True,
) -> ErasureResult:
    """Erase the person, all of it in one transaction or nothing; then clean up the file store,
    this PC's thumbnails and the database's own file. ``number`` and ``again`` re-apply a logged
    erasure (decided before: only an erasure already made stops it)."""
    reason = checked_reason(reason)
    with db.write() as session:
        actor = require(session, actor, Permission.ERASE_PERSONAL_DATA)
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"There is no person {person_id} in the People register.")
        problem = why_not(session, person, actor, clock.today())
        if problem is not None and not (again and person.erased_at is None):
            raise ValidationError(problem)
        result, photos, content_changed = _erase(session, db, actor, person, reason, number)
    forget_thumbnails(db, photos)
    if logged:
        result.warning = erasure_log.remember(db, result.number, person_id)
    result.warning = _joined(result.warning, tidy(db, content_changed))
    return result


def _joined(*said: str | None) -> str | None:
    return " ".join(s for s in said if s) or None


def tidy(db: Database, rebuild_search: bool = True) -> str | None:
    """The database's own clean-up after an erasure (:mod:`hsdesk.db.compact`). If it cannot
    run now (another program is reading the file), it runs the next time hsdesk or hsdesk-cli
    opens the database on this PC; what to tell the person, or None."""
    try:
        compact(db.engine, db.is_server, rebuild_search)
    except Exception as exc:  # the erasure itself is saved: this only frees the old pages
        logging.getLogger(__name__).warning("clean-up after an erasure failed: %s", exc)
        erasure_log.set_tidy_due(db, True)
        return (
            "The database could not tidy itself up just now, so their details may still be in "
            "its unused space; hsdesk does it the next time it opens the database on this PC."
        )
    erasure_log.set_tidy_due(db, False)
    return None


def erase_family(db: Database, actor: Actor, family_id: int, reason: str) -> list[ErasureResult]:
    """Anonymise a family: erase every member not erased yet (each an erasure of its own), all
    in one transaction, and drop the family's notes; its reference becomes "ERASED-N". Refused,
    with what to do first, if any member may not be erased yet."""
    reason = checked_reason(reason)
    with db.write() as session:
        actor = require(session, actor, Permission.ERASE_PERSONAL_DATA)
        family = session.get(Family, family_id)
        if family is None:
            raise NotFound(f"There is no family {family_id}.")
        if family.support_end is None or family.support_end > clock.today():
            raise ValidationError(
                f"Family {family.reference} is still supported. Record when their support "
                "ended (People → Families → Edit) before anonymising them."
            )
        members = list(
            session.scalars(
                select(Person).where(Person.family_id == family_id, Person.erased_at.is_(None))
            )
        )
        for member in members:
            problem = why_not(session, member, actor, clock.today())
            if problem is not None:
                raise ValidationError(problem)
        done = [_erase(session, db, actor, member, reason, None) for member in members]
        family.reference, family.notes = f"ERASED-{family.id}", ""
        audit.record(
            session,
            actor,
            "erase",
            "family",
            family.id,
            f"Anonymised family {family.id}: {len(done)} members erased",
            {ERASED_ENTRIES: [], "erasures": [r.number for r, _p, _c in done]},
        )
    for result, photos, _changed in done:
        forget_thumbnails(db, photos)
        result.warning = erasure_log.remember(db, result.number, result.person_id)
    left = tidy(db, any(changed for _r, _p, changed in done))
    for result, _p, _c in done:
        result.warning = _joined(result.warning, left)
    return [result for result, _p, _c in done]


def _erase(
    session: Session,
    db: Database,
    actor: Actor,
    person: Person,
    reason: str,
    number: int | None,
) -> tuple[ErasureResult, set[str], bool]:
    taken = session.scalar(select(func.max(Erasure.id))) or 0
    if number is None or session.get(Erasure, number) is not None:
        number = taken + 1
    account = session.scalar(select(UserAccount).where(UserAccount.person_id == person.id))
    username = account.username if account is not None else None
    others = session.execute(
        select(Person.first_name, Person.last_name).where(
            Person.id != person.id, Person.erased_at.is_(None)
        )
    ).all()
    words = name_words(
        person.first_name,
        person.last_name,
        [part for row in others for part in row if part],
        username or "",
    )
    result = ErasureResult(number, person.id)
    concerning = erasing.about(session, person.id, username)  # before their records go
    shas = erasing.delete_consents(session, person.id, result)
    photos = erasing.delete_photos(session, db.files, person.id, words, result)
    shas |= photos | erasing.delete_own_records(session, person.id, result)
    person.first_name, person.last_name = erased_name(number), ""
    person.date_of_birth, person.email, person.phone, person.notes = None, "", "", ""
    person.erased_at = clock.now()
    if account is not None:
        account.username = f"erased-{person.id}"
        account.password_hash = "!"  # matches no password: nobody signs in as them
        account.active = False
    session.flush()
    gone = erasing.delete_unused_files(session, db.files, shas, result)
    content_changed = erasing.scrub_texts(session, words, result)
    session.add(
        Erasure(id=number, person_id=person.id, erased_at=clock.now(), erased_by=actor.username)
    )
    session.flush()
    entries = erasing.erase_entries(session, number, concerning, words, username)
    result.entries_erased = len(entries)
    audit.record(
        session,
        actor,
        "erase",
        "person",
        person.id,
        result.summary(),
        erasing.erasure_data(result, entries, scrubbed(reason, words)),
    )
    return result, photos & set(gone), content_changed


def reapply_logged(db: Database, log_of: Database | None = None) -> list[ErasureResult]:
    """Erasures the log holds that this database lacks (it was restored from a backup made
    before them, or copied from one): applied again, before anyone sees the records. A person
    the database never held (a backup older than them) is passed over. With ``log_of``, that
    database's log is read (``db`` is a copy about to replace it)."""
    if db.read_only is not None:
        return []
    if log_of is None and erasure_log.tidy_due(db):
        tidy(db)  # an erasure's clean-up that could not run then
    logged = erasure_log.logged(log_of or db)
    if not logged:
        return []
    with db.read() as session:
        done = set(session.scalars(select(Erasure.person_id)))
        held = set(session.scalars(select(Person.id).where(Person.id.in_([p for _n, p in logged]))))
    system = Actor.system("hsdesk")
    applied = []
    for number, person_id in logged:
        if person_id in done or person_id not in held:
            continue
        applied.append(
            erase_person(
                db,
                system,
                person_id,
                f"Erasure {number} applied again: this database was restored from a backup "
                "made before it",
                number=number,
                again=True,
                logged=log_of is None,
            )
        )
    return applied
