"""The fields the Registers tab's dialogs share: date and time boxes (with a Now button), text
boxes, headed sections of one form, and the Save/Cancel buttons."""

from collections.abc import Callable
from datetime import date, datetime
from html import escape

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.dates import format_datetime, parse_datetime
from hsdesk.ui.common import set_date
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.signals import emit

DATE_HINT = "dd/mm/yyyy"
TIME_HINT = "dd/mm/yyyy hh:mm"


def form_buttons(dialog: GuardedDialog, label: str, save: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
    dialog.wire_form(buttons, save)
    return buttons


def text_box(placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


def time_field(value: datetime | None) -> tuple[QLineEdit, QHBoxLayout]:
    """A dd/mm/yyyy hh:mm field with a Now button beside it."""
    edit = QLineEdit(format_datetime(value))
    edit.setPlaceholderText(TIME_HINT)
    now = QPushButton("Now")
    now.setAutoDefault(False)

    def fill() -> None:
        edit.setText(format_datetime(clock.now()))
        emit(edit.textEdited, edit.text())  # counts as typing: closing asks before losing it

    now.clicked.connect(fill)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(now)
    return edit, row


def section(form: QFormLayout, title: str) -> None:
    """A heading inside one form, so every label of the dialog lines up."""
    label = QLabel(f"<b>{escape(title)}</b>")
    label.setWordWrap(True)
    if form.rowCount():
        label.setContentsMargins(0, 10, 0, 0)
    form.addRow(label)


def labelled(form: QFormLayout, text: str, buddy: QWidget, field: QHBoxLayout) -> None:
    label = QLabel(text)
    label.setBuddy(buddy)  # the & shortcut reaches the field even beside its Now button
    form.addRow(label, field)


def read_time(edit: QLineEdit, field: str) -> datetime | None:
    return parse_datetime(edit.text(), field)


def date_field(value: date | None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(DATE_HINT)
    set_date(edit, value)
    return edit
