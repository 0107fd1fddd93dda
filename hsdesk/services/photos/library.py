"""The photo library: import, caption, who is pictured, thumbnails.

Every photo is stored once in the file store (by SHA-256); importing the same bytes again finds the
existing photo. Each import is its own transaction, so a batch reports per file and one bad file
never stops the rest, and a file whose record could not be written is removed from the store again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.filestore import is_sha256
from hsdesk.db.models import Person, Photo, PhotoSubject
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import HsdeskError, NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import PhotoDetails, PhotoRecord
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.clearance import every_photo_record, photo_records, photos_query
from hsdesk.services.photos.files import (
    THUMB_SIZE,
    PhotoFile,
    make_thumbnail,
    read_photo,
    readable_name,
)
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, stored_bytes

MAX_UNIDENTIFIED = 200


@dataclass
class ImportReport:
    """What a batch import did, file by file."""

    imported: list[tuple[str, int]] = field(default_factory=list)  # (file name, photo id)
    already: list[tuple[str, int]] = field(
        default_factory=list
    )  # the same photo was in the library
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    cancelled: bool = False

    @property
    def summary(self) -> str:
        parts = [f"{len(self.imported)} photo{'s' if len(self.imported) != 1 else ''} imported"]
        if self.already:
            parts.append(f"{len(self.already)} already in the library")
        if self.refused:
            parts.append(f"{len(self.refused)} not imported")
        text = ", ".join(parts) + "."
        if self.cancelled:
            text += " Import cancelled; the files not reached were left alone."
        return text


def _photo(session: Session, photo_id: int) -> Photo:
    photo = session.execute(photos_query().where(Photo.id == photo_id)).scalar_one_or_none()
    if photo is None:
        raise NotFound(f"Photo number {photo_id} is no longer in the library.")
    return photo


def get_photo(db: Database, photo_id: int, today: date | None = None) -> PhotoRecord:
    with db.read() as session:
        return photo_records(session, [_photo(session, photo_id)], today or clock.today())[0]


def library(db: Database, today: date | None = None) -> list[PhotoRecord]:
    """Every photo with its clearance per use, newest first."""
    with db.read() as session:
        return every_photo_record(session, today or clock.today())


def events(db: Database) -> list[str]:
    with db.read() as session:
        found = session.execute(select(Photo.event).distinct().where(Photo.event != "")).scalars()
        return sorted(found, key=str.lower)


def store_photo(
    session: Session, db: Database, actor: Actor, photo: PhotoFile, event: str = ""
) -> tuple[Photo, bool]:
    """Add the photo inside the caller's transaction; (photo, False) if it was already there."""
    stored = add_file(session, db.files, photo.data, photo.name, photo.media_type)
    existing = session.execute(select(Photo).where(Photo.sha256 == stored.sha256)).scalar()
    if existing is not None:
        return existing, False
    row = Photo(
        sha256=stored.sha256,
        original_name=photo.name,
        caption="",
        event=event.strip(),
        taken_on=photo.taken_on,
        width=photo.width,
        height=photo.height,
        unidentified=0,
        imported_at=clock.now(),
        imported_by=actor.username,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "add",
        "photo",
        row.id,
        f"Imported photo {photo.name}",
        {"sha256": stored.sha256, "event": row.event},
    )
    return row, True


def import_photo(db: Database, actor: Actor, photo: PhotoFile, event: str = "") -> tuple[int, bool]:
    """Import one photo in one transaction; returns (photo id, whether it is new)."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    with db.write() as session:  # a failure takes the stored bytes back: nothing half-imported
        row, new = store_photo(session, db, actor, photo, event)
        return row.id, new


def import_files(
    db: Database,
    actor: Actor,
    paths: Iterable[Path],
    event: str = "",
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import many files, each on its own; safe to run off the UI thread."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    files = list(paths)
    report = ImportReport()
    for done, path in enumerate(files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        name = readable_name(path.name)  # a name that is not valid text never stops the batch
        if progress is not None:
            progress(done, len(files), name)
        try:
            photo = read_photo(path)
            photo_id, new = import_photo(db, actor, photo, event)
        except HsdeskError as exc:
            report.refused.append((name, str(exc)))
            continue
        (report.imported if new else report.already).append((name, photo_id))
        # A thumbnail that fails now is made again when the library first shows the photo.
        with contextlib.suppress(OSError, ValueError):
            thumbnail(db, photo.sha256)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def thumbnail(db: Database, sha256: str, size: int = THUMB_SIZE) -> Path:
    """The cached thumbnail of a stored photo, made (off the UI thread) the first time."""
    if not is_sha256(sha256):
        raise NotFound("There is no stored photo with that fingerprint.")
    target = db.data_dir / "thumbnails" / sha256[:2] / f"{sha256}-{size}.jpg"
    if not target.exists():
        data = stored_bytes(db, sha256)
        if data is None:
            raise ValueError(f"photo {sha256[:12]}… is missing from {db.files.where}")
        make_thumbnail(data, target, size)
    return target


def update_photo(db: Database, actor: Actor, photo_id: int, details: PhotoDetails) -> PhotoRecord:
    """Change the caption, event, date taken and the count of unidentified people."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    if details.taken_on and details.taken_on > clock.today():
        raise ValidationError("The date taken is in the future. Check the year.")
    if not 0 <= details.unidentified <= MAX_UNIDENTIFIED:
        raise ValidationError(f"Unidentified people must be a number from 0 to {MAX_UNIDENTIFIED}.")
    with db.write() as session:
        photo = _photo(session, photo_id)
        had_people = _has_people(photo)
        new = {
            "caption": details.caption.strip(),
            "event": details.event.strip(),
            "taken_on": details.taken_on,
            "unidentified": details.unidentified,
        }
        changed = sorted(k for k, v in new.items() if getattr(photo, k) != v)
        if changed:
            for key in changed:
                setattr(photo, key, new[key])
            _recheck(photo, actor, had_people)
            audit.record(
                session,
                actor,
                "edit",
                "photo",
                photo_id,
                f"Changed photo {photo.original_name}: {', '.join(changed)}",
                {"changed": changed, "unidentified": photo.unidentified},
            )
    return get_photo(db, photo_id)


def _has_people(photo: Photo) -> bool:
    return bool(photo.subjects) or photo.unidentified > 0


def _recheck(photo: Photo, actor: Actor, had_people: bool) -> None:
    """Recording who is pictured checks the photo; removing the last person recorded makes it
    "not yet checked" again (nobody recorded is not the same as nobody pictured)."""
    if _has_people(photo):
        if photo.checked_at is None:
            photo.checked_at, photo.checked_by = clock.now(), actor.username
    elif had_people:
        photo.checked_at, photo.checked_by = None, ""


def confirm_nobody(db: Database, actor: Actor, photo_id: int) -> PhotoRecord:
    """Record that no person can be identified in the photo (a view, a logo, hands at work):
    the check that lets a photo with nobody tagged be cleared."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    with db.write() as session:
        photo = _photo(session, photo_id)
        if _has_people(photo):
            raise ValidationError(
                "People are recorded in this photo. Remove their tags and set unidentified "
                "people to 0 first, if nobody can in fact be identified in it."
            )
        if photo.checked_at is None:
            photo.checked_at, photo.checked_by = clock.now(), actor.username
            audit.record(
                session,
                actor,
                "check",
                "photo",
                photo_id,
                f"Confirmed that nobody can be identified in photo {photo.original_name}",
            )
    return get_photo(db, photo_id)


def insert_tag(session: Session, actor: Actor, photo: Photo, person: Person) -> None:
    """Record, inside the caller's transaction, that a person is pictured."""
    if any(s.person_id == person.id for s in photo.subjects):
        raise ValidationError(f"{full_name(person)} is already tagged in this photo.")
    photo.subjects.append(PhotoSubject(person_id=person.id, person=person))
    _recheck(photo, actor, False)
    session.flush()
    audit.record(
        session,
        actor,
        "tag",
        "photo",
        photo.id,
        f"Tagged {full_name(person)} in photo {photo.original_name}",
        {"person_id": person.id},
    )


def tag_person(db: Database, actor: Actor, photo_id: int, person_id: int) -> PhotoRecord:
    """Record that a person from the register is pictured."""
    require(db, actor, Permission.MANAGE_PHOTOS)
    with db.write() as session:
        photo = _photo(session, photo_id)
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"Person number {person_id} is not in the People register.")
        insert_tag(session, actor, photo, person)
    return get_photo(db, photo_id)


def untag_person(db: Database, actor: Actor, photo_id: int, person_id: int) -> PhotoRecord:
    require(db, actor, Permission.MANAGE_PHOTOS)
    with db.write() as session:
        photo = _photo(session, photo_id)
        subject = next((s for s in photo.subjects if s.person_id == person_id), None)
        if subject is None:
            raise ValidationError("That person is not tagged in this photo.")
        name = full_name(subject.person)
        photo.subjects.remove(subject)
        _recheck(photo, actor, True)
        audit.record(
            session,
            actor,
            "untag",
            "photo",
            photo_id,
            f"Removed {name} from photo {photo.original_name}",
            {"person_id": person_id},
        )
    return get_photo(db, photo_id)


def _thumbnails(db: Database) -> Path:
    return db.data_dir / "thumbnails"


def forget_thumbnails(db: Database, shas: Iterable[str]) -> None:
    """Delete this PC's thumbnails of the photos ``shas`` (an erasure deleted them)."""
    for sha in shas:
        for path in (_thumbnails(db) / sha[:2]).glob(f"{sha}-*.jpg"):
            path.unlink(missing_ok=True)


def prune_thumbnails(db: Database) -> int:
    """Delete this PC's thumbnails of photos the database no longer holds (erased on another
    PC, on an office server); how many. Read off the window's thread."""
    folder = _thumbnails(db)
    if not folder.is_dir():
        return 0
    with db.read() as session:
        held = set(session.scalars(select(Photo.sha256)))
    gone = 0
    for path in folder.glob("*/*.jpg"):
        if path.name.split("-", 1)[0] not in held:
            path.unlink(missing_ok=True)
            gone += 1
    return gone
