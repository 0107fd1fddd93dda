"""Handwritten signatures for sign-offs (the Chair's adoption, the Vice Chair's review): drawn
on screen or chosen from those kept for the signer, checked as images and stored as files."""

from __future__ import annotations

import io
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Person, SignatureImage
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.policy import SignatureRecord
from hsdesk.services.platform import audit
from hsdesk.services.platform.files import add_file
from hsdesk.services.platform.standing import find_account

MAX_SIGNATURE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class SignatureChoice:
    """Exactly one of ``drawn`` (PNG bytes) or ``stored_id`` (one of the signer's kept ones)."""

    drawn: bytes | None = None
    stored_id: int | None = None
    keep_drawn: bool = False


def image_problem(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    if not data:
        return "The signature is empty: draw it, or choose a stored signature."
    if len(data) > MAX_SIGNATURE_BYTES:
        return "The signature image is larger than 2 MB. Choose a smaller image."
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in {"PNG", "JPEG"}:
                return "The signature must be a PNG or JPEG image."
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return "The signature file is not a readable image. Choose a PNG or JPEG picture of it."
    return None


def _person_for(session: Session, username: str) -> Person | None:
    account = find_account(session, username)
    return account.person if account else None


def signatures_for(db: Database, username: str) -> list[SignatureRecord]:
    """The stored signature images of the person with this sign-in name (newest first)."""
    with db.read() as session:
        person = _person_for(session, username)
        if person is None:
            return []
        rows = session.execute(
            select(SignatureImage)
            .where(SignatureImage.person_id == person.id)
            .order_by(SignatureImage.added_at.desc(), SignatureImage.id.desc())
        ).scalars()
        return [SignatureRecord(r.id, r.person_id, r.sha256, r.added_at) for r in rows]


def keep_signature(
    session: Session, db: Database, actor: Actor, person_id: int, png: bytes
) -> SignatureImage:
    stored = add_file(session, db.files, png, "signature.png", "image/png")
    existing = session.execute(
        select(SignatureImage).where(
            SignatureImage.person_id == person_id, SignatureImage.sha256 == stored.sha256
        )
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    row = SignatureImage(
        person_id=person_id,
        sha256=stored.sha256,
        added_at=clock.now(),
        added_by=actor.username,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "add", "signature_image", row.id, "Kept a signature image")
    return row


def chosen_signature(
    session: Session,
    db: Database,
    actor: Actor,
    person_id: int,
    choice: SignatureChoice,
    office_label: str,
) -> str:
    """The SHA-256 of the signer's handwritten signature for this sign-off, stored."""
    if (choice.drawn is None) == (choice.stored_id is None):
        raise ValidationError(
            f"The {office_label}'s handwritten signature is missing: draw it in the box, "
            f"or choose one of their stored signatures."
        )
    if choice.stored_id is not None:
        row = session.get(SignatureImage, choice.stored_id)
        if row is None or row.person_id != person_id:
            raise PermissionDenied(
                "That stored signature is not the signer's own. Choose one of theirs or draw it."
            )
        return row.sha256
    assert choice.drawn is not None
    problem = image_problem(choice.drawn)
    if problem:
        raise ValidationError(problem)
    if choice.keep_drawn:
        return keep_signature(session, db, actor, person_id, choice.drawn).sha256
    return add_file(session, db.files, choice.drawn, "signature.png", "image/png").sha256
