"""Engine factory and session scopes. The only module that speaks SQLite-specific SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from hsdesk.db.filestore import FileStore
from hsdesk.db.location import default_data_dir, is_url
from hsdesk.domain.errors import DatabaseProblem

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    if path.is_dir():
        raise DatabaseProblem(
            f"{path} is a folder, not a database file. Give the path of the .db file."
        )
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DatabaseProblem(
            f"{path} is not an hsdesk database (it is not an SQLite file). "
            "Check that you chose the right file; it has not been changed."
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself so reads and writes get the right lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # Writers take the write lock at once (BEGIN IMMEDIATE) so two writers queue instead of failing.
    immediate = conn.get_execution_options().get("hsdesk_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


class Database:
    """An open hsdesk database: engine, session scopes and the file store beside it."""

    def __init__(self, location: str) -> None:
        if is_url(location):
            self.url = location
            self.path: Path | None = None
            self.data_dir = default_data_dir()
        else:
            self.path = Path(location).expanduser().resolve()
            check_sqlite_file(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.url = f"sqlite:///{self.path}"
            self.data_dir = self.path.parent
        self.engine = make_engine(self.url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(hsdesk_write=True), expire_on_commit=False
        )
        self.files = FileStore(self.data_dir / "files")

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back and closed at the end."""
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back if it raises."""
        with self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def storage_problems(db: Database, full: bool = True) -> list[str]:
    """The database engine's own checks: page integrity and foreign keys (SQLite only)."""
    if db.engine.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    pragma = "integrity_check" if full else "quick_check"
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            problems.extend(f"database file damaged: {row}" for row in rows[:20])
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent} record")
    return problems
