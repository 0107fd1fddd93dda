"""The content list: a page of rows at a time from indexed queries, so 100,000 items open and
filter quickly. Sorting is done by the database (the header asks the model to sort)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette

from hsdesk.domain.actor import Actor
from hsdesk.domain.content import STATE_COLOURS
from hsdesk.domain.content_records import ContentQuery, ContentRow, SortKey
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.services.content import queries as content_queries
from hsdesk.ui.colours import BAD, ink
from hsdesk.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMNS: list[tuple[str, SortKey | None]] = [
    ("No.", SortKey.ID),
    ("Title", SortKey.TITLE),
    ("State", SortKey.STATE),
    ("Channels", None),
    ("Author", SortKey.AUTHOR),
    ("Date", SortKey.DAY),
    ("Last change", SortKey.UPDATED),
]


def state_text(row: ContentRow) -> str:
    if row.open_takedown:
        return "Take down now"
    if row.waiting_channels:
        return f"{row.state.label} · {row.waiting_channels} to upload"
    return row.state.label


class ContentListModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ContentQuery()
        self.total = 0
        self.read = False  # whether a query has been read yet
        self._rows: list[ContentRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    def set_query(self, query: ContentQuery) -> None:
        """Read the count and the first page for a new queue, filter or order."""
        total = content_queries.count_items(self.ctx.db, query, self.actor)
        self.show_page(query, total, content_queries.item_rows(self.ctx.db, query, self.actor, 0))

    def show_page(self, query: ContentQuery, total: int, rows: list[ContentRow]) -> None:
        """Show ``query``'s first page (``rows``, of ``total``), read already."""
        self.beginResetModel()
        self.query = query
        self.read = True
        self.total = total
        self._rows = rows
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self.query)

    def row(self, number: int) -> ContentRow:
        return self._rows[number]

    def row_of(self, item_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == item_id), None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = content_queries.item_rows(self.ctx.db, self.query, self.actor, len(self._rows))
        if not more:
            self.total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                str(row.id),
                row.title,
                state_text(row),
                row.channels,
                row.author,
                format_date(row.day),
                format_datetime(row.updated_at),
            ][column]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            colour = BAD if row.open_takedown else STATE_COLOURS.get(row.state)
            return QColor(ink(colour, QPalette.ColorRole.Base)) if colour else None
        if role == Qt.ItemDataRole.FontRole and column == 2 and row.open_takedown:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        ordered = replace(self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if self.read:
            self.set_query(ordered)
        else:  # the header's order, as the tab is built: kept for the first read
            self.query = ordered
