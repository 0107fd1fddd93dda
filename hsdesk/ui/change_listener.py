"""Changes made on another PC, told to the window: a thread waits on the database's change
watcher (LISTEN on a server, the file's data version beside SQLite) and signals each change."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from hsdesk.db.changes import ChangeWatcher
from hsdesk.db.engine import Database
from hsdesk.ui.signals import emit

WAIT_SECONDS = 1.0  # how long one wait lasts


class ChangeListener(QThread):
    changed = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stopping = threading.Event()  # ends the watcher's wait at once

    def run(self) -> None:
        watcher = ChangeWatcher(self.db, self.stopping)
        try:
            while not self.isInterruptionRequested() and not self.stopping.is_set():
                if watcher.wait(WAIT_SECONDS):
                    emit(self.changed)
        finally:
            watcher.close()

    def stop(self) -> None:
        """End the thread: its wait stops at once, so closing the window does not wait."""
        self.requestInterruption()
        self.stopping.set()
        self.wait(int(WAIT_SECONDS * 3000))
