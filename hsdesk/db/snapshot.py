"""Backups of either engine as hsdesk files, and hsdesk files loaded into a server.

A backup of an office server is the same kind of file as a backup of a PC's database: an SQLite
file at this release's schema with the stored files beside it in the backup folder's ``files/``.
So every backup can be checked with ``hsdesk-cli check FILE`` and opened on any PC. It is read
from the server in one snapshot (a repeatable-read transaction), so it is consistent even while
other PCs keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from hsdesk.db.backup import (
    BackupResult,
    backup_file,
    copy_stored_files,
    next_backup_path,
    put_in_place,
    temporary_beside,
)
from hsdesk.db.disk import disk_errors
from hsdesk.db.engine import Database, make_engine
from hsdesk.db.filestore import FileStore, FolderStore, problem, read
from hsdesk.db.models import StoredFileContent
from hsdesk.db.schema import HEAD, upgrade_engine
from hsdesk.db.transfer import clear, copy_records, reflected_tables, stored_shas
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.errors import DatabaseProblem

Step = Callable[[str], None]


def default_server_backups(db: Database) -> Path:
    """Where a server's backups go when Settings names no folder: this PC's data folder."""
    return db.data_dir / "office-server-backups"


@contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """One consistent, read-only view of the whole database while others keep writing."""
    with db.explained(), db.engine.connect() as conn:
        if db.is_server:
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if db.is_server:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield conn


def write_file_from(
    source: Connection, target: Path, revision: str = HEAD, step: Step | None = None
) -> None:
    """Write every record ``source`` can see into a new hsdesk file at ``target``, at the
    source's schema ``revision``, checked, then renamed into place; nothing is left if it fails."""
    with temporary_beside(target) as tmp, _journal_removed(tmp):
        tmp.unlink()  # the new file is made by SQLite itself
        engine = make_engine(f"sqlite:///{tmp}")
        try:
            upgrade_engine(engine, revision)
            with engine.begin() as conn:
                tables = None if revision == HEAD else reflected_tables(conn)
                clear(conn, tables)  # rows the migrations themselves add
                copy_records(source, conn, step, tables)
        finally:
            engine.dispose()
        put_in_place(tmp, target, "It was not kept.")


@contextmanager
def _journal_removed(path: Path) -> Iterator[None]:
    try:
        yield
    finally:
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def backup_server(
    db: Database, folder: Path, kind: BackupKind, now: datetime, step: Step | None = None
) -> BackupResult:
    """A backup of the server's database as an hsdesk file in ``folder``, with its stored files."""
    target = next_backup_path(folder, now.replace(microsecond=0), kind)
    with snapshot(db) as source:
        revision = source.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        # Before schema 0008 a server had no file store (server mode came with it).
        kept = source.dialect.has_table(source, StoredFileContent.__tablename__)
        shas = set(stored_shas(source)) if kept else set()
        write_file_from(source, target, str(revision or HEAD), step)
    missing = copy_stored_files(shas, db.files, FolderStore(folder / "files"))
    return BackupResult(target, missing)


def backup_database(db: Database, folder: Path, kind: BackupKind, now: datetime) -> BackupResult:
    """A checked backup of an open database, file or server, with the stored files it needs."""
    with disk_errors(str(folder)):
        if db.is_server:
            return backup_server(db, folder, kind, now)
        return backup_file(db, folder, kind, now)


def files_missing(shas: list[str], files: FileStore) -> list[str]:
    """The stored files that are missing or damaged in ``files``, in words."""
    return [found for sha in shas if (found := problem(files, sha)) is not None]


def load_file_into(
    session: Session,
    source: Connection,
    files: FileStore,
    step: Step | None = None,
    file_step: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Replace everything in ``session``'s server database with the records of the file behind
    ``source`` and the stored files they need from ``files``, in the session's transaction."""
    target = session.connection()
    clear(target)
    copied = copy_records(source, target, step)
    shas = stored_shas(source)
    for done, sha in enumerate(shas, start=1):
        data = read(files, sha)
        if data is None:
            raise DatabaseProblem(problem(files, sha) or f"stored file {sha[:12]}… is missing")
        session.add(StoredFileContent(sha256=sha, data=data))
        session.flush()
        if file_step is not None:
            file_step(done, len(shas))
    return copied


@contextmanager
def file_source(path: Path) -> Iterator[Connection]:
    """A read-only connection to an hsdesk file, for copying from it."""
    engine = make_engine(f"sqlite:///{path}", read_only=path)
    try:
        with engine.connect() as conn, conn.begin():
            yield conn
    finally:
        engine.dispose()
