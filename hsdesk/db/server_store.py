"""Stored files as rows of ``stored_file_content`` in an office server's database, written in
the same transaction as the records that use them (see :mod:`hsdesk.db.filestore`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hsdesk.db.models import StoredFileContent
from hsdesk.db.server import row_versions


class ServerStore:
    """Files as rows in the database on a server, written in the caller's transaction."""

    def __init__(self, reading: Callable[[], AbstractContextManager[Session]], where: str) -> None:
        self._reading = reading
        self._where = where

    @property
    def where(self) -> str:
        return f"the database on {self._where}"

    def put(self, session: Session, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        kept = select(StoredFileContent.sha256).where(StoredFileContent.sha256 == sha)
        if session.execute(kept).first() is None:
            session.add(StoredFileContent(sha256=sha, data=data))
            session.flush()
        return sha

    def raw(self, sha256: str) -> bytes | None:
        with self._reading() as session:
            found = session.execute(
                select(StoredFileContent.data).where(StoredFileContent.sha256 == sha256)
            ).scalar_one_or_none()
        return bytes(found) if found is not None else None

    def stored(self) -> Iterator[str]:
        with self._reading() as session:
            shas = list(
                session.execute(
                    select(StoredFileContent.sha256).order_by(StoredFileContent.sha256)
                ).scalars()
            )
        yield from shas

    def versions(self) -> dict[str, str]:
        with self._reading() as session:
            return row_versions(session.connection())

    def discard(self, session: Session) -> None:
        return None  # the rows go with the transaction's rollback

    def remove(self, session: Session, sha256: str) -> None:
        session.execute(delete(StoredFileContent).where(StoredFileContent.sha256 == sha256))

    def committed(self, session: Session) -> None:
        return None  # the rows went with the transaction
