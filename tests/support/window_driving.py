"""Driving windows in tests: typing any text, and answering the next message box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def type_text(widget, text: str) -> None:
    """Type character by character; QTest.keyClicks aborts on non-ASCII with this Qt."""
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def answer_next_message_box(button=QMessageBox.StandardButton.Ok, seen: list | None = None) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append(box.text())
            box.button(button).click() if box.button(button) else box.done(0)
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


def when_dialog_opens(kind: type[QDialog], act) -> None:
    """Run ``act(dialog)`` on the next modal dialog of this kind, once it is showing."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def wait_for_reads(qtbot, view, timeout: int = 10000) -> None:
    """Wait until the view's latest read (its ``reads``, a LatestRead) is shown."""
    if view.reads.loading:
        with qtbot.waitSignal(view.reads.filled, timeout=timeout):
            pass


def show_tab(qtbot, window, index: int):
    """Open the main window's tab at ``index`` as a click would, and wait until it is drawn with
    what its lists read (its own and those of the pages inside it)."""
    window.tabs.setCurrentIndex(index)
    page = window.tabs.widget(index).widget  # built as it is opened
    qtbot.waitUntil(page.isVisible)
    for view in [page, *page.findChildren(QWidget)]:
        reads = getattr(view, "reads", None)
        if reads is not None and view.isVisible() and type(reads).__name__ == "LatestRead":
            wait_for_reads(qtbot, view)
    qtbot.wait(20)  # its new widgets laid out and painted
    return page
