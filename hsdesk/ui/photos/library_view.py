"""How the photo library shows photos: the table and grid model with thumbnails, and the filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hsdesk.db.engine import Database
from hsdesk.domain.consent import Clearance, ConsentScope
from hsdesk.domain.photo_records import PhotoRecord
from hsdesk.services.photos import library as photos
from hsdesk.ui.common import named
from hsdesk.ui.photos.consent_words import CLEARANCE_COLOURS
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.record_table import RECORD_ROLE, Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
GRID_ICON = QSize(168, 126)
Library = tuple[list[PhotoRecord], list[str], list[tuple[str, int]]]  # photos, events, people


_PRUNED: set[str] = set()  # the servers whose thumbnails this PC has pruned since it started


def read_library(db: Database) -> Library:
    """Every photo, the events named, and the people pictured (name, id) in name order: read
    on a worker thread, so the window only has to show them."""
    records = photos.library(db)
    if db.is_server and db.where not in _PRUNED:  # photos another PC erased: their thumbnails
        _PRUNED.add(db.where)
        photos.prune_thumbnails(db)
    people = sorted({(p.name, p.person_id) for r in records for p in r.pictured})
    return records, photos.events(db), people


def _uses_tooltip(record: PhotoRecord) -> str:
    return "\n".join(f"{c.scope.label}: {c.text}" for c in record.clearances)


def _scope_column(scope: ConsentScope) -> Column[PhotoRecord]:
    return Column(
        scope.label,
        lambda r: r.clearance(scope).status.label,
        lambda r: r.clearance(scope).text,
        lambda r: CLEARANCE_COLOURS[r.clearance(scope).status],
    )


class PhotoModel(RecordTableModel[PhotoRecord]):
    """Photos as rows; the first column carries the thumbnail, fetched when a view paints it."""

    def __init__(self, loader: ThumbnailLoader, parent: Any = None) -> None:
        self.loader = loader
        self._placeholder = QIcon(_blank(GRID_ICON))
        columns: list[Column[PhotoRecord]] = [
            Column("Photo", lambda r: r.title, _uses_tooltip, None, self._icon),
            Column("Event", lambda r: r.event),
            Column("Taken", lambda r: r.taken_on),
            Column("People pictured", self._people),
            *(_scope_column(scope) for scope in ConsentScope),
        ]
        super().__init__(columns, parent)
        self._rows_of: dict[str, list[int]] = {}
        self._row_of_photo: dict[int, int] = {}
        loader.loaded.connect(self._thumbnail_arrived)

    @staticmethod
    def _people(r: PhotoRecord) -> str:
        names = ", ".join(p.name for p in r.pictured)
        if r.unidentified:
            names += f"{', ' if names else ''}{r.unidentified} unidentified"
        return names

    def set_records(self, records: Any) -> None:
        super().set_records(records)
        self._rows_of = {}
        self._row_of_photo = {}
        for row, record in enumerate(records):
            self._rows_of.setdefault(record.sha256, []).append(row)
            self._row_of_photo[record.id] = row

    def row_of(self, photo_id: int) -> int | None:
        """The row showing this photo (None if the filter hides it)."""
        return self._row_of_photo.get(photo_id)

    def _icon(self, record: PhotoRecord) -> QIcon:
        pixmap = self.loader.get(record.sha256)
        return QIcon(pixmap) if pixmap is not None and not pixmap.isNull() else self._placeholder

    def _thumbnail_arrived(self, sha: str, size: int) -> None:
        if size == 256:
            self.refresh_rows(self._rows_of.get(sha, []))


def _blank(size: QSize) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QGuiApplication.palette().color(QPalette.ColorRole.Midlight))
    return pixmap


class GridDelegate(QStyledItemDelegate):
    """A tile: thumbnail, caption, and a strip of four colours, one per use."""

    STRIP = 7

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        lines = 2 * option.fontMetrics.lineSpacing()  # a caption wraps at a word onto two lines
        return QSize(GRID_ICON.width() + 16, GRID_ICON.height() + 28 + lines)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        record = index.data(RECORD_ROLE)
        if not isinstance(record, PhotoRecord):
            return
        rect = option.rect.adjusted(8, 0, -8, 0)
        width = rect.width() // len(record.clearances)
        top = rect.bottom() - self.STRIP - 2
        painter.save()
        for n, clearance in enumerate(record.clearances):
            painter.fillRect(
                rect.left() + n * width + 1,
                top,
                width - 2,
                self.STRIP,
                QColor(CLEARANCE_COLOURS[clearance.status]),
            )
        painter.restore()


class PhotoFilter:
    """What the filter bar asks for, applied to one record (fast: no Qt calls)."""

    def __init__(self) -> None:
        self.text = ""
        self.scope: ConsentScope | None = None
        self.status: Clearance | None = None
        self.person: int | None = None
        self.event: str | None = None
        self.start: date | None = None
        self.end: date | None = None
        self._haystacks: dict[int, str] = {}

    def haystack(self, r: PhotoRecord) -> str:
        found = self._haystacks.get(r.id)
        if found is None:
            names = " ".join(p.name for p in r.pictured)
            found = f"{r.caption} {r.original_name} {r.event} {names}".casefold()
            self._haystacks[r.id] = found
        return found

    def forget(self) -> None:
        self._haystacks.clear()

    def __call__(self, r: PhotoRecord) -> bool:
        if self.status is not None:
            status = r.clearance(self.scope).status if self.scope else r.worst
            if status is not self.status:
                return False
        if self.person is not None and all(p.person_id != self.person for p in r.pictured):
            return False
        if self.event is not None and r.event != self.event:
            return False
        if self.start and (r.taken_on is None or r.taken_on < self.start):
            return False
        if self.end and (r.taken_on is None or r.taken_on > self.end):
            return False
        return not self.text or self.text in self.haystack(r)


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files dragged onto the library (anything else is not for importing)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def photo_grid(table: QTableView) -> QListView:
    """The library as tiles: the table's own rows and selection, shown another way."""
    grid = named(QListView(), "Photos")
    grid.setModel(table.model())
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setIconSize(GRID_ICON)
    grid.setResizeMode(QListView.ResizeMode.Adjust)
    grid.setMovement(QListView.Movement.Static)
    grid.setUniformItemSizes(True)
    grid.setLayoutMode(QListView.LayoutMode.Batched)
    grid.setBatchSize(300)
    grid.setSpacing(6)
    grid.setWordWrap(True)  # two lines, broken at words; a longer caption ends in "…"
    grid.setTextElideMode(Qt.TextElideMode.ElideRight)
    grid.setItemDelegate(GridDelegate(grid))
    grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    grid.setSelectionModel(table.selectionModel())
    return grid


def legend_text() -> str:
    """What the coloured bars under each tile mean: one bar per use, in this order."""
    uses = ", ".join(scope.label for scope in ConsentScope)
    keys = " &nbsp; ".join(
        f"<span style='color:{CLEARANCE_COLOURS[c]}'>■</span> {c.label}" for c in Clearance
    )
    return f"The bars under each photo, one per use: {uses}.<br>{keys}"


def with_legend(grid: QListView) -> QWidget:
    """The grid, with what its colours mean beneath it."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(grid, 1)
    legend = QLabel(legend_text())
    legend.setWordWrap(True)
    layout.addWidget(legend)
    return page
