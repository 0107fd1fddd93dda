"""Small helpers every dialog uses: plain-English errors, dd/mm/yyyy fields, combo values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from hsdesk.domain.dates import format_date, parse_date
from hsdesk.domain.errors import HsdeskError


def show_error(parent: QWidget | None, exc: Exception, title: str = "Cannot do that") -> None:
    """Explain a refusal; anything unexpected is still shown in words, never as a crash."""
    text = str(exc) if isinstance(exc, HsdeskError) else f"Something went wrong: {exc}"
    QMessageBox.warning(parent, title, text)


def read_date(edit: QLineEdit, field: str) -> date | None:
    return parse_date(edit.text(), field)


def set_date(edit: QLineEdit, value: date | None) -> None:
    edit.setText(format_date(value))


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], current: Any = None) -> None:
    combo.clear()
    for label, value in items:
        combo.addItem(label, value)
        if value == current:
            combo.setCurrentIndex(combo.count() - 1)


def combo_value(combo: QComboBox) -> Any:
    return combo.currentData()


class GuardedDialog(QDialog):
    """A form dialog that never throws away typing silently: closing with changes asks first."""

    def watch_changes(self) -> None:
        self._dirty = False
        for child in self.findChildren(QLineEdit):
            child.textEdited.connect(self._mark_dirty)
        for child in self.findChildren(QPlainTextEdit):
            child.textChanged.connect(self._mark_dirty)
        for child in self.findChildren(QComboBox):
            child.activated.connect(self._mark_dirty)
        for child in self.findChildren(QCheckBox):
            child.clicked.connect(self._mark_dirty)

    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def reject(self) -> None:
        if getattr(self, "_dirty", False):
            answer = QMessageBox.question(
                self,
                "Discard changes?",
                "You have typed changes that are not saved. Close and lose them?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
