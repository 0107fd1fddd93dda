"""Bring a database to the schema this hsdesk expects, backing it up first, refusing newer ones.

On an office server one PC upgrades while the others wait for it (the upgrade holds the write
lock), and each upgrade records which hsdesk did it, so a PC with an older hsdesk can say which
one to install. Alembic is imported only when an upgrade actually runs, so a normal start stays
fast.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from hsdesk import __version__
from hsdesk.db import server
from hsdesk.db.engine import Database, connect_read_only, schema_change
from hsdesk.db.read_only_copy import left_as_found_if_refused
from hsdesk.db.schema import HEAD, KNOWN_REVISIONS, downgrade_engine, upgrade_in
from hsdesk.db.snapshot import backup_database
from hsdesk.domain import clock
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.errors import DatabaseDamaged, DatabaseProblem, HsdeskError

__all__ = ["HEAD", "KNOWN_REVISIONS", "SchemaState", "ensure_schema", "schema_state"]

# The setting each upgrade writes: the hsdesk release that brought the schema where it is.
UPGRADED_BY = "schema_upgraded_by"


@dataclass(frozen=True)
class SchemaState:
    revision: str | None
    has_tables: bool
    upgraded_by: str | None = None  # the hsdesk release that last upgraded it, if recorded

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD


def _upgraded_by(read: Callable[[str], object], tables: set[str]) -> str | None:
    if "setting" not in tables:
        return None
    found = read(f"SELECT value FROM setting WHERE key = '{UPGRADED_BY}'")
    return str(found) if found else None


def probe_file(
    path: Path,
    full: bool = False,
    named: Path | None = None,
    pages: bool = True,
    opened: Callable[[sqlite3.Connection], None] | None = None,
) -> SchemaState:
    """Check the file's pages (``quick_check``, or the full ``integrity_check``; none without
    ``pages``) and read its schema revision, through a read-only connection, so a refused file
    is untouched. ``named`` is the file to name in a refusal when ``path`` is a private copy;
    ``opened`` is handed the connection (to interrupt the check)."""
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, False)
    with left_as_found_if_refused(path):
        return _probe(path, full, named or path, pages, opened)


def _probe(
    path: Path,
    full: bool,
    named: Path,
    pages: bool,
    opened: Callable[[sqlite3.Connection], None] | None,
) -> SchemaState:
    try:
        conn = connect_read_only(path)
        if opened is not None:
            opened(conn)
        try:
            check = "integrity_check" if full else "quick_check"
            damage = [row[0] for row in conn.execute(f"PRAGMA {check}")] if pages else ["ok"]
            if damage != ["ok"]:
                raise DatabaseDamaged(damaged_message(named, damage))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None

            def one(query: str) -> object:
                row = conn.execute(query).fetchone()
                return row[0] if row else None

            upgraded_by = _upgraded_by(one, tables)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(damaged_message(named, [str(exc)])) from exc
    return SchemaState(revision, bool(tables - {"alembic_version"}), upgraded_by)


def page_damage(
    db: Database, opened: Callable[[sqlite3.Connection], None] | None = None
) -> HsdeskError | None:
    """SQLite's ``quick_check`` of an open file, as a refusal (None when its pages are sound,
    and for a server, which checks its own)."""
    if db.read_path is None:
        return None
    try:
        probe_file(db.read_path, named=db.path, opened=opened)
    except HsdeskError as exc:
        return exc
    return None


class PageCheck:
    """SQLite's ``quick_check`` of the file, run in the background from opening: on a file of
    ten years it takes a second or more, which neither the sign-in box nor the window waits
    for. Nothing is written to the file until it has passed (:meth:`clear_to_write`, which the
    database calls before each write); a damaged file is explained when the check ends."""

    def __init__(self, db: Database) -> None:
        self._found: list[HsdeskError | None] = []
        self._connection: list[sqlite3.Connection] = []
        self._stopped = False
        self._thread = threading.Thread(
            target=lambda: self._found.append(page_damage(db, self._connection.append)),
            name="page check",
            daemon=True,
        )
        if db.shared is None:  # on a shared drive they were checked on opening
            self._thread.start()

    def stop(self) -> None:
        """hsdesk is closing: interrupt the check, and wait until the file is let go."""
        self._stopped = True
        for conn in self._connection:
            with suppress(sqlite3.ProgrammingError):  # (closed: the check had ended)
                conn.interrupt()
        if self._thread.is_alive():  # (never started on a shared drive)
            self._thread.join()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> HsdeskError | None:
        if self._thread.is_alive():
            self._thread.join()
        return self._found[0] if self._found and not self._stopped else None

    def clear_to_write(self) -> None:
        """Wait for the check; refuse to write to a damaged file."""
        damage = self.result()
        if damage is not None:
            raise damage


def damaged_message(path: Path, found: list[str]) -> str:
    detail = "; ".join(found[:3]) + ("; …" if len(found) > 3 else "")
    return (
        f"{path} is damaged and cannot be used as it is ({detail}). hsdesk has not changed or "
        '"repaired" it. Restore the latest backup (hsdesk offers to when it opens; or run '
        "'hsdesk-cli restore BACKUP'); the damaged file is then moved, unchanged, into the "
        "backups folder."
    )


def _probe_url(db: Database) -> SchemaState:
    with db.explained(), db.engine.connect() as conn:
        return _server_state(conn, _table_names(conn))


def _table_names(conn: Connection) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(conn).get_table_names())


def _server_state(conn: Connection, names: set[str]) -> SchemaState:
    revision = None
    if "alembic_version" in names:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    upgraded_by = _upgraded_by(lambda query: conn.execute(text(query)).scalar(), names)
    return SchemaState(revision, bool(names - {"alembic_version"}), upgraded_by)


def schema_state(db: Database, pages: bool = True) -> SchemaState:
    """The database's schema, refused if unknown; with ``pages``, a file's pages are checked
    first (``quick_check``; a server looks after its own)."""
    if db.read_path is None:
        return known_schema(_probe_url(db), db.where, True)
    try:
        return known_schema(probe_file(db.read_path, named=db.path, pages=pages), db.where)
    except DatabaseProblem:
        db.leave_refused_as_found()
        raise


def known_schema(state: SchemaState, where: str, on_server: bool = False) -> SchemaState:
    """Refuse a schema this hsdesk does not know: a newer hsdesk's, or another program's."""
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        known = state.upgraded_by not in (None, __version__)
        newer = f"hsdesk {state.upgraded_by}" if known else "a newer hsdesk"
        if on_server:
            raise DatabaseProblem(
                f"The office server was upgraded to {newer}; install it on this PC (this PC has "
                f"hsdesk {__version__}). Nothing was changed."
            )
        raise DatabaseProblem(
            f"{where} was written by {newer} (schema {state.revision}), newer than this PC's "
            f"hsdesk {__version__}. Install it to open this file. The file has not been changed."
        )
    if state.revision is None and state.has_tables:
        raise DatabaseProblem(
            f"{where} is a database, but not an hsdesk one. Choose an hsdesk database "
            "or a new file name. It has not been changed."
        )
    return state


def ensure_schema(
    db: Database, waiting: Callable[[], None] | None = None, pages: bool = True
) -> Path | None:
    """Upgrade to HEAD if behind; returns the backup taken first (None if none was needed).
    On a server, ``waiting`` is called if another PC is upgrading it at the same moment (this
    one then waits for it, and finds the schema already upgraded). Without ``pages`` a current
    file's pages are not checked here (the window checks them while the person signs in, see
    :func:`page_damage`); a file to upgrade always is."""
    state = schema_state(db, pages)
    if state.is_current:
        return None
    if not pages:
        schema_state(db)  # an upgrade starts from a file whose pages were checked
    if db.read_only is not None:
        raise DatabaseProblem(
            f"{db.where} was written by an older hsdesk (schema {state.revision or 'empty'}) and "
            f"needs upgrading, but it is open read-only ({db.read_only}). Open it where it can "
            "be changed; it has not been changed."
        )
    backup = None
    if not db.is_server and state.revision is not None:
        backup = backup_database(db, db.backups_dir, BackupKind.BEFORE_UPGRADE, clock.now()).path
    with db.explained(), schema_change(db.engine, waiting) as conn:
        if db.is_server:
            # Another PC may have upgraded it while this one waited for the lock. Nobody can
            # write while this PC holds it, so the backup is exactly what is upgraded.
            state = known_schema(_server_state(conn, _table_names(conn)), db.where, True)
            if state.is_current:
                return None
            if state.revision is not None:
                backup = backup_database(
                    db, db.backups_dir, BackupKind.BEFORE_UPGRADE, clock.now()
                ).path
        upgrade_in(conn, HEAD)
        conn.execute(text("DELETE FROM setting WHERE key = :key"), {"key": UPGRADED_BY})
        conn.execute(
            text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
            {"key": UPGRADED_BY, "value": __version__},
        )
        if db.is_server:
            server.announce_change(conn, db.instance)
    return backup


def upgrade(db: Database, revision: str) -> None:
    with db.explained(), schema_change(db.engine) as conn:
        upgrade_in(conn, revision)


def downgrade(db: Database, revision: str) -> None:
    with db.explained():
        downgrade_engine(db.engine, revision)
