"""What every register page of the Registers tab shares: a searchable list with a "Show" filter,
a row of buttons, and the selected record's details beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hsdesk.ui.colours import BAD, muted
from hsdesk.ui.common import ask, buddy_label, combo_value, fill_combo, named
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

R = TypeVar("R")
NEWEST = (1, Qt.SortOrder.DescendingOrder)  # by the date column, until the user sorts otherwise
RED = BAD  # drawn through colours.ink, as every column colour is


def facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:{muted()}; padding-right:10px'>{escape(label)}</td>"
        f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in rows
        if value
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


class RegisterPage(QWidget, Generic[R]):
    """A searchable list with a "Show" filter, buttons, and the selected record's details."""

    def __init__(
        self,
        key: str,
        columns: Sequence[Column[R]],
        shows: Sequence[tuple[str, Callable[[R], bool]]],
        record_id: Callable[[R], int],
        sort: tuple[int, Qt.SortOrder],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.record_id = record_id
        self.search = named(QLineEdit(placeholderText="Find…"), "Find")
        self.search.setClearButtonEnabled(True)
        self.show_filter = QComboBox()
        fill_combo(self.show_filter, shows)
        self.action_row = QHBoxLayout()
        self.adding: QAbstractButton | None = None  # what Ctrl+N presses on this page
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(buddy_label("Show", self.show_filter))
        filters.addWidget(self.show_filter)
        self.table: RecordTable[R] = RecordTable(
            columns, f"registers-{key}", self, default_sort=sort
        )
        self.table.setAccessibleName("Register entries")
        self.reads = LatestRead(self, self.table)  # each refresh reads on a worker thread
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600")
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        panel = QWidget()
        inner = QVBoxLayout(panel)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 400])
        state = QSettings().value(f"registers/{key}-splitter")
        if state is not None:
            self.splitter.restoreState(state)
        layout = self.page_layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(self.action_row)
        layout.addWidget(self.splitter, 1)
        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.table.selection_changed.connect(lambda _r: self.show_selected())
        self.table.proxy.set_predicate(combo_value(self.show_filter))

    def add_buttons(self, buttons: Sequence[QPushButton], right: Sequence[QPushButton]) -> None:
        for button in buttons:
            self.action_row.addWidget(button)
        self.action_row.addStretch(1)
        for button in right:
            self.action_row.addWidget(button)

    def _filter(self) -> None:
        self.table.proxy.set_predicate(combo_value(self.show_filter))
        self.show_selected()

    def set_records(self, records: Sequence[R], select: int | None = None) -> None:
        self.table.set_records(records, keep=self.record_id)
        if select is not None:
            self.table.select_where(lambda r: self.record_id(r) == select)
        if self.table.selected_record() is None and self.table.proxy.rowCount():
            self.table.selectRow(0)
        self.show_selected()

    def selected(self) -> R | None:
        return self.table.selected_record()

    def show_selected(self) -> None:
        record = self.selected()
        self.describe(record)

    def describe(self, record: R | None) -> None:  # filled in by each register
        raise NotImplementedError

    def refresh(self, select: int | None = None) -> None:  # filled in by each register
        raise NotImplementedError

    def run_dialog(self, dialog: FormDialog[Any], keep: int | None = None) -> None:
        """Show one of this register's dialogs; once it has saved, list the register again with
        the record it saved (or ``keep``) selected."""
        if ask(dialog):
            saved = dialog.saved
            self.refresh(self.record_id(saved) if saved is not None else keep)

    def save_state(self) -> None:
        self.table.save_state()
        QSettings().setValue(f"registers/{self.key}-splitter", self.splitter.saveState())
