"""One table model for every list of frozen records: columns say how to show and sort a field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPalette

from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.ui.colours import ink
from hsdesk.ui.signals import emit

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]
    tooltip: Callable[[R], str] | None = None
    colour: Callable[[R], str | None] | None = (
        None  # text colour, e.g. colours.BAD (drawn through colours.ink)
    )
    decoration: Callable[[R], Any] | None = None  # an icon or pixmap beside the text
    sort: Callable[[R], Any] | None = None  # what to sort by, when not the value shown


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def sort_key(value: Any) -> Any:
    if value is None or value == "":
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        return value.casefold()
    return value


def _ranked(value: Any) -> tuple[int, Any]:
    """A sort key any two values can be compared by: blanks first, then numbers, then text."""
    if value == "":
        return (0, "")
    if isinstance(value, int | float | Decimal):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, str(value))


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """The rows, kept in the order the header asks for. They are sorted here, in Python, once
    per row: a proxy that sorts asks the model for a value at every comparison, which with a
    few thousand rows holds up the window for most of a second."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._order: tuple[int, bool] | None = None  # column, descending

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(records)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (
            (column, order == Qt.SortOrder.DescendingOrder)
            if 0 <= column < len(self._columns)
            else None
        )
        emit(self.layoutAboutToBeChanged)
        before = self._rows
        self._rows = self._sorted(before)
        moved = self.persistentIndexList()  # the selection and the current row follow
        if moved:
            position = {id(record): n for n, record in enumerate(self._rows)}
            self.changePersistentIndexList(
                moved,
                [self.index(position[id(before[i.row()])], i.column()) for i in moved],
            )
        emit(self.layoutChanged)

    def _sorted(self, records: Sequence[R]) -> list[R]:
        if self._order is None:
            return list(records)
        column, descending = self._order
        get = self._columns[column].sort or self._columns[column].value
        return sorted(records, key=lambda r: _ranked(sort_key(get(r))), reverse=descending)

    def record(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(column.value(record))
        if role == SORT_ROLE:
            return sort_key((column.sort or column.value)(record))
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour:
            colour = column.colour(record)
            return QColor(ink(colour, QPalette.ColorRole.Base)) if colour else None
        if role == Qt.ItemDataRole.DecorationRole and column.decoration:
            return column.decoration(record)
        return None

    def refresh_rows(self, rows: Sequence[int]) -> None:
        """Tell the views these rows look different now (a thumbnail arrived, say)."""
        last = self.columnCount() - 1
        for row in rows:
            emit(self.dataChanged, self.index(row, 0), self.index(row, last))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by the typed sort key; filters by free text over all columns and an optional predicate."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._predicate: Callable[[Any], bool] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A RecordTableModel sorts its own rows (faster); this proxy keeps their order."""
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._predicate is not None:
            source = self.sourceModel()
            record = (
                source.record(source_row)
                if isinstance(source, RecordTableModel)
                else source.index(source_row, 0, source_parent).data(RECORD_ROLE)
            )
            if not self._predicate(record):
                return False
        if not self.filterRegularExpression().pattern():
            return True
        return super().filterAcceptsRow(source_row, source_parent)


class RecordSortProxy(RecordFilterProxy):
    """Sorts as RecordFilterProxy does, but filters with Qt's own test and no call into Python
    per row: for a list that is filtered before it is shown (20,000 photos cost 30 ms a time)."""

    filterAcceptsRow = QSortFilterProxyModel.filterAcceptsRow  # type: ignore[assignment]  # noqa: N815
