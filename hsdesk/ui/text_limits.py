"""Every one-line box has a limit. A box whose form set none (Qt's own default is 32,767) gets
the longest any one-line field can keep, so an accidental paste of a whole document stops
there; the field's own, smaller limit is the service's to explain in words when saving."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit

from hsdesk.domain.text_rules import SEARCH_LIMIT

QT_DEFAULT_MAX_LENGTH = 32_767
ONE_LINE_LIMIT = SEARCH_LIMIT  # the longest one-line column (a web address) and any search


class OneLineLimits(QObject):
    """Gives each one-line box without a limit of its own ONE_LINE_LIMIT as it is first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (  # (every event of the application passes here: the cheapest test comes first)
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.Polish
            and watched.maxLength() == QT_DEFAULT_MAX_LENGTH
        ):
            watched.setMaxLength(ONE_LINE_LIMIT)
        return False


def install(app: QApplication) -> None:
    if app.findChild(OneLineLimits) is None:  # once, however often the app is set up
        app.installEventFilter(OneLineLimits(app))  # owned by the application: lives as long
