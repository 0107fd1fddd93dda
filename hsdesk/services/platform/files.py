"""Adding files (scans, photos, signatures) to the content-addressed store with their metadata."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from hsdesk.db import filestore
from hsdesk.db.engine import Database
from hsdesk.db.filestore import FileStore
from hsdesk.db.models import StoredFile
from hsdesk.domain import clock
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.scans import evidence_media_type

MAX_SCAN_BYTES = 25 * 1024 * 1024


def add_file(
    session: Session, store: FileStore, data: bytes, original_name: str, media_type: str
) -> StoredFile:
    """Store the bytes once (by SHA-256) and record them, in ``session``'s write transaction;
    adding the same bytes again finds the record. If the transaction fails, the store takes the
    bytes back (a folder's new file is removed; a server's row goes with the rollback)."""
    sha = hashlib.sha256(data).hexdigest()
    existing = session.get(StoredFile, sha)
    store.put(session, data)
    if existing is not None:
        return existing
    row = StoredFile(
        sha256=sha,
        size=len(data),
        original_name=original_name,
        media_type=media_type,
        added_at=clock.now(),
    )
    session.add(row)
    session.flush()
    return row


def stored_bytes(db: Database, sha: str | None) -> bytes | None:
    """A stored file's bytes, or None when there is none or its copy is not intact."""
    return filestore.read(db.files, sha)


def checked_scan(data: bytes, name: str) -> str:
    """The media type of a scanned, signed form (a PDF or an image, judged by its bytes, never
    its name); a file that is empty, over 25 MB or neither is refused, saying what to attach."""
    if not data:
        raise ValidationError(f"The file {name} is empty. Attach the scan again.")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(
            f"The file {name} is larger than 25 MB. Scan it at a lower resolution and attach that."
        )
    kind = evidence_media_type(data)
    if kind is None:
        raise ValidationError(
            f"{name} is not a PDF or an image. Scan the signed form to PDF, JPEG or PNG and "
            "attach that."
        )
    return kind
