"""Adding files (scans, photos, signatures) to the content-addressed store with their metadata."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

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
    """Store the bytes once (by SHA-256) and record them; adding the same bytes again finds the record.

    The file is written before the row; if the transaction then fails, the orphan is reported by
    `check` and is harmless, while a row pointing at no file could never happen.
    """
    sha = hashlib.sha256(data).hexdigest()
    existing = session.get(StoredFile, sha)
    store.put_bytes(data)
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
    """A stored file's bytes, or None when there is none or its copy on disk is not intact."""
    if sha and db.files.problem(sha) is None:
        return db.files.path_for(sha).read_bytes()
    return None


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
