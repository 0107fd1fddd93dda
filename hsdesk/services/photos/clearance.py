"""Reading photos and consents together and applying the clearance rule to them.

Shared by the photo library and the consent register, so a photo's status is worked out in one
place however it is reached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.models import Consent, ConsentWithdrawal, Person, Photo, PhotoSubject
from hsdesk.domain.consent import ConsentFact, ConsentScope, Standings, clearances
from hsdesk.domain.photo_records import PhotoRecord, PictureRef
from hsdesk.services.people.roles import full_name, name_of


@lru_cache(maxsize=64)  # a handful of combinations, over tens of thousands of records
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
    known: Standings = {}  # each person's standing per use, worked out once for all photos
    return [
        _record(
            photo, {s.person_id: full_name(s.person) for s in photo.subjects}, day, facts, known
        )
        for photo in photos
    ]


def every_photo_record(session: Session, day: date) -> list[PhotoRecord]:
    """Every photo's record, newest first: as photo_records gives them, read as plain rows (the
    library of ten years holds tens of thousands; made into objects they took seconds)."""
    photos = session.execute(
        select(*(getattr(Photo, name) for name in _PHOTO_FIELDS)).order_by(
            Photo.taken_on.desc(), Photo.id.desc()
        )
    ).all()
    pictured: dict[int, dict[int, str]] = defaultdict(dict)
    subjects = select(
        PhotoSubject.photo_id, PhotoSubject.person_id, Person.first_name, Person.last_name
    ).join(Person, Person.id == PhotoSubject.person_id)
    for photo_id, person_id, first, last in session.execute(subjects):
        pictured[photo_id][person_id] = name_of(first, last)
    facts, known = consent_facts(session), Standings()
    return [_record(photo, pictured.get(photo.id, {}), day, facts, known) for photo in photos]


_PHOTO_FIELDS = (
    "id", "sha256", "original_name", "caption", "event", "taken_on", "width", "height",
    "unidentified", "imported_at", "checked_at",
)  # fmt: skip


def _record(
    photo: Any,
    pictured: dict[int, str],
    day: date,
    facts: dict[int, list[ConsentFact]],
    known: Standings,
) -> PhotoRecord:
    """One photo's record (``photo``: its row or its object, with the fields above)."""
    checked = photo.checked_at is not None
    return PhotoRecord(
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
            for pid, name in sorted(pictured.items(), key=lambda i: (i[1], i[0]))
        ),
        clearances=clearances(day, pictured, photo.unidentified, facts, checked, known),
        checked=checked,
    )


def photos_showing(session: Session, person_ids: Iterable[int], day: date) -> list[PhotoRecord]:
    """Every photo in which any of these people is pictured, with its clearance on the day."""
    ids = list(person_ids)
    shown = select(PhotoSubject.photo_id).where(PhotoSubject.person_id.in_(ids))
    query = photos_query().where(Photo.id.in_(shown)).order_by(Photo.id)
    return photo_records(session, list(session.execute(query).scalars()), day)
