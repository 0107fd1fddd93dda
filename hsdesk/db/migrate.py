"""Bring a database to the schema this hsdesk expects, backing it up first, refusing newer ones.

Alembic is imported only when an upgrade actually runs, so a normal start stays fast.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from hsdesk.db.backup import backup_database
from hsdesk.db.engine import Database, connect_read_only, schema_change
from hsdesk.domain import clock
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.errors import DatabaseDamaged, DatabaseProblem

if TYPE_CHECKING:
    from alembic.config import Config

# Every revision this release knows, oldest first; a test checks it against the migration scripts.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaState:
    revision: str | None
    has_tables: bool

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD


def probe_file(path: Path, full: bool = False) -> SchemaState:
    """Check the file's pages (``quick_check``, or the full ``integrity_check``) and read its
    schema revision, through a read-only connection, so a refused file is untouched."""
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, False)
    try:
        conn = connect_read_only(path)
        try:
            check = "integrity_check" if full else "quick_check"
            damage = [row[0] for row in conn.execute(f"PRAGMA {check}")]
            if damage != ["ok"]:
                raise DatabaseDamaged(damaged_message(path, damage))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(damaged_message(path, [str(exc)])) from exc
    return SchemaState(revision, bool(tables - {"alembic_version"}))


def damaged_message(path: Path, found: list[str]) -> str:
    detail = "; ".join(found[:3]) + ("; …" if len(found) > 3 else "")
    return (
        f"{path} is damaged and cannot be used as it is ({detail}). hsdesk has not changed or "
        '"repaired" it. Restore the latest backup (hsdesk offers to when it opens; or run '
        "'hsdesk-cli restore BACKUP'); the damaged file is then moved, unchanged, into the "
        "backups folder."
    )


def _probe_url(db: Database) -> SchemaState:
    from sqlalchemy import inspect, text

    with db.explained(), db.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        revision = None
        if "alembic_version" in names:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(revision, bool(names - {"alembic_version"}))


def schema_state(db: Database) -> SchemaState:
    state = probe_file(db.path) if db.path is not None else _probe_url(db)
    return known_schema(state, db.where)


def known_schema(state: SchemaState, where: str) -> SchemaState:
    """Refuse a schema this hsdesk does not know: a newer hsdesk's, or another program's."""
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise DatabaseProblem(
            f"{where} was written by a newer version of hsdesk (schema {state.revision}). "
            "Install the newer hsdesk to open it. The file has not been changed."
        )
    if state.revision is None and state.has_tables:
        raise DatabaseProblem(
            f"{where} is a database, but not an hsdesk one. Choose an hsdesk database "
            "or a new file name. It has not been changed."
        )
    return state


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def ensure_schema(db: Database) -> Path | None:
    """Upgrade to HEAD if behind; returns the backup taken first (None if none was needed)."""
    state = schema_state(db)
    if state.is_current:
        return None
    if db.read_only is not None:
        raise DatabaseProblem(
            f"{db.where} was written by an older hsdesk (schema {state.revision or 'empty'}) and "
            f"needs upgrading, but it is open read-only ({db.read_only}). Open it where it can "
            "be changed; it has not been changed."
        )
    backup = None
    if state.revision is not None and db.path is not None:
        backup = backup_database(db, db.backups_dir, BackupKind.BEFORE_UPGRADE, clock.now()).path
    upgrade(db, HEAD)
    return backup


def upgrade(db: Database, revision: str) -> None:
    from alembic import command

    with db.explained(), schema_change(db.engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    with db.explained(), schema_change(db.engine) as conn:
        command.downgrade(alembic_config(conn), revision)
