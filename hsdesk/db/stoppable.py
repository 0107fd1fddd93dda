"""Reads that hsdesk stops when it closes, so closing never waits for a list nobody will see.

A window's lists are read on worker threads (the Dashboard of ten years takes about a second).
Reads made inside :func:`may_stop` on a thread are noted while they run; :meth:`Readers.stop`
interrupts them (SQLite's ``interrupt``, PostgreSQL's cancel request), and each ends with an
error its window no longer shows. Writes are never noted: a change under way always finishes,
or rolls back whole."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session

from hsdesk.domain.errors import HsdeskError

_here = threading.local()


@contextmanager
def may_stop() -> Iterator[None]:
    """Reads made in this block, on this thread, may be stopped when hsdesk closes."""
    before = getattr(_here, "may_stop", False)
    _here.may_stop = True
    try:
        yield
    finally:
        _here.may_stop = before


class ReadStopped(HsdeskError):
    """hsdesk is closing; the list being read will not be shown."""


class Readers:
    """The stoppable reads running on one database."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._running: set[Any] = set()  # the driver's connections
        self._stopped = False
        # A statement is interrupted only while it runs: one a stopped read starts after that
        # (the read was between statements) is refused here.
        event.listen(engine, "before_cursor_execute", self._before_statement)

    def _before_statement(self, conn: Connection, *_statement: object) -> None:
        if self._stopped and conn.connection.driver_connection in self._running:
            raise ReadStopped("hsdesk is closing; this list is no longer read.")

    @contextmanager
    def reading(self, session: Session) -> Iterator[None]:
        if not getattr(_here, "may_stop", False):
            yield
            return
        driver = session.connection().connection.driver_connection
        with self._lock:
            self._running.add(driver)
        try:
            yield
        finally:
            with self._lock:
                self._running.discard(driver)

    def stop(self) -> None:
        """Interrupt every stoppable read running now (hsdesk is closing)."""
        with self._lock:
            self._stopped = True
            running = list(self._running)
        for driver in running:
            interrupt = getattr(driver, "interrupt", None) or getattr(driver, "cancel", None)
            if interrupt is not None:
                with suppress(Exception):  # it ended meanwhile: nothing to stop
                    interrupt()
