"""The consent register: record, correct (supersede) and withdraw photo consent.

Consent records are never edited in place. A withdrawal is its own event; a correction is a new
record that supersedes the old one and says why. Every rule is checked here, whatever the front.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Consent, ConsentWithdrawal, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import (
    SELF,
    ConsentFact,
    ConsentMethod,
    default_expiry,
    is_minor,
    scopes_label,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import ConsentInput, ConsentRecord
from hsdesk.services.content.takedowns import consent_takedowns
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.clearance import (
    join_scopes,
    parse_scopes,
)
from hsdesk.services.photos.terms import expiry_months_in, wordings
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, checked_scan

EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


# --- wording -------------------------------------------------------------------------------


# --- settings ------------------------------------------------------------------------------


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
        return _record(load_consent(session, consent_id), today or clock.today())


def load_consent(session: Session, consent_id: int) -> Consent:
    found = session.execute(_query().where(Consent.id == consent_id)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"Consent record number {consent_id} is no longer in the register.")
    return found


def suggested_expiry(db: Database, subject_id: int, given_on: date) -> date:
    """The default end of consent given on that day: 12 months for a child, 3 years for an adult."""
    with db.read() as session:
        subject = _person(session, subject_id, "person pictured")
        months = expiry_months_in(session)
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
    months = expiry_months_in(session)
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
    """Record a consent as it was given; one given on a signed form comes with its scan."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    if data.method is ConsentMethod.SIGNED_FORM and data.evidence is None:
        raise ValidationError(
            "A consent given on a signed form is recorded with the scan of the form: attach "
            "it (PDF, JPEG or PNG). If the form is not scanned yet, record the consent once it "
            "is; if it was given another way, choose how."
        )
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
    require(db, actor, Permission.MANAGE_PHOTOS)
    day = today or clock.today()
    if not reason.strip():
        raise ValidationError("Say why the record is being corrected (for example 'wrong date').")
    with db.write() as session:
        old = load_consent(session, consent_id)
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


# --- Dashboard -----------------------------------------------------------------------------


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
