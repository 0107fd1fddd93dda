"""Engine factory and session scopes, for a file (SQLite) or a server (PostgreSQL, with its
specifics in hsdesk.db.server). The only module that speaks SQLite-specific SQL."""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, QueuePool, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from hsdesk.db import record_state, server
from hsdesk.db.filestore import FileStore, FolderStore
from hsdesk.db.location import default_data_dir, is_url, shown
from hsdesk.db.read_only_copy import (
    ReadOnlyCopy,
    companions_present,
    connect_to_copy,
    has_wal,
    leave_as_found,
    take_copy,
)
from hsdesk.db.record_state import seal
from hsdesk.db.server_store import ServerStore
from hsdesk.db.sqlite_file import check_sqlite_file
from hsdesk.db.stoppable import Readers
from hsdesk.db.storage import shared_location
from hsdesk.domain.errors import (
    DatabaseBusy,
    DatabaseProblem,
    DiskFull,
    HsdeskError,
    ReadOnlyDatabase,
)
from hsdesk.domain.secrets import keep_hidden

# Settings the database layer reads itself (kept in the ``setting`` table, as every setting is).
MOVED_TO = "moved_to_server"  # set in a file whose records were moved onto an office server
BACKUP_FOLDER = "server_backup_folder"  # where an office server's backups go
# A write that meets a busy database waits this long, then fails with a message (never hangs).
BUSY_TIMEOUT_MS = 3_000


def _read_only_uri(path: Path, immutable: bool) -> str:
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def folder_read_only(path: Path) -> bool:
    """SQLite cannot make the ``-shm`` a WAL reader needs beside a file in this folder."""
    return not os.access(path.parent, os.W_OK)


def needs_copy(path: Path) -> bool:
    """Reading ``path`` in place would miss saves (or changes being made): read a copy."""
    return folder_read_only(path) and has_wal(path)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, even where its folder is read-only. There a
    file with no ``-wal`` is read as unchanging (``immutable``); one with a ``-wal`` through a
    private copy with its saves folded in (see :mod:`hsdesk.db.read_only_copy`)."""
    if needs_copy(path):
        return connect_to_copy(path)
    return sqlite3.connect(
        _read_only_uri(path, folder_read_only(path)), uri=True, check_same_thread=False
    )


def moved_to(path: Path) -> str | None:
    """Where this file's records went, if they were moved onto an office server (read without
    changing the file; a damaged file is left for the schema check to explain)."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = connect_read_only(path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (MOVED_TO,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def permission_problem(path: Path) -> str | None:
    """Why this user cannot change the database file, or None if they can."""
    if path.exists() and not os.access(path, os.W_OK):
        return f"you do not have permission to change {path}"
    if path.exists() and not os.access(path.parent, os.W_OK):
        return f"you do not have permission to change files in {path.parent}"
    return None


def _sqlite_pragmas(read_only: bool, shared: bool) -> Callable[[Any, Any], None]:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook issue BEGIN itself so reads and writes get the right lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        elif shared:
            # On a share or synced folder: no WAL (its shared memory does not work across
            # computers) and one connection holding the file for as long as it is open.
            cursor.execute("PRAGMA locking_mode=EXCLUSIVE")
            cursor.execute("PRAGMA journal_mode=DELETE")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return apply


def _sqlite_begin(conn: Any) -> None:
    # Writers take the write lock at once (BEGIN IMMEDIATE) so two writers queue instead of failing.
    immediate = conn.get_execution_options().get("hsdesk_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _server_begin(conn: Any) -> None:
    if conn.get_execution_options().get("hsdesk_write", False):
        server.take_write_lock(conn)


def make_engine(url: str, *, read_only: Path | None = None, shared: bool = False) -> Engine:
    """An engine for ``url``; ``read_only`` is the database file when it must not be changed."""
    options: dict[str, Any] = {}
    if url.startswith("postgresql"):
        options.update(connect_args=server.connect_args(), pool_pre_ping=True)
    if read_only is not None:
        options["creator"] = lambda: connect_read_only(read_only)
    if shared:
        # Exclusive locking: one connection owns the file, so the whole program shares it.
        options.update(poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=30)
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(read_only is not None, shared))
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _server_begin)
    return engine


@contextmanager
def schema_change(
    engine: Engine, waiting: Callable[[], None] | None = None
) -> Iterator[Connection]:
    """One transaction for a migration. On SQLite a table is rebuilt to change a constraint, so
    foreign keys are switched off around it (they cannot be inside a transaction), as SQLite's
    documented procedure asks, and every reference is checked before the commit. On a server
    the change holds the write lock; ``waiting`` is called if another PC holds it."""
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: takes effect
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    server.take_upgrade_lock(conn, waiting)  # two PCs upgrading: one waits
                yield conn
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseProblem(
                            f"The upgrade would leave {len(broken)} broken references (first in "
                            f"{broken[0][0]}); it was undone and nothing was changed."
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def explain(exc: DBAPIError, where: str, url: str = "") -> HsdeskError | None:
    """The plain-English refusal for a database failure a person can act on, if it is one."""
    if url.startswith("postgresql"):
        return server.explain_server(exc.orig or exc, url)
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"The database is busy: another hsdesk or program is saving to {where} right now. "
            "Nothing was changed; try again in a moment."
        )
    if "full" in text:
        return DiskFull(
            f"There is no room left to save this: the disk holding {where} is full. "
            "Nothing was changed; free some space (or ask whoever looks after the PC) and try again."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(
            f"{where} cannot be changed (it is read-only). Nothing was changed; ask whoever "
            "looks after the PC to give you permission to change it."
        )
    if "disk i/o" in text or "malformed" in text:
        return DatabaseProblem(
            f"{where} could not be read or written ({exc.orig}). Nothing was changed. Run "
            "File → Check the database, or restore a backup."
        )
    return None


class Database:
    """An open hsdesk database: engine, session scopes and the file store beside it."""

    def __init__(
        self, location: str, *, read_only: str | None = None, local_dir: Path | None = None
    ) -> None:
        """Open ``location``; ``read_only`` is the reason to open it without changing anything
        (it is also opened read-only, with the reason, when this user cannot change the file).
        ``local_dir`` is this PC's folder for what a server's PCs keep each for themselves
        (thumbnails), by default the per-user data folder."""
        self.shared: str | None = None  # where the file is, when that is a share or synced folder
        self.copy: ReadOnlyCopy | None = None  # what is read, when the file cannot be read in place
        self._found_beside: frozenset[str] = frozenset()
        self.moved_to: str | None = None  # the server a file's records were moved to
        # Who this program is, in the change notices it sends (so it can ignore its own).
        self.instance = uuid.uuid4().hex
        # Counted as each of this program's write transactions is about to commit, so a
        # watcher beside a database file can tell this program's saves from another's.
        self.own_writes = 0
        if is_url(location):
            keep_hidden(server.password_of(location))
            server.require_driver(location)
            self.url = location
            self.path: Path | None = None
            self.data_dir = local_dir or default_data_dir()
        else:
            self.path = Path(location).expanduser().resolve()
            check_sqlite_file(self.path)
            self._found_beside = companions_present(self.path)
            if needs_copy(self.path):  # only where this user cannot change the folder
                self.copy = take_copy(self.path)
            self.moved_to = moved_to(self.copy.path if self.copy else self.path)
            if self.moved_to is not None:
                read_only = (
                    f"its records were moved to the office server ({self.moved_to}), so this "
                    "file is kept as it was then; connect to the office server to work on them"
                )
            read_only = read_only or permission_problem(self.path)
            if read_only is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.copy is not None:
                read_only = f"{read_only}. {self.copy.described}"
            self.url = f"sqlite:///{self.path}"
            self.data_dir = self.path.parent
            self.shared = shared_location(self.path)
        self.read_only = read_only
        self.engine = make_engine(
            self.url,
            read_only=self.read_path if read_only is not None else None,
            shared=self.shared is not None,
        )
        record_state.install()
        self.readers = Readers(self.engine)
        self.before_writing: Callable[[], None] | None = None  # e.g. wait for the page check
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(hsdesk_write=True), expire_on_commit=False
        )
        self.files: FileStore = (
            FolderStore(self.data_dir / "files")
            if self.path is not None
            else ServerStore(self.read, server.server_name(self.url))
        )

    @property
    def where(self) -> str:
        """The file, or the server URL without its password: what may be printed or shown."""
        return str(self.path) if self.path is not None else shown(self.url)

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def read_path(self) -> Path | None:
        """The file that is read: the database's, or the private copy of it being shown."""
        return self.copy.path if self.copy is not None else self.path

    def leave_refused_as_found(self) -> None:
        """After refusing the file: remove the empty ``-wal``/``-shm`` opening it made."""
        self.engine.dispose()
        if self.path is not None and self.copy is None:
            leave_as_found(self.path, self._found_beside)

    @property
    def backups_dir(self) -> Path:
        """Beside a file; for a server, the folder Settings names (one the office's PCs share),
        else this PC's own data folder."""
        if self.path is not None:
            return self.data_dir / "backups"
        named = None
        try:
            with self.engine.connect() as conn:
                named = conn.exec_driver_sql(
                    "SELECT value FROM setting WHERE key = %(key)s", {"key": BACKUP_FOLDER}
                ).scalar()
        except DBAPIError:
            named = None  # no settings yet (a new server database)
        return Path(named) if named else self.data_dir / "office-server-backups"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back and closed at the end."""
        with (
            self.explained(),
            self._reader() as session,
            session.begin(),
            self.readers.reading(session),  # stopped when hsdesk closes, if it may be
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back if it raises."""
        if self.read_only is not None:
            raise ReadOnlyDatabase(
                f"The database is open read-only ({self.read_only}), so nothing can be changed. "
                "Close hsdesk and open it again when you can change it."
            )
        if self.before_writing is not None:
            self.before_writing()
        with self.explained(), self._writer() as session:
            try:
                with session.begin():
                    yield session
                    seal(session)  # the state of covered records, into the audit chain
                    if self.is_server:
                        server.announce_change(session.connection(), self.instance)
                    self.own_writes += 1
                self.files.committed(session)
            except BaseException as exc:
                self.files.discard(session)
                recorded = getattr(exc, "recorded", None)
                if recorded is not None:  # kept although the change was refused
                    try:
                        with session.begin():
                            recorded(session)
                            self.own_writes += 1
                    except Exception:  # the refusal is what the person must hear
                        logging.getLogger(__name__).exception("could not keep %r", exc)
                raise

    @contextmanager
    def explained(self) -> Iterator[None]:
        """Turn a database failure a person can act on into its plain-English refusal."""
        try:
            yield
        except DBAPIError as exc:
            raise explain(exc, self.where, self.url) or exc from exc

    def dispose(self) -> None:
        self.engine.dispose()
        if self.copy is not None:
            self.copy.remove()


def storage_problems(db: Database, full: bool = True) -> list[str]:
    """The database's own checks: page integrity and foreign keys of a file (SQLite); on a
    server, every reference between records, checked by query (the pages are the server's)."""
    if db.engine.dialect.name != "sqlite":
        from hsdesk.db.references import broken_references

        with db.explained(), db.engine.connect() as conn:
            return broken_references(conn)
    problems: list[str] = []
    pragma = "integrity_check" if full else "quick_check"
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            problems.extend(f"database file damaged: {row}" for row in rows[:20])
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent} record")
    return problems
