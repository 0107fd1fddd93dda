"""The Content tab: queues (awaiting my approval, ready to upload, takedowns, my drafts, all),
filters, the list read a page at a time, and the selected item with its actions."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.content_records import ContentDetails, ContentQuery, Queue
from hsdesk.domain.enums import Office
from hsdesk.domain.permissions import Permission
from hsdesk.services.content import drafts, takedowns
from hsdesk.services.content import items as content
from hsdesk.services.content import queries as content_queries
from hsdesk.ui.common import (
    allow_only,
    ask,
    export_csv_file,
    named,
    push_button,
    show_status,
)
from hsdesk.ui.content.filters import ContentFilters, filtering
from hsdesk.ui.content.first_read import FirstRead, filter_lists, read_first
from hsdesk.ui.content.model import ROW_ROLE, ContentListModel
from hsdesk.ui.content.panel import ContentPanel
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.operation import Operation
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.sort_arrows import windows_arrows
from hsdesk.ui.tab_page import TabPage

QUEUE_ROLE = Qt.ItemDataRole.UserRole + 1
AWAITING = Queue.AWAITING.label  # the longest queue's name


class ContentTab(TabPage):
    state_key = "content"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.thumbnails = ThumbnailLoader(ctx.db, self)
        self.queues = named(QListWidget(), "Queues")
        self.queues.setMaximumWidth(230)  # and wide enough for its longest name and count
        self.queues.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(f"{AWAITING}  (9999)") + 20
        )
        for queue in Queue:
            label = queue.label
            if queue is Queue.AWAITING and Office.SDM not in ctx.actor.offices:
                label = "Awaiting approval"
            entry = QListWidgetItem(label)
            entry.setData(QUEUE_ROLE, queue)
            self.queues.addItem(entry)
        self.filters = ContentFilters()
        f = self.filters  # its boxes, by the names the tab has always given them
        self.search, self.state, self.channel, self.author = f.search, f.state, f.channel, f.author
        self.day_from, self.day_to = f.day_from, f.day_to
        self.count = QLabel()
        top = QHBoxLayout()
        self.new_button = push_button("&New content…", self.new_item)
        allow_only(self.new_button, ctx.actor, Permission.WRITE_CONTENT)
        top.addWidget(self.new_button)
        top.addWidget(push_button("C&hannels…", self.show_channels))
        checklist_button = push_button("Approval chec&klist…", self.show_checklist)
        checklist_button.setVisible(ctx.actor.is_admin)
        top.addWidget(checklist_button)
        top.addWidget(push_button("E&xport CSV…", self.export_csv))
        top.addStretch(1)
        top.addWidget(self.count)
        # A search or filter kept from before can hide a queue's items: say so, one click away.
        self.clear_button = push_button("Clear &filters", self.clear_filters)
        self.clear_button.hide()
        top.addWidget(self.clear_button)
        self.model = ContentListModel(ctx, self)
        self.view = named(QTableView(), "Content items")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; the arrow keys move in it
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        windows_arrows(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.panel = ContentPanel(ctx, self.thumbnails)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(top)
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(self.view, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.queues)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.panel)
        self.splitter.setSizes([200, 620, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.filters.changed.connect(self.apply_filters)
        self.queues.currentRowChanged.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.panel.action.connect(self.act)
        self.reads = LatestRead(self)
        self._loaded = False  # the first read has been shown
        self._shown = 0  # items shown in the panel so far
        self._ready: ContentDetails | None = None  # read with the first page; shown once selected
        self._select_after: int | None = None  # asked for while the first read was under way
        self._counts: dict[Queue, int] = {}  # each queue's items, before any filter
        self.queues.setCurrentRow(self._default_queue())
        self._restore_columns()  # (the header's order is kept for the first read)
        if load:
            self.refresh()

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._loaded:
            self._show_counts()
            self.reload()
            return
        # Opening: the filters' lists, the counts, the first page and its first item are read on
        # a worker thread; the list says "Reading…" meanwhile.
        self.count.setText("Reading…")
        ctx, query = self.ctx, self.query()
        self.reads.start(lambda: read_first(ctx, query), self._show_first)

    def _show_first(self, found: FirstRead) -> None:
        self.filters.fill(found.channels, found.authors)
        self._show_counts(found.counts)
        self._loaded = True
        select, self._select_after = self._select_after, None
        if select is not None or self.query() != found.query:  # changed while it was read
            self.reload(select)
            return
        self._ready = found.first
        self.model.show_page(found.query, found.total, found.rows)
        self._show_page(None)

    def _default_queue(self) -> int:
        offices = self.ctx.actor.offices
        if Office.SDM in offices:
            return list(Queue).index(Queue.AWAITING)
        if Office.VDO in offices:
            return list(Queue).index(Queue.READY)
        return list(Queue).index(Queue.ALL)

    def _fill_filters(self) -> None:
        self.filters.fill(*filter_lists(self.ctx.db))

    def _show_counts(self, counts: dict[Queue, int] | None = None) -> None:
        if counts is None:
            counts = content_queries.queue_counts(self.ctx.db, self.ctx.actor)
        self._counts = counts
        for n in range(self.queues.count()):
            entry = self.queues.item(n)
            queue = Queue(entry.data(QUEUE_ROLE))
            base = entry.text().split("  (")[0]
            entry.setText(f"{base}  ({counts[queue]})")

    def current_queue(self) -> Queue:
        entry = self.queues.currentItem()
        # Qt hands a str back for a StrEnum; turn it into the Queue again.
        return Queue(entry.data(QUEUE_ROLE)) if entry is not None else Queue.ALL

    def query(self) -> ContentQuery:
        return self.filters.applied_to(replace(self.model.query, queue=self.current_queue()))

    def apply_filters(self) -> None:
        if self._loaded:
            self.reload()

    def reload(self, select: int | None = None) -> None:
        if not self._loaded:  # the first read is under way: this item once it is shown
            self._select_after = select if select is not None else self._select_after
            return
        keep = select if select is not None else (self.panel.item.id if self.panel.item else None)
        self.model.set_query(self.query())
        self._show_page(keep)

    def _show_page(self, keep: int | None) -> None:
        """The count, and the item ``keep`` (else the first) selected and shown."""
        shown, total = self.model.rowCount(), self.model.total
        query = self.model.query
        filtered = filtering(query)
        in_queue = self._counts.get(query.queue)
        if filtered and in_queue is not None:
            text = f"{total} of {in_queue} match"
        else:
            text = f"{total} item{'s' if total != 1 else ''}"
        more = f" (first {shown} shown; scroll for more)" if shown < total else ""
        self.count.setText(text + more)
        self.clear_button.setVisible(filtered)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and shown:
            row = 0
        if row is not None:
            shown_before = self._shown
            self.view.selectRow(row)
            if self._shown == shown_before:  # the current row did not change: show it again
                self._selected(self.model.index(row, 0))
        else:
            self.panel.show_item(None)

    def _selected(self, index, _previous=None) -> None:  # type: ignore[no-untyped-def]
        self._shown += 1
        if not index.isValid():
            self.panel.show_item(None)
            return
        row = index.data(ROW_ROLE)
        ready, self._ready = self._ready, None
        if ready is not None and ready.id == row.id:  # read with the page
            self.panel.show_item(ready)
            return
        Operation(self, lambda: self.panel.show_item(content.get_item(self.ctx.db, row.id))).run()

    def clear_filters(self) -> None:
        """Every item of the queue shown: no search, no filter."""
        self.filters.clear()
        self.reload()

    def adding_button(self) -> QAbstractButton:
        return self.new_button

    def select_item(self, item_id: int) -> None:
        """Show one item wherever it is: switch to All content and clear the filters."""
        self.filters.clear()
        self.queues.blockSignals(True)
        self.queues.setCurrentRow(list(Queue).index(Queue.ALL))
        self.queues.blockSignals(False)
        self.reload(select=item_id)

    # --- acting -------------------------------------------------------------------------------

    def act(self, key: str) -> None:
        item = self.panel.item
        if item is None:
            return
        changed = Operation(self, lambda: self._run(key, item)).value()
        if changed is None:
            return
        if changed is not None:
            self._after(changed)

    def _run(self, key: str, item: ContentDetails) -> ContentDetails | None:
        from hsdesk.ui.content.item_dialog import ContentDialog
        from hsdesk.ui.content.signoff_dialogs import DecisionDialog, UploadDialog
        from hsdesk.ui.content.takedown_dialogs import TakedownDoneDialog, TakedownRequestDialog

        if key == "edit":
            dialog = ContentDialog(self.ctx, item, self, self.thumbnails)
            return dialog.saved if ask(dialog) else None
        if key == "submit":
            return drafts.submit(self.ctx.db, self.ctx.actor, item.id)
        if key == "copy":
            return self._copy(item)
        forms = {
            "decide": lambda: DecisionDialog(self.ctx, item, self),
            "upload": lambda: UploadDialog(self.ctx, item, self),
            "takedown": lambda: TakedownRequestDialog(self.ctx, item, self),
            "done": lambda: TakedownDoneDialog(self.ctx, item.open_takedowns[0], self),
        }
        form = forms[key]()
        return form.saved if ask(form) else None

    def _copy(self, item: ContentDetails) -> ContentDetails | None:
        from PySide6.QtWidgets import QInputDialog

        reason = ""
        if item.live:
            reason, ok = QInputDialog.getText(
                self,
                "Correct published content",
                "What needs correcting? A corrected copy is made as a new draft, and the item "
                "online is to be taken down:",
            )
            if not ok:
                return None
        return takedowns.copy_item(self.ctx.db, self.ctx.actor, item.id, reason)

    def _after(self, changed: ContentDetails) -> None:
        self._fill_filters()
        self._show_counts()
        self.reload(select=changed.id)
        if self.model.row_of(changed.id) is None:  # it left this queue: still show what happened,
            with QSignalBlocker(self.view.selectionModel()):  # with no other row highlighted
                self.view.selectionModel().clear()
            self.view.viewport().update()
            self.panel.show_item(changed)
            show_status(self, f"'{changed.title}' has left {self.current_queue().label}.")

    def new_item(self) -> None:
        from hsdesk.ui.content.item_dialog import ContentDialog

        dialog = ContentDialog(self.ctx, None, self, self.thumbnails)
        if ask(dialog) and dialog.saved is not None:
            self._after(dialog.saved)

    def show_channels(self) -> None:
        from hsdesk.ui.content.channels_dialog import ChannelsDialog

        ask(ChannelsDialog(self.ctx, self))
        self._fill_filters()

    def show_checklist(self) -> None:
        from hsdesk.ui.content.checklist_dialog import ChecklistDialog

        ask(ChecklistDialog(self.ctx, self))

    def export_csv(self) -> None:
        from hsdesk.services.content.exports import export_content_csv

        db, actor = self.ctx.db, self.ctx.actor
        export_csv_file(
            self,
            "Export content register",
            "content",
            lambda path, steps: export_content_csv(db, actor, path, steps),
        )

    # --- window state -------------------------------------------------------------------------

    def _restore_columns(self) -> None:
        state = QSettings().value("tables/content")
        if state is None or not self.view.horizontalHeader().restoreState(state):
            for column, width in enumerate((50, 210, 190, 150, 120, 90, 120)):
                self.view.setColumnWidth(column, width)

    def save_state(self) -> None:
        super().save_state()
        QSettings().setValue("tables/content", self.view.horizontalHeader().saveState())

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}
