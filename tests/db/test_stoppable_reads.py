"""Closing hsdesk stops the lists still being read (nobody will see them), so closing never
waits for them; any other read, and every write, is left to finish. Both engines."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from hsdesk.db.stoppable import may_stop

SLOW_SQLITE = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {count}) "
    "SELECT count(*) FROM n"
)


def _slow(db, seconds: float) -> str:  # type: ignore[no-untyped-def]
    if db.is_server:
        return f"SELECT count(*) FROM (SELECT pg_sleep({seconds})) AS slept"
    return SLOW_SQLITE.format(count=int(seconds * 4_000_000))


def _read_in_thread(db, sql: str, stoppable: bool) -> tuple[threading.Thread, dict]:  # type: ignore[no-untyped-def]
    outcome: dict = {}

    def read() -> None:
        try:
            if stoppable:
                with may_stop(), db.read() as session:
                    outcome["rows"] = session.execute(text(sql)).scalar()
            else:
                with db.read() as session:
                    outcome["rows"] = session.execute(text(sql)).scalar()
        except Exception as exc:  # noqa: BLE001 - what the test looks at
            outcome["error"] = exc

    thread = threading.Thread(target=read)
    thread.start()
    return thread, outcome


def _running(db, count: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while len(db.readers._running) < count:
        assert time.monotonic() < deadline, "the read never started"
        time.sleep(0.01)


def test_closing_stops_a_list_being_read_at_once(db):
    thread, outcome = _read_in_thread(db, _slow(db, 30), stoppable=True)
    _running(db, 1)
    time.sleep(0.2)  # well into the query
    began = time.monotonic()
    db.readers.stop()
    thread.join(10)
    assert not thread.is_alive()
    assert time.monotonic() - began < 3  # not the 30 s the query would take
    assert "error" in outcome and "rows" not in outcome
    assert not db.readers._running
    with db.read() as session:  # the database itself is as it was
        assert session.execute(text("SELECT 1")).scalar() == 1


def test_a_read_not_marked_stoppable_finishes(db):
    thread, outcome = _read_in_thread(db, _slow(db, 0.5), stoppable=False)
    time.sleep(0.1)
    db.readers.stop()
    thread.join(20)
    assert outcome.get("rows") == (1 if db.is_server else 2_000_000)


def test_a_write_is_never_stopped(db):
    with may_stop(), db.write() as session:  # even inside a block whose reads may be stopped
        session.execute(text("SELECT 1"))
        assert not db.readers._running  # nothing a close could interrupt
