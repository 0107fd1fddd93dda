"""Closing `hsdesk --demo` says the demo's data will be deleted, and can save a copy first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from hsdesk.services.platform.backups import describe_backup
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.platform.demo_close import demo_may_close


def _press_next(text: str, seen: list[str]) -> None:
    """Press the button with this text on the next message box, noting what the box said."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text().replace("&", "") == text).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(20, press)


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.may_close = lambda: demo_may_close(window, ctx.db)
    window.show()
    return window


def test_closing_the_demo_warns_and_cancel_keeps_it_open(qtbot, ctx):
    window = _window(qtbot, ctx)
    seen: list[str] = []
    _press_next("Cancel", seen)
    window.close()
    assert window.isVisible()
    assert "the folder and everything you did in it are deleted" in seen[0]
    _press_next("Close and delete", seen)
    window.close()
    assert not window.isVisible()


def test_a_copy_of_the_demo_can_be_saved_before_it_closes(qtbot, ctx, tmp_path, monkeypatch):
    window = _window(qtbot, ctx)
    keep = tmp_path / "kept demo"
    keep.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(keep))
    seen: list[str] = []
    _press_next("Save a copy first…", seen)
    _press_next("OK", seen)  # the box saying where the copy is
    window.close()
    assert not window.isVisible()
    saved = [p for p in Path(keep).glob("*.db")]
    assert len(saved) == 1 and "people" in describe_backup(saved[0]).summary
    assert f'hsdesk --db "{saved[0]}"' in seen[1]
