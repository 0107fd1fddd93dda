"""A form dialog that never throws away typing silently: closing with changes asks first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class GuardedDialog(QDialog):
    """A form dialog that never throws away typing silently: closing with changes asks first."""

    def wire_form(self, buttons: QDialogButtonBox, save: Callable[[], None]) -> None:
        """Save (or OK) calls ``save``, which accepts only when the service took the input;
        Cancel and Esc go through reject(), which asks before throwing typing away."""
        buttons.accepted.connect(save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, save)  # Ctrl+S, as in any Windows form
        self.watch_changes()

    def watch_changes(self) -> None:
        self._dirty = False
        for line in self.findChildren(QLineEdit):
            line.textEdited.connect(self._mark_dirty)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(self._mark_dirty)
        for combo in self.findChildren(QComboBox):
            if not combo.isEditable():  # a typed one is compared by its text, below
                combo.activated.connect(self._mark_dirty)
        for box in self.findChildren(QCheckBox):
            box.clicked.connect(self._mark_dirty)
        for rich in self.findChildren(QTextEdit):
            rich.textChanged.connect(self._mark_dirty)
        self.mark_saved()

    def mark_saved(self) -> None:
        """What is in the form now is saved: only later changes ask before closing."""
        self._dirty = False
        # Spin boxes, date fields and lists one may type in count as changed when their text
        # differs from now (leaving a typed list picks the entry its text names, which is no
        # change).
        boxes: dict[QWidget, Callable[[], str]] = {}
        boxes |= {spin: spin.text for spin in self.findChildren(QAbstractSpinBox)}
        boxes |= {c: c.currentText for c in self.findChildren(QComboBox) if c.isEditable()}
        self._text_boxes = boxes
        self._saved_texts = {box: read() for box, read in self._text_boxes.items()}

    def has_unsaved_changes(self) -> bool:
        texts: dict[QWidget, Callable[[], str]] = getattr(self, "_text_boxes", {})
        saved: dict[QWidget, str] = getattr(self, "_saved_texts", {})
        return getattr(self, "_dirty", False) or any(
            read() != saved[b] for b, read in texts.items()
        )

    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def reject(self) -> None:
        if self.has_unsaved_changes():
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
