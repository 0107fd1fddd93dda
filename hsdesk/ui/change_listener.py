"""Changes made on another PC, told to the window: a thread waits on the database's change
watcher (LISTEN on a server, the file's data version beside SQLite) and signals each change."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from hsdesk.db.changes import ChangeWatcher
from hsdesk.db.engine import Database
from hsdesk.ui.signals import emit

WAIT_SECONDS = 1.0  # how long one wait lasts, so that stopping takes at most this long


class ChangeListener(QThread):
    changed = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        watcher = ChangeWatcher(self.db)
        try:
            while not self.isInterruptionRequested():
                if watcher.wait(WAIT_SECONDS):
                    emit(self.changed)
        finally:
            watcher.close()

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(int(WAIT_SECONDS * 3000))
