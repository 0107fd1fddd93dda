"""Python's cycle collector, run on the UI thread only.

Work on a pool thread (a Dashboard read, a pack being made) allocates enough to set off Python's
automatic collection there, and that can free a widget's Python object on the pool thread;
PySide6 then deletes the widget from the wrong thread and the program crashes. So automatic
collection is switched off once the application exists, and the same generational collection
(by the same thresholds) runs from a timer on the UI thread instead."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """What automatic collection would have done by now: the young objects when enough
        were made, the older generations when enough young collections were made."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def install(app: QCoreApplication) -> None:
    """Collect on ``app``'s thread from now on (once per application)."""
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
