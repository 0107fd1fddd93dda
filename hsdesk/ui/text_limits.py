"""Every one-line box has a limit. A box whose form set none (Qt's own default is 32,767) gets
the longest any one-line field can keep as it gets the keyboard focus (nothing is typed or
pasted into a box without it), so an accidental paste of a whole document stops there; the
field's own, smaller limit is the service's to explain in words when saving.

Tab leaves a multi-line box for the next field, as in a Windows form, instead of typing a tab
into it (where it would trap someone using the keyboard: a reason box above the password).

This follows the focus rather than filtering every event of the application: a filter in
Python is called for each of them, and each call waits for the interpreter while a worker
thread reads, which held up building a tab by half a second on ten years of records."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from hsdesk.domain.text_rules import SEARCH_LIMIT

QT_DEFAULT_MAX_LENGTH = 32_767
ONE_LINE_LIMIT = SEARCH_LIMIT  # the longest one-line column (a web address) and any search


def limit(box: QLineEdit) -> None:
    """Give ``box`` ONE_LINE_LIMIT unless it has a limit of its own."""
    if box.maxLength() == QT_DEFAULT_MAX_LENGTH:
        box.setMaxLength(ONE_LINE_LIMIT)


class OneLineLimits(QObject):
    """Limits each one-line box (or an editable list's box) as it gets the focus, and lets Tab
    leave each multi-line box."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self.focused)

    def focused(self, _before: QWidget | None, now: QWidget | None) -> None:
        box = now.lineEdit() if isinstance(now, QComboBox) else now
        if isinstance(box, QLineEdit):
            limit(box)
        elif isinstance(box, QPlainTextEdit | QTextEdit):
            box.setTabChangesFocus(True)


def install(app: QApplication) -> None:
    if app.findChild(OneLineLimits) is None:  # once, however often the app is set up
        OneLineLimits(app)  # owned by the application: lives as long
