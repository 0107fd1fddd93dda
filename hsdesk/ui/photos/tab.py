"""The Photos tab: the photo library (grid or list, filters, import by dialog or drag and drop),
the selected photo's details and consent, and the consent register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.consent import Clearance, ConsentScope
from hsdesk.domain.errors import HsdeskError, ValidationError
from hsdesk.domain.photo_records import PhotoRecord
from hsdesk.services.photos import library as photos
from hsdesk.services.photos.files import PHOTO_SUFFIXES
from hsdesk.ui.common import (
    allow,
    buddy_label,
    combo_value,
    fill_combo,
    named,
    progress_dialog,
    read_date,
    show_error,
    show_status,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.photos.consent_list import ConsentList
from hsdesk.ui.photos.library_view import (
    Library,
    PhotoFilter,
    PhotoModel,
    dropped_paths,
    photo_grid,
    read_library,
    with_legend,
)
from hsdesk.ui.photos.panel import PhotoPanel
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.record_table import RECORD_ROLE, sort_key
from hsdesk.ui.signals import emit
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.table import RecordTable
from hsdesk.ui.worker import Progress, run_with_progress

ANY = None


class PhotosTab(TabPage):
    state_key = "photos"

    imported = Signal(object)  # the ImportReport of a finished import

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.records: list[PhotoRecord] = []
        self.loader = ThumbnailLoader(ctx.db, self)
        self.filter = PhotoFilter()
        self.progress: QProgressDialog | None = None
        self._select_next: int | None = None
        self.events: list[str] = []
        self.setAcceptDrops(True)

        self.model = PhotoModel(self.loader, self)
        self.table: RecordTable[PhotoRecord] = RecordTable(
            self.model._columns, "photos", source=self.model, filtered=False
        )
        self.table.setAccessibleName("Photos")
        self.table.setSortingEnabled(False)  # sorted in Python (see _show); the header still sorts
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setResizeContentsPrecision(200)  # size columns from 200 rows, not 20,000
        state = QSettings().value("tables/photos")
        if state is None or not header.restoreState(state):
            header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # newest first
            header.resizeSection(0, 300)
        self.table.proxy.sort(-1)  # the proxy never sorts: _show does, in Python
        header.sortIndicatorChanged.connect(lambda _c, _o: self._show())
        self.table.setIconSize(QSize(44, 33))
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.reads = LatestRead(self)  # the library, read on a worker thread
        self.grid = photo_grid(self.table)
        self.views = QStackedWidget()
        self.views.addWidget(with_legend(self.grid))
        self.views.addWidget(self.table)

        self.panel = PhotoPanel(ctx, self.loader)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        library = QWidget()
        lib_layout = QVBoxLayout(library)
        lib_layout.addLayout(self._filter_bar())
        lib_layout.addWidget(self.splitter, 1)
        self.consents = ConsentList(ctx)
        self.pages = QTabWidget()
        self.pages.addTab(library, "Photo library")
        self.pages.addTab(self.consents, "Consent records")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.panel.changed.connect(lambda _id: self.refresh())
        self.consents.changed.connect(self.refresh)
        self.pages.currentChanged.connect(lambda _i: self._refresh_page())
        self.set_view(int(str(QSettings().value("photos/view", 0))))
        if load:
            self.refresh()

    # --- layout ------------------------------------------------------------------------------

    def _filter_bar(self) -> QVBoxLayout:
        self.import_button = QPushButton("&Import photos…")
        self.import_button.setToolTip("Or drag photos from Explorer and drop them here")
        self.import_button.clicked.connect(self.choose_files)
        self.grid_button = QPushButton("&Grid")
        self.list_button = QPushButton("&List")
        self.view_group = QButtonGroup(self)
        for n, button in enumerate((self.grid_button, self.list_button)):
            button.setCheckable(True)
            self.view_group.addButton(button, n)
        self.view_group.idClicked.connect(self.set_view)
        self.search = named(QLineEdit(), "Search photos")
        self.search.setPlaceholderText("Search captions, events, names")
        self.search.setClearButtonEnabled(True)
        self.use = QComboBox()
        fill_combo(self.use, [("Any use", ANY)] + [(s.label, s) for s in ConsentScope])
        self.status = QComboBox()
        fill_combo(self.status, [("Any status", ANY)] + [(c.label, c) for c in Clearance])
        self.person = QComboBox()
        self.person.setMinimumContentsLength(14)
        self.event_filter = QComboBox()
        self.event_filter.setMinimumContentsLength(14)
        self.start = QLineEdit()
        self.end = QLineEdit()
        for line in (self.start, self.end):
            line.setPlaceholderText("dd/mm/yyyy")
            line.setMaximumWidth(92)
        self.count = QLabel()
        top = QHBoxLayout()
        for button in (self.import_button, self.grid_button, self.list_button):
            top.addWidget(button)
        top.addSpacing(10)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        labelled: tuple[tuple[str, QWidget], ...] = (
            ("Use:", self.use),
            ("Status:", self.status),
            ("Person:", self.person),
            ("Event:", self.event_filter),
            ("Taken from:", self.start),
            ("to:", self.end),
        )
        for text, widget in labelled:
            filters.addWidget(buddy_label(text, widget))
            filters.addWidget(widget)
        filters.addStretch(1)
        bar = QVBoxLayout()
        bar.addLayout(top)
        bar.addLayout(filters)
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.use, self.status, self.person, self.event_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.start.editingFinished.connect(self.apply_filter)
        self.end.editingFinished.connect(self.apply_filter)
        return bar

    def set_view(self, which: int) -> None:
        self.views.setCurrentIndex(which)
        self.view_group.button(which).setChecked(True)
        QSettings().setValue("photos/view", which)

    # --- data --------------------------------------------------------------------------------

    def _refresh_page(self) -> None:
        if self.pages.currentWidget() is self.consents:
            self.consents.refresh()

    def refresh(self) -> None:
        """Reload the library off the UI thread; the current photo stays selected."""
        db = self.ctx.db
        self.count.setText("Loading…")
        self._refresh_page()
        self.reads.start(lambda: read_library(db), self._loaded)

    def _loaded(self, result: Library) -> None:
        records, events, people = result
        self.records = records
        self.filter.forget()
        keep = self._select_next  # (the photo shown stays selected through apply_filter)
        self._select_next = None
        self._refill(self.person, [("Anyone", ANY), *people])
        self._refill(self.event_filter, [("Every event", ANY)] + [(e, e) for e in events])
        self.events = events
        self.apply_filter()
        self.loaded = True
        if keep is not None:
            self.select_photo(keep)
        elif self.panel.record is None and self.model.rowCount():
            self.table.selectRow(0)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        with QSignalBlocker(combo):
            fill_combo(combo, items, combo_value(combo))

    def apply_filter(self) -> None:
        f = self.filter
        f.text = self.search.text().casefold().strip()
        f.scope, f.status = combo_value(self.use), combo_value(self.status)
        f.person, f.event = combo_value(self.person), combo_value(self.event_filter)
        try:
            f.start = read_date(self.start, "Taken from")
            f.end = read_date(self.end, "Taken to")
        except ValidationError as exc:
            self.count.setText(str(exc).split(".")[0])
            return
        self._show()

    def _show(self) -> None:
        """Filter and sort in Python, then hand the views one list: with 20,000 photos this is
        far faster than a proxy asking the model row by row."""
        keep = self.panel.record.id if self.panel.record else None
        header = self.table.horizontalHeader()
        column = self.model._columns[max(header.sortIndicatorSection(), 0)]
        shown = sorted(
            filter(self.filter, self.records),
            key=lambda r: sort_key(column.value(r)),
            reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )
        self.model.set_records(shown)
        self.count.setText(f"{len(shown)} of {len(self.records)} photos")
        if keep is not None:
            self.select_photo(keep)

    def select_photo(self, photo_id: int) -> None:
        row = self.model.row_of(photo_id)
        if row is not None:
            index = self.table.proxy.mapFromSource(self.model.index(row, 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        if self.panel.record is not None and (record is None or record.id != self.panel.record.id):
            self.panel.confirm_leave(can_cancel=False)
        if record is not None:
            self.grid.scrollTo(current)
        self.panel.show_photo(record, self.events)

    def confirm_leave(self) -> bool:
        return self.panel.confirm_leave()

    def has_unsaved_typing(self) -> bool:
        return self.panel.has_unsaved_typing()

    # --- import ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        pattern = " ".join(f"*{s}" for s in PHOTO_SUFFIXES)
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import photos", "", f"Photos ({pattern});;All files (*)"
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_event(self) -> str | None:
        """Which event the photos are from (may be left empty); None cancels the import."""
        events = [""] + self.events
        text, ok = QInputDialog.getItem(
            self,
            "Import photos",
            "Which event are these photos from? (You can change it later.)",
            events,
            0,
            True,
        )
        return text.strip() if ok else None

    def import_paths(self, paths: list[Path]) -> None:
        if self.progress is not None:
            show_error(self, HsdeskError("An import is already running. Wait for it to finish."))
            return
        event = self.choose_event()
        if event is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        # Not modal: the window stays usable while photos import (a second import is refused).
        dialog = progress_dialog(
            self, "Importing photos", "Importing photos…", len(paths), modal=False
        )
        self.progress = dialog
        allow(self.import_button, "Photos are being imported.")

        def work(progress: Progress) -> photos.ImportReport:
            return photos.import_files(db, actor, paths, event, progress.report, progress.cancelled)

        def on_progress(done: int, total: int, name: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if name:
                dialog.setLabelText(f"Importing {name} ({done + 1} of {total})…")

        job = run_with_progress(work, self._import_done, self._import_failed, on_progress)
        dialog.canceled.connect(job.cancel)

    def _finish_import(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.deleteLater()  # destroyed (and so hidden) once this call has returned
        self.progress = None
        allow(self.import_button, "")

    def _import_failed(self, exc: Exception) -> None:
        self._finish_import()
        show_error(self, exc, "Import stopped")
        self.refresh()

    def _import_done(self, report: photos.ImportReport) -> None:
        self._finish_import()
        emit(self.imported, report)
        if report.refused:
            details = "".join(f"<li><b>{name}</b>: {why}</li>" for name, why in report.refused[:20])
            more = len(report.refused) - 20
            tail = f"<p>…and {more} more.</p>" if more > 0 else ""
            QMessageBox.warning(
                self,
                "Some photos were not imported",
                f"<p>{report.summary}</p><ul>{details}</ul>{tail}",
            )
        else:
            show_status(self, report.summary)
        done = report.imported or report.already
        self._select_next = done[0][1] if done else None
        self.refresh()

    # --- drag and drop -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def save_state(self) -> None:
        super().save_state()
        self.table.save_state()
        self.consents.table.save_state()

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}
