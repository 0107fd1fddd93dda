"""Python's cycle collector, run on the UI thread only, in short steps.

Work on a pool thread (a Dashboard read, a pack being made) allocates enough to set off Python's
automatic collection there, and that can free a widget's Python object on the pool thread;
PySide6 then deletes the widget from the wrong thread and the program crashes. So automatic
collection is switched off once the application exists, and the same generational collection
(by the same thresholds) runs from a timer on the UI thread instead.

Each collection holds up the window while it runs, so it is kept short: the timer looks often
(young objects do not pile up between looks), each look collects only the oldest generation that
is due (which includes the younger ones), a full collection of the whole heap runs at most once a
minute (CPython's own collector also puts them off), and what exists once hsdesk has started
(its modules, classes and the PDF libraries) is frozen out of every collection (:func:`settle`)."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 100
FULL_EVERY_SECONDS = 60.0


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._last_full = time.monotonic()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def due(self) -> int | None:
        """The generation automatic collection would collect now (None: none is due)."""
        young, middle, old = gc.get_count()
        if young <= self.threshold[0]:
            return None
        if middle <= self.threshold[1]:
            return 0
        full_allowed = time.monotonic() - self._last_full >= FULL_EVERY_SECONDS
        return 2 if old > self.threshold[2] and full_allowed else 1

    def collect(self) -> None:
        generation = self.due()
        if generation is None:
            return
        gc.collect(generation)
        if generation == 2:
            self._last_full = time.monotonic()


def install(app: QCoreApplication) -> None:
    """Collect on ``app``'s thread from now on (once per application)."""
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)


def settle() -> None:
    """Once hsdesk has started and loaded what it keeps for good: collect, then freeze what is
    left out of later collections (it lives as long as the program)."""
    gc.collect()
    gc.freeze()
