"""A drop-down list the mouse wheel does not change by passing over it.

Qt's own turns to the next choice whenever the wheel moves over it, so scrolling down a panel
of details changed a photo's event without anyone noticing. This one takes the wheel only once
it has been clicked or tabbed into; otherwise the wheel scrolls what is around it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget


class CalmComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives it no focus

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the panel around it, which scrolls
