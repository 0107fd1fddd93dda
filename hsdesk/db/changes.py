"""Has another program changed the database? What lets each PC show what the others do.

On a server, every write transaction announces itself when it commits (``pg_notify``, see
hsdesk.db.server) and a watcher LISTENs on its own connection. Beside an SQLite file, a watcher
keeps its own connection and reads ``PRAGMA data_version``, which moves when any other
connection commits, this program's own included: the Database counts its own writes, and a
change seen while that count moved is taken as its own. Either way ``wait`` blocks for at most its timeout, so a thread can stop.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from typing import Any

from sqlalchemy.exc import DBAPIError

from hsdesk.db import server
from hsdesk.db.engine import Database, connect_read_only

POLL_SECONDS = 0.5  # how often a file's version is read
LISTEN_SLICE = 0.1  # how long a server's notices are waited for before looking at ``stop``


class ChangeWatcher:
    """``wait(timeout)`` is True when another program committed a change since the last call.
    Setting ``stop`` (from another thread) ends a wait at once."""

    def __init__(self, db: Database, stop: threading.Event | None = None) -> None:
        self.db = db
        self.stop = stop or threading.Event()
        self._conn: Any = None
        self._version: int | None = None
        self._own = 0  # this program's writes already accounted for

    def _connect(self) -> None:
        if self.db.read_path is not None:
            self._conn = connect_read_only(self.db.read_path)
            self._version = self._read_version()
            self._own = self.db.own_writes
            return
        pooled = self.db.engine.raw_connection()
        conn = pooled.driver_connection
        pooled.detach()  # its own connection for as long as the watcher lives, never pooled
        assert conn is not None
        conn.autocommit = True
        conn.execute(f"LISTEN {server.CHANGES_CHANNEL}")
        self._conn = conn

    def _read_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> bool:
        """True as soon as another program's change is seen; False after ``timeout`` seconds
        without one (or while the database cannot be reached: the next call tries again)."""
        try:
            if self._conn is None:
                self._connect()
            if self.db.path is not None:
                return self._wait_for_file(timeout)
            return self._wait_for_server(timeout)
        except (sqlite3.Error, DBAPIError, OSError, self._driver_error()):
            self.close()
            self.stop.wait(timeout)
            return False

    def _wait_for_file(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            version = self._read_version()
            if version != self._version:
                self._version = version
                own = self.db.own_writes
                if own == self._own:
                    return True  # no save of ours since the last look: another program's
                self._own = own  # our own save, which the window shows already
            left = deadline - time.monotonic()
            if left <= 0 or self.stop.wait(min(POLL_SECONDS, left)):
                return False

    def _wait_for_server(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0 and not self.stop.is_set():
            notices = list(self._conn.notifies(timeout=min(left, LISTEN_SLICE), stop_after=1))
            if not notices:
                continue
            # Take the rest of a burst (a save of many rows announces once per transaction).
            notices += list(self._conn.notifies(timeout=0.05))
            if any(n.payload != self.db.instance for n in notices):  # not only our own
                return True
        return False

    def _driver_error(self) -> type[Exception]:
        if self.db.path is not None:
            return sqlite3.Error
        import psycopg

        return psycopg.Error

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None
