"""Closing `hsdesk --demo`: the demo works in a temporary folder that is deleted when hsdesk
closes, so the closing window says so plainly and offers to save a copy first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from hsdesk.db.engine import Database
from hsdesk.domain.errors import HsdeskError
from hsdesk.ui.common import show_error


def demo_may_close(window: QWidget | None, db: Database) -> bool:
    """Ask before the demo's data is thrown away: close and delete, save a copy first, or stay."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Close the demo?",
        "This is demo data in a temporary folder. When hsdesk closes, the folder and everything "
        "you did in it are deleted.\n\nTo keep what you did, save a copy first.",
        QMessageBox.StandardButton.Cancel,
        window,
    )
    discard = box.addButton("Close and &delete", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Save a copy first…", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is discard:
        return True
    if box.clickedButton() is keep:
        return _save_copy(window, db)
    return False


def _save_copy(window: QWidget | None, db: Database) -> bool:
    from hsdesk.services.platform.backups import backup_now

    folder = QFileDialog.getExistingDirectory(
        window, "Save a copy of the demo in this folder", str(Path.home())
    )
    if not folder:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = backup_now(db, folder=Path(folder))
    except HsdeskError as exc:
        show_error(window, exc, "The copy was not saved")
        return False
    finally:
        QApplication.restoreOverrideCursor()
    QMessageBox.information(
        window,
        "Copy saved",
        f'The demo was saved as\n{result.path}\n\nOpen it again with:\nhsdesk --db "{result.path}"',
    )
    return True
