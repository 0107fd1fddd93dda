"""Consistent copies of a live SQLite database (SQLite's online backup API, never a plain file
copy), each checked with ``quick_check`` and kept with the stored files it refers to.

A backup folder holds ``hsdesk-<when>-<kind>.db`` files and one content-addressed ``files/``
store they share, so photos and scans are copied once however many backups mention them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdesk.db.engine import Database, connect_read_only
from hsdesk.db.filestore import FileStore, FolderStore, problem, read, write_atomic
from hsdesk.domain.backups import BackupKind, backup_name
from hsdesk.domain.errors import DatabaseProblem


@contextlib.contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary path in the target's folder (so the final rename is atomic), removed unless
    the caller renamed it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind ``source`` to ``target`` as one consistent snapshot (other
    connections may keep writing), verify the copy, then rename it into place."""
    with temporary_beside(target) as tmp:
        dst = sqlite3.connect(tmp)
        try:
            source.backup(dst)  # all pages in one step: a single read transaction
        finally:
            dst.close()
        put_in_place(tmp, target, "The database itself may be damaged: run 'check'.")
    return target


def put_in_place(copy: Path, target: Path, if_damaged: str) -> None:
    """Make a new copy a self-contained file (no write-ahead log), check every page, flush it
    to disk, then rename it over ``target``; a copy that fails its check is refused.

    The copy is checked with SQLite's quick_check: every page read and checked, as the copy is
    page for page the source. The slower integrity_check (indexes against their tables, six
    times the time on a ten-year office) is `check`'s, on the database itself."""
    conn = sqlite3.connect(copy)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()
    if result != ["ok"]:
        raise DatabaseProblem(
            f"The backup copy failed its integrity check ({'; '.join(result[:3])}). {if_damaged}"
        )
    fsync_file(copy)
    os.replace(copy, target)


def referenced_files(database: Path) -> set[str]:
    """The stored files (SHA-256) a database file refers to."""
    conn = connect_read_only(database)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "stored_file" not in tables:
            return set()
        return {row[0] for row in conn.execute("SELECT sha256 FROM stored_file")}
    finally:
        conn.close()


def copy_stored_files(
    shas: set[str], source: FileStore, target: FolderStore, repair: bool = False
) -> list[str]:
    """Copy each file ``target`` does not hold yet, checking its hash as it is read; returns
    the files that could not be copied, in words. A file already held is known by its name
    (its hash; files are written whole or not at all) and is not read again, so a backup costs
    what changed since the last one, not the whole history (the backup's copies are checked
    by ``check`` and before any restore). With ``repair`` (a restore into the live store) a
    held copy is read and replaced if it is not intact."""
    problems: list[str] = []
    for sha in sorted(shas):
        held = read(target, sha) is not None if repair else target.path_for(sha).is_file()
        if held:
            continue
        data = read(source, sha)
        if data is None:
            problems.append(problem(source, sha) or f"stored file {sha[:12]}… could not be read")
            continue
        write_atomic(target.path_for(sha), data)  # new, or in place of a damaged copy
    return problems


@dataclass(frozen=True)
class BackupResult:
    path: Path
    missing_files: list[str]


def next_backup_path(folder: Path, taken_at: datetime, kind: BackupKind) -> Path:
    clash = 0
    while (folder / backup_name(taken_at, kind, clash)).exists():
        clash += 1
    return folder / backup_name(taken_at, kind, clash)


def store_backup(
    source: sqlite3.Connection, files: FileStore, folder: Path, kind: BackupKind, now: datetime
) -> BackupResult:
    """Snapshot the database into ``folder`` and copy the stored files the snapshot needs."""
    target = copy_database(source, next_backup_path(folder, now.replace(microsecond=0), kind))
    try:
        missing = copy_stored_files(referenced_files(target), files, FolderStore(folder / "files"))
    except BaseException:  # a backup without its files is no backup: none is left behind
        target.unlink(missing_ok=True)
        raise
    return BackupResult(target, missing)


def backup_file(db: Database, folder: Path, kind: BackupKind, now: datetime) -> BackupResult:
    """Back up an open database file through its own engine (which may hold it exclusively)."""
    with db.engine.connect() as conn:
        source = conn.connection.driver_connection
        assert isinstance(source, sqlite3.Connection)
        return store_backup(source, db.files, folder, kind, now)
