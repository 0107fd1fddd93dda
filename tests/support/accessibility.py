"""What a screen reader would meet: the interactive widgets of a window that have no name."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
    QSlider,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads: set with setAccessibleName, a label's buddy, or the
    widget's own text (a button's)."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """Each visible interactive widget under ``root`` a screen reader could not name (a table's
    header and the box inside a list or number field are read with their owner)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox
        ):
            continue
        if not accessible_name(widget):
            hint = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
            kind = widget.metaObject().className()
            owner = widget.parentWidget().metaObject().className() if widget.parentWidget() else ""
            found.append(f"{kind} (in a {owner}) {hint!r}")
    return found


def unexplained_greyed_out(root: QWidget) -> list[str]:
    """Each visible button under ``root`` that is greyed out with no tooltip saying why."""
    return [
        f"{button.text().replace('&', '')!r}"
        for button in root.findChildren(QAbstractButton)
        if button.isVisibleTo(root) and not button.isEnabled() and not button.toolTip().strip()
    ]
