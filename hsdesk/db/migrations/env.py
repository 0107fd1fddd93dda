"""Alembic environment: run on a connection handed in by hsdesk.db.migrate (or a URL for the CLI)."""

from alembic import context
from sqlalchemy import create_engine

from hsdesk.db import models  # noqa: F401  (registers the tables on the metadata)
from hsdesk.db.base import Base
from hsdesk.db.fulltext import is_search_table

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=lambda name, _kind, _parents: not is_search_table(name),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(str(config.get_main_option("sqlalchemy.url")))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
