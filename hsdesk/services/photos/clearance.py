"""Reading photos and consents together and applying the clearance rule to them.

Shared by the photo library and the consent register, so a photo's status is worked out in one
place however it is reached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.models import Consent, ConsentWithdrawal, Photo, PhotoSubject
from hsdesk.domain.consent import ConsentFact, ConsentScope, clearances
from hsdesk.domain.photo_records import PhotoRecord, PictureRef
from hsdesk.services.people.roles import full_name


def parse_scopes(text: str) -> frozenset[ConsentScope]:
    return frozenset(ConsentScope(v) for v in text.split(",") if v)


def join_scopes(scopes: Iterable[ConsentScope]) -> str:
    chosen = set(scopes)
    return ",".join(s.value for s in ConsentScope if s in chosen)


def consent_facts(
    session: Session,
    subject_ids: Iterable[int] | None = None,
    where: ColumnElement[bool] | None = None,
) -> dict[int, list[ConsentFact]]:
    """Every consent record (any status) of the given people, or of everyone, as facts; with
    ``where``, only the records the database finds matching it (over the consent and its
    withdrawal), so a list of a few need not read ten years of them."""
    superseded = select(Consent.supersedes_id).where(Consent.supersedes_id.is_not(None))
    query = select(
        Consent.id,
        Consent.subject_id,
        Consent.scopes,
        Consent.given_on,
        Consent.expires_on,
        ConsentWithdrawal.withdrawn_on,
        Consent.id.in_(superseded),
    ).outerjoin(ConsentWithdrawal, ConsentWithdrawal.consent_id == Consent.id)
    if subject_ids is not None:
        query = query.where(Consent.subject_id.in_(list(subject_ids)))
    if where is not None:
        query = query.where(where)
    facts: dict[int, list[ConsentFact]] = defaultdict(list)
    for cid, subject, scopes, given, expires, withdrawn, replaced in session.execute(query):
        facts[subject].append(
            ConsentFact(
                cid, subject, parse_scopes(scopes), given, expires, withdrawn, bool(replaced)
            )
        )
    return facts


def in_force_on(day: date) -> ColumnElement[bool]:
    """A consent in force on the day, for ``consent_facts``' ``where`` (superseded ones are
    left out by the caller)."""
    withdrawn = ConsentWithdrawal.withdrawn_on
    return and_(
        Consent.given_on <= day,
        Consent.expires_on > day,
        or_(withdrawn.is_(None), withdrawn > day),
    )


def photos_query() -> Select[Photo]:
    return select(Photo).options(selectinload(Photo.subjects).selectinload(PhotoSubject.person))


def photo_records(session: Session, photos: list[Photo], day: date) -> list[PhotoRecord]:
    """Records of these photos with their clearance for every use on the day."""
    people = {s.person_id for p in photos for s in p.subjects}
    facts = consent_facts(session, people if len(people) < 500 else None)
    records = []
    for photo in photos:
        pictured = {s.person_id: full_name(s.person) for s in photo.subjects}
        records.append(
            PhotoRecord(
                id=photo.id,
                sha256=photo.sha256,
                original_name=photo.original_name,
                caption=photo.caption,
                event=photo.event,
                taken_on=photo.taken_on,
                width=photo.width,
                height=photo.height,
                unidentified=photo.unidentified,
                imported_at=photo.imported_at,
                pictured=tuple(
                    PictureRef(pid, name)
                    for pid, name in sorted(pictured.items(), key=lambda i: i[1])
                ),
                clearances=clearances(
                    day, pictured, photo.unidentified, facts, photo.checked_at is not None
                ),
                checked=photo.checked_at is not None,
            )
        )
    return records


def photos_showing(session: Session, person_ids: Iterable[int], day: date) -> list[PhotoRecord]:
    """Every photo in which any of these people is pictured, with its clearance on the day."""
    ids = list(person_ids)
    shown = select(PhotoSubject.photo_id).where(PhotoSubject.person_id.in_(ids))
    query = photos_query().where(Photo.id.in_(shown)).order_by(Photo.id)
    return photo_records(session, list(session.execute(query).scalars()), day)
