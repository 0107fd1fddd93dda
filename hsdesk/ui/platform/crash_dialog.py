"""An unexpected error is logged and explained in a plain dialog; the window stays open."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from hsdesk import __version__
from hsdesk.diagnostics import log_exception
from hsdesk.ui.signals import emit


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hsdesk hit a problem")
        self.details = f"hsdesk {__version__}\n{details}"
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        message = QLabel(
            "<b>hsdesk hit a problem it did not expect.</b><br><br>"
            "Your data is safe: everything you saved is kept, and what you were doing when this "
            "happened was not half-saved. You can carry on, or close hsdesk and open it again."
            f"<br><br>The details were saved to <b>{log_path}</b>. Please send that file (or "
            "the details below) to whoever looks after hsdesk."
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(message, 1)
        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.text.setMinimumHeight(180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = QPushButton("Show &details")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._toggle)
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 230)

    def _toggle(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.show_button.setText("Hide &details" if shown else "Show &details")
        self.resize(self.width(), 460 if shown else 230)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class _Reporter(QObject):
    """Carries an error from any thread to the UI thread, where the dialog is shown."""

    report = Signal(str)

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        self.log_path = log_path
        self.showing = False
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, details: str) -> None:
        if self.showing:  # one dialog at a time; the rest are in the log
            return
        self.showing = True
        try:
            CrashDialog(details, self.log_path, QApplication.activeWindow()).exec()
        finally:
            self.showing = False


def install_crash_handler(log_path: Path) -> None:
    """Route unexpected exceptions (UI thread and worker threads) to the log and the dialog."""
    reporter = _Reporter(log_path)

    def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return
        emit(reporter.report, log_exception(exc_type, exc, tb))

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread
    app = QApplication.instance()
    if app is not None:
        reporter.setParent(app)  # lives as long as the application
