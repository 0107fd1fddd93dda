"""Run slow work (making and signing PDFs, checking signatures) off the UI thread.

The function runs on Qt's thread pool and must not touch widgets; its result or its exception
comes back to the UI thread through a signal. The window keeps responding meanwhile."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from hsdesk.ui.held import when_unlocked
from hsdesk.ui.signals import emit

_RUNNING: set[_Relay] = set()  # keeps each relay alive until it has reported
_HELD: list[_Job] = []  # started before the main window's first paint: they wait for it
_holding = False


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    job: _Job | None = None


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which explains it
            emit(self.relay.failed, exc)
        else:
            emit(self.relay.done, result)


def _start(
    relay: _Relay,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    busy_cursor: bool,
) -> None:
    """Run ``work`` on the pool; its result or error comes back through ``relay``."""
    _RUNNING.add(relay)
    if busy_cursor:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _RUNNING.discard(relay)
        if busy_cursor:
            QGuiApplication.restoreOverrideCursor()
        when_unlocked(lambda: callback(value))  # behind the lock, shown once unlocked

    relay.done.connect(lambda value: finish(on_done, value), Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(lambda exc: finish(on_error, exc), Qt.ConnectionType.QueuedConnection)
    # The job is freed here on the UI thread (with the relay), never by the pool thread: a pool
    # thread deleting a Python QRunnable can deadlock with the UI thread over the GIL.
    relay.job = _Job(work, relay)
    relay.job.setAutoDelete(False)
    if _holding:
        _HELD.append(relay.job)
    else:
        QThreadPool.globalInstance().start(relay.job)


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, release_held)  # once this paint has reached the screen
        return False


def hold_background() -> None:
    """Work started from now on waits until :func:`release_after_paint`'s window has painted.

    A pool thread's Python takes turns with the window's thread, so reads started while the
    main window is built (the Dashboard's) would slow its first paint; held, they start just
    after it. If the window closes unpainted, the held work never runs."""
    global _holding
    _holding = True


def release_after_paint(window: QWidget) -> None:
    """Start the held work once ``window`` has painted for the first time."""
    window.installEventFilter(_FirstPaint(window))


def release_held() -> None:
    """Start the work held for the first paint (also if the window never painted)."""
    global _holding
    _holding = False
    pool = QThreadPool.globalInstance()
    while _HELD:
        pool.start(_HELD.pop(0))


def wait_for_background() -> None:
    """Before the database closes: let work still running on the pool (a Dashboard read, a
    pack being made) finish, so none of it meets a closed database. Work held for a first
    paint that never came is dropped."""
    global _holding
    _holding = False
    for job in _HELD:
        _RUNNING.discard(job.relay)
    _HELD.clear()
    QThreadPool.globalInstance().waitForDone()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    busy_cursor: bool = True,
) -> None:
    """Start ``work`` on a pool thread; ``on_done``/``on_error`` run later on the UI thread."""
    _start(_Relay(), work, on_done, on_error, busy_cursor)


class Progress:
    """Handed to long work: it reports how far it has got and asks whether to stop."""

    INTERVAL = 0.05  # at most 20 updates a second reach the window

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._stop = threading.Event()
        self._last = 0.0

    def report(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= self.INTERVAL:
            self._last = now
            emit(self._relay.progressed, done, total, text)

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


def run_with_progress(
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_progress: Callable[[int, int, str], None],
) -> Progress:
    """Like run_in_background, for work that reports progress and can be cancelled."""
    relay = _Relay()
    progress = Progress(relay)
    relay.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    _start(relay, lambda: work(progress), on_done, on_error, busy_cursor=False)
    return progress
