"""Withdrawing a consent, and what that does to the photos and posts that relied on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, literal, or_, select
from sqlalchemy.orm import Session, aliased

from hsdesk.db.engine import Database
from hsdesk.db.models import Consent, ConsentWithdrawal, Photo, PhotoSubject
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import (
    ConsentScope,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import ConsentRecord, PhotoRecord
from hsdesk.services.content.takedowns import consent_takedowns
from hsdesk.services.photos.clearance import (
    in_force_on,
    photos_showing,
)
from hsdesk.services.photos.consents import get_consent, insert_withdrawal, load_consent
from hsdesk.services.platform.auth import require


@dataclass(frozen=True, slots=True)
class WithdrawalImpact:
    consent: ConsentRecord
    photos: list[PhotoRecord]  # photos that can no longer be used for something they could before
    takedowns: int = 0  # content online with those photos, now to be taken down


def affected_photos(db: Database, consent: ConsentRecord, day: date) -> list[PhotoRecord]:
    """Photos of the consent's subject that are blocked, on the day, for a use it covered."""
    with db.read() as session:
        return lost_clearance(session, {consent.subject_id: consent.scopes}, day)


def lost_photo_ids(
    session: Session, ended: dict[int, frozenset[ConsentScope]], day: date
) -> list[int]:
    """The photos :func:`lost_clearance` finds, by number in order, worked out by the database:
    for each use an ended consent covered, the photos showing its person that are not cleared
    for that use on the day (not checked, someone unidentified, or someone pictured with no
    consent in force for it)."""
    superseded = select(Consent.supersedes_id).where(Consent.supersedes_id.is_not(None))
    found: set[int] = set()
    for scope in ConsentScope:
        people = [person for person, scopes in ended.items() if scope in scopes]
        if not people:
            continue
        covered = (
            select(Consent.subject_id)
            .outerjoin(ConsentWithdrawal, ConsentWithdrawal.consent_id == Consent.id)
            .where(
                in_force_on(day),
                Consent.id.not_in(superseded),
                (literal(",") + Consent.scopes + literal(",")).contains(f",{scope.value},"),
            )
        )
        pictured = aliased(PhotoSubject)
        someone_uncovered = exists(
            select(pictured.id).where(
                pictured.photo_id == Photo.id, pictured.person_id.not_in(covered)
            )
        )
        showing = select(PhotoSubject.photo_id).where(PhotoSubject.person_id.in_(people))
        query = select(Photo.id).where(
            Photo.id.in_(showing),
            or_(Photo.checked_at.is_(None), Photo.unidentified > 0, someone_uncovered),
        )
        found.update(session.execute(query).scalars())
    return sorted(found)


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
    require(db, actor, Permission.MANAGE_PHOTOS)
    day = today or clock.today()
    if not how.strip():
        raise ValidationError("Say how the consent was withdrawn (for example 'phone call').")
    if withdrawn_on > day:
        raise ValidationError(
            "A withdrawal cannot be recorded for a future date. Enter the day it was withdrawn."
        )
    with db.write() as session:
        consent = load_consent(session, consent_id)
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
