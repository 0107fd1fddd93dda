"""After an erasure: the database's own clean-up, so that what was deleted or overwritten is no
longer in its file. SQLite: the content search index is rebuilt from the records as they are
now (FTS5 keeps deleted words in its segments until then), VACUUM writes the file again from the
live records only, and the write-ahead log is emptied. PostgreSQL: VACUUM, which frees the old
row versions for reuse (only VACUUM FULL, which locks every table while it runs, rewrites the
server's files; whoever looks after the server may run it)."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import Engine

from hsdesk.db.fulltext import SEARCH_TABLE


def compact(engine: Engine, is_server: bool, rebuild_search: bool) -> None:
    raw = engine.raw_connection()
    try:
        if is_server:
            driver: Any = raw.driver_connection  # psycopg's own connection
            driver.rollback()
            driver.autocommit = True
            try:
                driver.execute("VACUUM")
            finally:
                driver.autocommit = False
            return
        cursor = raw.cursor()
        if rebuild_search:
            cursor.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('rebuild')")
        cursor.execute("VACUUM")
        with contextlib.suppress(Exception):  # a reader still open keeps the log until it ends
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
