"""Reaching into a database's file store the way a fault would, on either home (a folder beside
an SQLite file, rows on a server)."""

from __future__ import annotations

from sqlalchemy import delete, update

from hsdesk.db import filestore
from hsdesk.db.engine import Database
from hsdesk.db.filestore import FolderStore
from hsdesk.db.models import StoredFileContent


def problem(db: Database, sha: str) -> str | None:
    return filestore.problem(db.files, sha)


def read(db: Database, sha: str) -> bytes | None:
    return db.files.raw(sha)


def tamper(db: Database, sha: str, data: bytes) -> None:
    """Change a stored file's bytes behind hsdesk's back."""
    if isinstance(db.files, FolderStore):
        db.files.path_for(sha).write_bytes(data)
        return
    with db.engine.begin() as conn:
        conn.execute(
            update(StoredFileContent).where(StoredFileContent.sha256 == sha).values(data=data)
        )


def lose(db: Database, sha: str) -> None:
    """Lose a stored file, as a failed disk or a careless clean-up would."""
    if isinstance(db.files, FolderStore):
        db.files.path_for(sha).unlink()
        return
    with db.engine.begin() as conn:
        conn.execute(delete(StoredFileContent).where(StoredFileContent.sha256 == sha))


def count(db: Database) -> int:
    return sum(1 for _ in db.files.stored())
