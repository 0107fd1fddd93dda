"""The file's page check (SQLite's ``quick_check``) ends after the window has shown: if it
found damage, the person is told, offered a backup, and the window closes."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer

from hsdesk.domain.errors import HsdeskError
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.platform import backup_dialogs

LOOK_EVERY_MS = 100


class Checking(Protocol):
    """The page check under way (hsdesk.db.migrate.PageCheck)."""

    @property
    def done(self) -> bool: ...

    def result(self) -> HsdeskError | None: ...


def watch_pages(window: MainWindow, pages: Checking, backups: Path | None) -> None:
    """Once ``pages`` has finished: on damage, say so, offer to restore one of ``backups``,
    and close ``window`` (nothing has been written meanwhile: writes wait for the check)."""
    timer = QTimer(window)
    timer.setInterval(LOOK_EVERY_MS)

    def look() -> None:
        if not pages.done:
            return
        timer.stop()
        damage = pages.result()
        if damage is None:
            return
        window.damaged = True
        window.restore_request = (
            backup_dialogs.offer_restore(str(damage), backups) if backups else None
        )
        window.close()

    timer.timeout.connect(look)
    timer.start()
