"""The Content tab's search and filters: what a queue's list is narrowed to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hsdesk.domain.content import ContentState
from hsdesk.domain.content_records import ContentQuery
from hsdesk.domain.dates import parse_date
from hsdesk.domain.errors import ValidationError
from hsdesk.ui.colours import BAD, ink
from hsdesk.ui.common import buddy_label, combo_value, fill_combo, named


def filtering(query: ContentQuery) -> bool:
    """Whether ``query`` narrows its queue by a search or a filter."""
    chosen = (query.state, query.channel_id, query.author_id, query.day_from, query.day_to)
    return bool(query.text.strip()) or any(value is not None for value in chosen)


def _day(field: QLineEdit, name: str) -> date | None:
    """The typed date; a date that cannot be read is marked on the field and not applied."""
    try:
        day = parse_date(field.text(), name)
    except ValidationError as exc:
        field.setStyleSheet(f"border: 1px solid {ink(BAD)}")
        field.setToolTip(str(exc))
        return None
    field.setStyleSheet("")
    field.setToolTip("")
    return day


class ContentFilters(QWidget):
    changed = Signal()  # a filter was chosen, a date typed, or typing in the search settled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = named(
            QLineEdit(placeholderText="Search title, text or item number"), "Search content"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.state = named(QComboBox(), "State")
        self.channel = named(QComboBox(), "Channel")
        self.author = named(QComboBox(), "Written by")
        self.day_from = QLineEdit(placeholderText="dd/mm/yyyy")
        self.day_to = QLineEdit(placeholderText="dd/mm/yyyy")
        # Two rows, so each list shows its whole choice ("Any channel", not "Any char…").
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.search, 2)
        for combo in (self.state, self.channel, self.author):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(11)
            combo.activated.connect(self.changed)
            first.addWidget(combo, 1)
        second.addWidget(buddy_label("Date from", self.day_from))
        for widget in (self.day_from, buddy_label("to", self.day_to), self.day_to):
            second.addWidget(widget)
        for field in (self.day_from, self.day_to):
            field.setMaximumWidth(120)
            field.editingFinished.connect(self.changed)
        second.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(first)
        rows.addLayout(second)
        self._typing = QTimer(self, singleShot=True, interval=200)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(self._typing.start)

    def fill(self, channels: list[tuple[str, int]], authors: list[tuple[str, int]]) -> None:
        fill_combo(self.state, [("Any state", None)] + [(s.label, s) for s in ContentState])
        fill_combo(self.channel, [("Any channel", None), *channels])
        fill_combo(self.author, [("Anyone", None), *authors])

    def clear(self) -> None:
        """No search and no filter (nothing is said to have changed)."""
        self.search.clear()
        self._typing.stop()  # (clearing the search started it)
        for combo in (self.state, self.channel, self.author):
            combo.setCurrentIndex(0)
        self.day_from.clear()
        self.day_to.clear()

    def applied_to(self, query: ContentQuery) -> ContentQuery:
        """``query`` narrowed as the filters say (a date that cannot be read is left out)."""
        return replace(
            query,
            state=combo_value(self.state),
            channel_id=combo_value(self.channel),
            author_id=combo_value(self.author),
            day_from=_day(self.day_from, "From"),
            day_to=_day(self.day_to, "To"),
            text=self.search.text(),
        )
