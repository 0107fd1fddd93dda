"""A sortable, filterable table of records whose column layout is remembered between runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableView, QWidget

from hsdesk.ui.record_table import (
    RECORD_ROLE,
    Column,
    RecordFilterProxy,
    RecordSortProxy,
    RecordTableModel,
)
from hsdesk.ui.signals import emit
from hsdesk.ui.sort_arrows import windows_arrows

R = TypeVar("R")


class RecordTable(QTableView, Generic[R]):
    activated_record = Signal(object)
    selection_changed = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        settings_key: str,
        parent: QWidget | None = None,
        source: RecordTableModel[R] | None = None,
        default_sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
        filtered: bool = True,
    ) -> None:
        """``filtered=False`` for rows filtered before they are given (no filter per row here)."""
        super().__init__(parent)
        self.settings_key = settings_key
        self.default_sort = default_sort  # until the user sorts it their way
        self.source = source or RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self) if filtered else RecordSortProxy(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move in it
        self.verticalHeader().hide()
        corner = self.findChild(QAbstractButton)  # Qt's "select all" in the headers' corner
        if corner is not None:
            corner.setAccessibleName("Select every row")
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        windows_arrows(header)
        # Columns are sized to the rows in view and 50 more, not to every row: sizing them to
        # the 2,000 people of ten years held the window up for more than half a second.
        header.setResizeContentsPrecision(50)
        self.doubleClicked.connect(
            lambda index: emit(self.activated_record, index.data(RECORD_ROLE))
        )
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: emit(
                self.selection_changed, current.data(RECORD_ROLE) if current.isValid() else None
            )
        )
        self._restored = False
        self.reading = False

    def set_reading(self, reading: bool = True) -> None:
        """Say the rows are being read; an empty table says so until they come."""
        self.reading = reading
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.reading and self.proxy.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, "Reading…")
            painter.end()

    def set_records(self, records: Sequence[R], keep: Callable[[R], Any] | None = None) -> None:
        """Replace the rows; ``keep`` gives a key so the same record stays selected."""
        previous = self.selected_record()
        self.set_reading(False)
        first = not self._restored
        remembered = first and self.restore_state()  # the order is set before the rows come
        self.source.set_records(records)
        if first and not remembered:
            self.resizeColumnsToContents()
        if previous is not None and keep is not None:
            self.select_where(lambda r: keep(r) == keep(previous))

    def select_where(self, match: Callable[[R], bool]) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if match(index.data(RECORD_ROLE)):
                self.selectRow(row)
                self.scrollTo(index)
                return

    def selected_records(self) -> list[R]:
        """Every selected row's record, top to bottom (for tables that allow several)."""
        rows = sorted(self.selectionModel().selectedRows(), key=lambda index: index.row())
        return [index.data(RECORD_ROLE) for index in rows]

    def selected_record(self) -> R | None:
        index = self.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def restore_state(self) -> bool:
        """The columns' widths and order, and the sort, as this user left them; False when
        there are none (the default sort is then used, and the columns fit their rows)."""
        self._restored = True
        state = QSettings().value(f"tables/{self.settings_key}")
        if state is not None and self.horizontalHeader().restoreState(state):
            return True
        self.sortByColumn(*self.default_sort)
        return False

    def save_state(self) -> None:
        QSettings().setValue(f"tables/{self.settings_key}", self.horizontalHeader().saveState())
