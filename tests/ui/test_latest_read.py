"""Lists are read on a worker thread: the table says it is reading until the rows come, a read
overtaken by a newer one is never shown, and a read that fails is explained and stops saying
"Reading…"."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

COLUMNS = [Column("Name", lambda name: name)]


def _view(qtbot) -> tuple[QWidget, RecordTable[str], LatestRead]:
    view = QWidget()
    qtbot.addWidget(view)
    table: RecordTable[str] = RecordTable(COLUMNS, "latest-read-test", view)
    return view, table, LatestRead(view, table)


def _names(table: RecordTable[str]) -> list[str]:
    return [table.proxy.index(n, 0).data() for n in range(table.proxy.rowCount())]


def test_the_table_says_it_is_reading_until_the_rows_come(qtbot):
    _view_, table, reads = _view(qtbot)
    release = threading.Event()

    def slow() -> list[str]:
        release.wait(10)
        return ["Ann", "Bob"]

    reads.start(slow, table.set_records)
    assert reads.loading and table.reading and table.proxy.rowCount() == 0
    with qtbot.waitSignal(reads.filled, timeout=10_000):
        release.set()
    assert not reads.loading and not table.reading
    assert _names(table) == ["Ann", "Bob"]


def test_a_read_overtaken_by_a_newer_one_is_never_shown(qtbot):
    _view_, table, reads = _view(qtbot)
    first_may_end = threading.Event()
    shown: list[list[str]] = []

    def older() -> list[str]:
        first_may_end.wait(10)
        return ["stale"]

    def show(rows: list[str]) -> None:
        shown.append(rows)
        table.set_records(rows)

    reads.start(older, show)
    with qtbot.waitSignal(reads.filled, timeout=10_000):
        reads.start(lambda: ["fresh"], show)
    first_may_end.set()  # the older read ends after the newer one was shown
    qtbot.wait(200)
    assert shown == [["fresh"]] and _names(table) == ["fresh"]


def test_a_failed_read_is_explained_and_the_table_stops_saying_reading(qtbot, refusals):
    _view_, table, reads = _view(qtbot)

    def broken() -> list[str]:
        raise OSError("the network drive went away")

    with qtbot.waitSignal(reads.filled, timeout=10_000):
        reads.start(broken, table.set_records)
    assert refusals == ["Something went wrong: the network drive went away"]
    assert not table.reading and not reads.loading


def test_a_read_stopped_because_hsdesk_is_closing_is_not_explained(qtbot, refusals):
    from hsdesk.db.stoppable import ReadStopped

    _view_, table, reads = _view(qtbot)

    def stopped() -> list[str]:
        raise ReadStopped("hsdesk is closing; this list is no longer read.")

    reads.start(stopped, table.set_records)
    qtbot.waitUntil(lambda: not reads.loading, timeout=10_000)
    qtbot.wait(100)
    assert refusals == []  # no message while hsdesk closes (or restores a backup)
