"""The file store: photos, scans, signatures and signed PDFs, each kept once under its SHA-256.

One interface, two homes. Beside an SQLite file the bytes are files in ``files/ab/abcdef…``
(written atomically before the transaction that records them commits, and removed again if it
fails). On a database server they are rows of ``stored_file_content``, written in the same
transaction as the records that use them, so every PC reads the same files and one backup of the
server holds everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from hsdesk.db.disk import disk_errors

if TYPE_CHECKING:  # (not imported at run time: the lock file is written before the models load)
    from sqlalchemy.orm import Session

_NEW_FILES = "hsdesk_new_files"  # session.info key: files this transaction wrote to a folder
_GONE_FILES = "hsdesk_gone_files"  # session.info key: files to delete once it commits


def write_atomic(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside the target, flush it to disk, then rename it into place;
    a full disk or a folder that may not be written is refused in words, with no part left.
    ``data`` may come in pieces (a large export as it is read); if giving them fails or is
    cancelled, nothing is left either."""
    with disk_errors(str(target.parent)):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for piece in (data,) if isinstance(data, bytes) else data:
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class FileStore(Protocol):
    """Where a database keeps its stored files."""

    @property
    def where(self) -> str:
        """Where the files are, in words, for messages."""
        ...

    def put(self, session: Session, data: bytes) -> str:
        """Keep the bytes (once, however often they are added), within ``session``'s write
        transaction; returns their SHA-256."""
        ...

    def raw(self, sha256: str) -> bytes | None:
        """The bytes as they are stored (unchecked), or None when there are none."""
        ...

    def stored(self) -> Iterator[str]:
        """The SHA-256 of every file kept, in order."""
        ...

    def versions(self) -> dict[str, str]:
        """A token for each file kept that changes whenever its bytes could have (read without
        reading the bytes), so a check need not hash again a file it found intact before."""
        ...

    def discard(self, session: Session) -> None:
        """Take back what ``session``'s failed transaction stored, if the store outlives it."""
        ...

    def remove(self, session: Session, sha256: str) -> None:
        """Delete the bytes with ``session``'s write transaction (an erasure): gone if it
        commits (see ``committed``), kept if it fails."""
        ...

    def committed(self, session: Session) -> None:
        """After ``session``'s transaction committed: finish what it asked of the store."""
        ...


def problem(store: FileStore, sha256: str) -> str | None:
    """Why the stored copy of this file cannot be trusted, or None if it is intact."""
    data = store.raw(sha256)
    if data is None:
        return f"stored file {sha256[:12]}… is missing from {store.where}"
    if hashlib.sha256(data).hexdigest() != sha256:
        return f"stored file {sha256[:12]}… has been changed or damaged in {store.where}"
    return None


def is_sha256(text: str | None) -> bool:
    """True for a SHA-256 as files are kept under: 64 lower-case hexadecimal digits."""
    return text is not None and len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def read(store: FileStore, sha256: str | None) -> bytes | None:
    """A stored file's bytes, or None when there is none, its copy is not intact, or
    ``sha256`` is not a fingerprint any file could have."""
    data = store.raw(sha256) if sha256 and is_sha256(sha256) else None
    return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None


class FolderStore:
    """Files in a folder beside the SQLite database file."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def where(self) -> str:
        return str(self.root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, session: Session, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            write_atomic(target, data)
            session.info.setdefault(_NEW_FILES, []).append(target)
        return sha

    def raw(self, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        return path.read_bytes() if path.is_file() else None

    def stored(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for item in sorted(sub.iterdir()):
                    if item.is_file() and not item.name.startswith("."):
                        yield item.name

    def versions(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for sha in self.stored():
            status = self.path_for(sha).stat()
            found[sha] = f"{status.st_size}:{status.st_mtime_ns}"
        return found

    def discard(self, session: Session) -> None:
        # Only this transaction could have written them: writers hold the database's write lock.
        for path in session.info.pop(_NEW_FILES, []):
            path.unlink(missing_ok=True)
        session.info.pop(_GONE_FILES, None)

    def remove(self, session: Session, sha256: str) -> None:
        session.info.setdefault(_GONE_FILES, []).append(self.path_for(sha256))

    def committed(self, session: Session) -> None:
        session.info.pop(_NEW_FILES, None)
        for path in session.info.pop(_GONE_FILES, []):
            with contextlib.suppress(OSError):  # still open elsewhere: check reports it unused
                path.unlink(missing_ok=True)
