"""Run slow work (making and signing PDFs, checking signatures) off the UI thread.

The function runs on Qt's thread pool and must not touch widgets; its result or its exception
comes back to the UI thread through a signal. The window keeps responding meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication

_RUNNING: set[_Relay] = set()  # keeps each relay alive until it has reported


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which explains it
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    busy_cursor: bool = True,
) -> None:
    """Start ``work`` on a pool thread; ``on_done``/``on_error`` run later on the UI thread."""
    relay = _Relay()
    _RUNNING.add(relay)
    if busy_cursor:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _RUNNING.discard(relay)
        if busy_cursor:
            QGuiApplication.restoreOverrideCursor()
        callback(value)

    relay.done.connect(lambda value: finish(on_done, value), Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(lambda exc: finish(on_error, exc), Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, relay))
