"""The schema's revisions and the Alembic calls that move a database between them. Alembic is
imported only when a schema actually changes, so a normal start stays fast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from hsdesk.db.engine import schema_change

if TYPE_CHECKING:
    from alembic.config import Config

# Every revision this release knows, oldest first; a test checks it against the migration scripts.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012",
    "0013",
)  # fmt: skip
HEAD = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_in(conn: Connection, revision: str) -> None:
    """Upgrade inside the caller's schema-change transaction."""
    from alembic import command

    command.upgrade(alembic_config(conn), revision)


def upgrade_engine(engine: Engine, revision: str) -> None:
    from alembic import command

    with schema_change(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade_engine(engine: Engine, revision: str) -> None:
    from alembic import command

    with schema_change(engine) as conn:
        command.downgrade(alembic_config(conn), revision)
