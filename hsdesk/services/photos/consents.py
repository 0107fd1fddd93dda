"""The consent register: record, correct (supersede) and withdraw photo consent.

Consent records are never edited in place. A withdrawal is its own event; a correction is a new
record that supersedes the old one and says why. Every rule is checked here, whatever the front.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Consent, ConsentWithdrawal, Person, Photo
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.consent import (
    DEFAULT_ADULT_MONTHS,
    DEFAULT_CHILD_MONTHS,
    EXPIRING_DAYS,
    SELF,
    ConsentFact,
    ConsentMethod,
    ConsentScope,
    ConsentStatus,
    default_expiry,
    is_minor,
    scopes_label,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import ConsentInput, ConsentRecord, PhotoRecord, Wording
from hsdesk.domain.records import AttentionItem
from hsdesk.resources import resource_dir
from hsdesk.services.content.takedowns import consent_takedowns
from hsdesk.services.photos.clearance import (
    consent_facts,
    full_name,
    join_scopes,
    parse_scopes,
    photos_showing,
)
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, checked_scan

CHILD_MONTHS_KEY = "consent_child_months"
ADULT_MONTHS_KEY = "consent_adult_months"
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
_WORDING_FILE = re.compile(r"consent-v(\d+)\.txt$")


# --- wording -------------------------------------------------------------------------------


@cache
def wordings() -> dict[int, Wording]:
    """Every version of the consent wording shipped in resources/wording, by number."""
    found = {}
    for path in sorted((resource_dir() / "wording").glob("consent-v*.txt")):
        match = _WORDING_FILE.search(path.name)
        if match:
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            found[int(match.group(1))] = Wording(int(match.group(1)), title.strip(), body.strip())
    return dict(sorted(found.items()))


def current_wording() -> Wording:
    return wordings()[max(wordings())]


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpiryMonths:
    child: int = DEFAULT_CHILD_MONTHS
    adult: int = DEFAULT_ADULT_MONTHS


def expiry_months(db: Database) -> ExpiryMonths:
    with db.read() as session:
        return _expiry_months(session)


def _expiry_months(session: Session) -> ExpiryMonths:
    return ExpiryMonths(
        settings.read_int(session, CHILD_MONTHS_KEY, DEFAULT_CHILD_MONTHS),
        settings.read_int(session, ADULT_MONTHS_KEY, DEFAULT_ADULT_MONTHS),
    )


def set_expiry_months(db: Database, actor: Actor, months: ExpiryMonths) -> None:
    """How long new consent lasts by default, for children and for adults (administrators only)."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    for label, value in (("children", months.child), ("adults", months.adult)):
        if not 1 <= value <= 120:
            raise ValidationError(f"Consent for {label} must last from 1 to 120 months.")
    with db.write() as session:
        for key, value in ((CHILD_MONTHS_KEY, months.child), (ADULT_MONTHS_KEY, months.adult)):
            settings.write(session, key, str(value))
        audit.record(
            session,
            actor,
            "edit",
            "setting",
            "consent_expiry",
            f"Default consent length set to {months.child} months for children and "
            f"{months.adult} months for adults",
        )


# --- records -------------------------------------------------------------------------------


def _record(consent: Consent, day: date) -> ConsentRecord:
    withdrawal = consent.withdrawal
    superseded_by = consent.superseded_by
    fact = ConsentFact(
        consent.id,
        consent.subject_id,
        parse_scopes(consent.scopes),
        consent.given_on,
        consent.expires_on,
        withdrawal.withdrawn_on if withdrawal else None,
        superseded_by is not None,
    )
    return ConsentRecord(
        id=consent.id,
        subject_id=consent.subject_id,
        subject_name=full_name(consent.subject),
        given_by_id=consent.given_by_id,
        given_by_name=full_name(consent.given_by),
        relationship=consent.relationship_to_subject,
        method=consent.method,
        witness=consent.witness,
        wording_version=consent.wording_version,
        scopes=fact.scopes,
        given_on=consent.given_on,
        expires_on=consent.expires_on,
        evidence_sha256=consent.evidence_sha256,
        notes=consent.notes,
        recorded_by=consent.recorded_by,
        recorded_at=consent.recorded_at,
        status=fact.status(day),
        withdrawn_on=withdrawal.withdrawn_on if withdrawal else None,
        withdrawn_how=withdrawal.how if withdrawal else "",
        supersedes_id=consent.supersedes_id,
        superseded_by_id=superseded_by.id if superseded_by else None,
        correction_reason=consent.correction_reason,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(Consent).options(
        selectinload(Consent.subject),
        selectinload(Consent.given_by),
        selectinload(Consent.withdrawal),
        selectinload(Consent.superseded_by),
    )


def list_consents(
    db: Database, person_id: int | None = None, today: date | None = None
) -> list[ConsentRecord]:
    """Consent records, newest first; all of them, or one person's."""
    query = _query().order_by(Consent.given_on.desc(), Consent.id.desc())
    if person_id is not None:
        query = query.where(Consent.subject_id == person_id)
    day = today or clock.today()
    with db.read() as session:
        return [_record(c, day) for c in session.execute(query).scalars()]


def consents_of(
    db: Database, person_ids: list[int], today: date | None = None
) -> dict[int, list[ConsentRecord]]:
    """Each person's consent records, newest first (people with none are left out)."""
    query = (
        _query()
        .where(Consent.subject_id.in_(person_ids))
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    day = today or clock.today()
    found: dict[int, list[ConsentRecord]] = {}
    with db.read() as session:
        for consent in session.execute(query).scalars():
            found.setdefault(consent.subject_id, []).append(_record(consent, day))
    return found


def get_consent(db: Database, consent_id: int, today: date | None = None) -> ConsentRecord:
    with db.read() as session:
        return _record(_consent(session, consent_id), today or clock.today())


def _consent(session: Session, consent_id: int) -> Consent:
    found = session.execute(_query().where(Consent.id == consent_id)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"Consent record number {consent_id} is no longer in the register.")
    return found


def suggested_expiry(db: Database, subject_id: int, given_on: date) -> date:
    """The default end of consent given on that day: 12 months for a child, 3 years for an adult."""
    with db.read() as session:
        subject = _person(session, subject_id, "person pictured")
        months = _expiry_months(session)
        minor = is_minor(subject.date_of_birth, subject.kind == PersonKind.CHILD, given_on)
    return default_expiry(given_on, minor, months.child, months.adult)


def _person(session: Session, person_id: int, role: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(f"The {role} is no longer in the People register. Choose again.")
    return person


def _validated(session: Session, data: ConsentInput, today: date) -> tuple[ConsentInput, date]:
    """Check the input against every rule; returns it cleaned with its expiry date."""
    subject = _person(session, data.subject_id, "person pictured")
    giver = _person(session, data.given_by_id, "person giving consent")
    name = full_name(subject)
    if not data.scopes:
        raise ValidationError(
            "Tick at least one use (website, social media, print or press) the consent covers."
        )
    if data.given_on > today:
        raise ValidationError(
            f"Consent cannot be given on {format_date(data.given_on)}, a date in the future. "
            "Enter the day it was actually given."
        )
    if subject.date_of_birth and data.given_on < subject.date_of_birth:
        raise ValidationError(f"The date given is before {name} was born. Check the year.")
    minor = is_minor(subject.date_of_birth, subject.kind == PersonKind.CHILD, data.given_on)
    relationship = data.relationship.strip()
    if minor:
        if giver.id == subject.id or relationship == SELF:
            raise ValidationError(
                f"{name} was under 18 on {format_date(data.given_on)}, so consent must come from "
                "a parent or guardian with parental responsibility. Choose them in 'Given by'."
            )
        if giver.kind == PersonKind.CHILD or is_minor(giver.date_of_birth, False, data.given_on):
            raise ValidationError(
                f"{full_name(giver)} is a child and cannot give consent for {name}. Choose a "
                "parent or guardian with parental responsibility."
            )
    if giver.id == subject.id:
        relationship = SELF
    elif not relationship or relationship == SELF:
        raise ValidationError(
            f"Say how {full_name(giver)} is related to {name} (for example Parent or Guardian)."
        )
    if data.method is ConsentMethod.VERBAL and not data.witness.strip():
        raise ValidationError("Verbal consent needs a witness. Enter the witness's name.")
    if data.wording_version not in wordings():
        known = ", ".join(str(v) for v in wordings())
        raise ValidationError(
            f"There is no consent wording version {data.wording_version}. Choose one of {known}."
        )
    months = _expiry_months(session)
    expires = data.expires_on or default_expiry(data.given_on, minor, months.child, months.adult)
    if expires <= data.given_on:
        raise ValidationError(
            f"The consent expires on {format_date(expires)}, which is not after the day it was "
            f"given ({format_date(data.given_on)}). Correct the expiry date."
        )
    if data.evidence is not None:
        content, file_name, _ = data.evidence
        data = replace(data, evidence=(content, file_name, checked_scan(content, file_name)))
    clean = replace(
        data, relationship=relationship, witness=data.witness.strip(), notes=data.notes.strip()
    )
    return clean, expires


def insert_consent(
    session: Session,
    db: Database,
    actor: Actor,
    data: ConsentInput,
    today: date,
    supersedes: Consent | None = None,
    reason: str = "",
) -> Consent:
    clean, expires = _validated(session, data, today)
    evidence = None
    if clean.evidence is not None:
        content, file_name, media_type = clean.evidence
        evidence = add_file(session, db.files, content, file_name, media_type).sha256
    consent = Consent(
        subject_id=clean.subject_id,
        given_by_id=clean.given_by_id,
        relationship_to_subject=clean.relationship,
        method=clean.method,
        witness=clean.witness,
        wording_version=clean.wording_version,
        scopes=join_scopes(clean.scopes),
        given_on=clean.given_on,
        expires_on=expires,
        evidence_sha256=evidence,
        notes=clean.notes,
        recorded_by=actor.username,
        recorded_at=clock.now(),
        supersedes_id=supersedes.id if supersedes else None,
        correction_reason=reason,
    )
    session.add(consent)
    session.flush()
    subject = session.get(Person, clean.subject_id)
    assert subject is not None
    verb = f"Corrected consent record {supersedes.id} of" if supersedes else "Recorded consent of"
    audit.record(
        session,
        actor,
        "correct" if supersedes else "add",
        "consent",
        consent.id,
        f"{verb} {full_name(subject)} for {scopes_label(clean.scopes).lower()}, given "
        f"{format_date(clean.given_on)}, expires {format_date(expires)}",
        {
            "subject_id": clean.subject_id,
            "given_by_id": clean.given_by_id,
            "scopes": join_scopes(clean.scopes),
            "supersedes": supersedes.id if supersedes else None,
            "reason": reason,
        },
    )
    return consent


def record_consent(
    db: Database, actor: Actor, data: ConsentInput, today: date | None = None
) -> ConsentRecord:
    require(actor, Permission.MANAGE_PHOTOS)
    day = today or clock.today()
    with db.write() as session:
        consent_id = insert_consent(session, db, actor, data, day).id
    return get_consent(db, consent_id, day)


def correct_consent(
    db: Database,
    actor: Actor,
    consent_id: int,
    data: ConsentInput,
    reason: str,
    today: date | None = None,
) -> ConsentRecord:
    """Replace a wrong record by a new one; the old one stays, marked superseded, with the reason."""
    require(actor, Permission.MANAGE_PHOTOS)
    day = today or clock.today()
    if not reason.strip():
        raise ValidationError("Say why the record is being corrected (for example 'wrong date').")
    with db.write() as session:
        old = _consent(session, consent_id)
        if old.superseded_by is not None:
            raise ValidationError(
                f"Consent record {consent_id} has already been corrected by record "
                f"{old.superseded_by.id}. Correct that one instead."
            )
        if data.subject_id != old.subject_id:
            raise ValidationError(
                "A correction must be about the same person. Record a new consent for someone else."
            )
        new = insert_consent(session, db, actor, data, day, supersedes=old, reason=reason.strip())
        if old.withdrawal is not None:  # a correction cannot undo a withdrawal
            gone = old.withdrawal
            note = f"Carried over from record {old.id}. {gone.notes}".strip()
            insert_withdrawal(session, actor, new, gone.withdrawn_on, gone.how, note)
        consent_takedowns(session, actor, [old.subject_id], day)
        new_id = new.id
    return get_consent(db, new_id, day)


@dataclass(frozen=True, slots=True)
class WithdrawalImpact:
    consent: ConsentRecord
    photos: list[PhotoRecord]  # photos that can no longer be used for something they could before
    takedowns: int = 0  # content online with those photos, now to be taken down


def affected_photos(db: Database, consent: ConsentRecord, day: date) -> list[PhotoRecord]:
    """Photos of the consent's subject that are blocked, on the day, for a use it covered."""
    with db.read() as session:
        return lost_clearance(session, {consent.subject_id: consent.scopes}, day)


def lost_clearance(
    session: Session, ended: dict[int, frozenset[ConsentScope]], day: date
) -> list[PhotoRecord]:
    """Photos showing these people that are now blocked for a use their ended consent covered."""
    return [
        photo
        for photo in photos_showing(session, ended, day)
        if any(
            not photo.clearance(scope).status.usable
            for ref in photo.pictured
            for scope in ended.get(ref.person_id, ())
        )
    ]


def insert_withdrawal(
    session: Session, actor: Actor, consent: Consent, withdrawn_on: date, how: str, notes: str = ""
) -> None:
    """Record the withdrawal event, with its audit entry, inside the caller's transaction."""
    session.add(
        ConsentWithdrawal(
            consent_id=consent.id,
            withdrawn_on=withdrawn_on,
            how=how.strip(),
            notes=notes.strip(),
            recorded_by=actor.username,
            recorded_at=clock.now(),
        )
    )
    audit.record(
        session,
        actor,
        "withdraw",
        "consent",
        consent.id,
        f"Consent of {full_name(consent.subject)} withdrawn on {format_date(withdrawn_on)} "
        f"({how.strip()})",
        {"subject_id": consent.subject_id, "withdrawn_on": withdrawn_on.isoformat()},
    )


def withdraw_consent(
    db: Database,
    actor: Actor,
    consent_id: int,
    withdrawn_on: date,
    how: str,
    notes: str = "",
    today: date | None = None,
) -> WithdrawalImpact:
    """Record a withdrawal as its own event; returns the photos that must now come down."""
    require(actor, Permission.MANAGE_PHOTOS)
    day = today or clock.today()
    if not how.strip():
        raise ValidationError("Say how the consent was withdrawn (for example 'phone call').")
    if withdrawn_on > day:
        raise ValidationError(
            "A withdrawal cannot be recorded for a future date. Enter the day it was withdrawn."
        )
    with db.write() as session:
        consent = _consent(session, consent_id)
        if consent.superseded_by is not None:
            raise ValidationError(
                f"Record {consent_id} was corrected by record {consent.superseded_by.id}; "
                "withdraw that one."
            )
        if consent.withdrawal is not None:
            raise ValidationError(
                f"This consent was already withdrawn on {format_date(consent.withdrawal.withdrawn_on)}."
            )
        if withdrawn_on < consent.given_on:
            raise ValidationError(
                f"The withdrawal date is before the consent was given ({format_date(consent.given_on)})."
            )
        insert_withdrawal(session, actor, consent, withdrawn_on, how, notes)
        raised = consent_takedowns(session, actor, [consent.subject_id], day)
    record = get_consent(db, consent_id, day)
    return WithdrawalImpact(record, affected_photos(db, record, day), len(raised))


def ended_recently(session: Session, day: date, days: int) -> list[ConsentFact]:
    """Consents withdrawn or expired within the last ``days`` days (not superseded)."""
    since = day - timedelta(days=days)
    return [
        fact
        for facts in consent_facts(session).values()
        for fact in facts
        if not fact.superseded
        and (
            (fact.withdrawn_on is not None and since <= fact.withdrawn_on <= day)
            or (fact.withdrawn_on is None and since < fact.expires_on <= day)
        )
    ]


# --- Dashboard -----------------------------------------------------------------------------

LOST_WINDOW_DAYS = 90  # how long a photo that lost clearance stays on the Dashboard


def ended_reason(name: str, fact: ConsentFact) -> str:
    if fact.withdrawn_on is not None:
        return f"{name} withdrew consent on {format_date(fact.withdrawn_on)}"
    return f"{name}'s consent expired on {format_date(fact.expires_on)}"


def lost_clearance_items(session: Session, day: date) -> list[AttentionItem]:
    ended: dict[int, list[ConsentFact]] = {}
    for fact in ended_recently(session, day, LOST_WINDOW_DAYS):
        ended.setdefault(fact.subject_id, []).append(fact)
    scopes = {k: frozenset().union(*(f.scopes for f in v)) for k, v in ended.items()}
    lost = lost_clearance(session, scopes, day)
    if not lost:
        return []
    lines = []
    for photo in lost:
        why = [
            ended_reason(ref.name, f)
            for ref in photo.pictured
            for f in ended.get(ref.person_id, [])
        ]
        lines.append(f"'{photo.title}' ({', '.join(why)})")
    count = len(lost)
    return [
        AttentionItem(
            "urgent",
            f"{count} photo{'s' if count != 1 else ''} lost clearance",
            "Consent was withdrawn or ended for someone pictured in: "
            f"{listed(lines)}. Take these photos down wherever they are used, and do not use "
            "them again until consent is renewed.",
            Area.PHOTOS,
        )
    ]


def expiring_items(session: Session, day: date) -> list[AttentionItem]:
    facts = consent_facts(session)
    soon: list[tuple[date, int]] = []
    for subject, records in facts.items():
        active = [f for f in records if f.status(day) is ConsentStatus.ACTIVE]
        if not active:
            continue
        ends = max(f.expires_on for f in active)  # a renewal that lasts longer settles it
        if ends - day <= timedelta(days=EXPIRING_DAYS):
            soon.append((ends, subject))
    if not soon:
        return []
    names = {
        p.id: full_name(p)
        for p in session.execute(
            select(Person).where(Person.id.in_([s for _, s in soon]))
        ).scalars()
    }
    lines = [f"{names[s]} on {format_date(ends)}" for ends, s in sorted(soon)]
    count = len(soon)
    return [
        AttentionItem(
            "warning",
            f"Photo consent ends within {EXPIRING_DAYS} days for {count} "
            f"{'person' if count == 1 else 'people'}",
            f"Consent ends for {listed(lines)}. Ask them (or their parent or guardian) to renew "
            "it, or stop using their photos after that day.",
            Area.PHOTOS,
        )
    ]


def unidentified_items(session: Session, day: date) -> list[AttentionItem]:
    rows = session.execute(
        select(Photo.caption, Photo.original_name, Photo.unidentified)
        .where(Photo.unidentified > 0)
        .order_by(Photo.id)
    ).all()
    if not rows:
        return []
    lines = [f"'{caption or name}' ({n} unidentified)" for caption, name, n in rows]
    return [
        AttentionItem(
            "warning",
            f"{len(rows)} photo{'s' if len(rows) != 1 else ''} with unidentified people",
            f"{listed(lines)}. These cannot be used until everyone pictured is identified and "
            "has consented, or the photo is cropped or replaced.",
            Area.PHOTOS,
        )
    ]
