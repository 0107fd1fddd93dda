"""The audit trail viewer: who did what and when, filtered by text, record type and dates.

Entries are read on a worker thread (a trail of ten years holds hundreds of thousands), so the
dialog opens at once, says it is reading, and never holds up the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.records import AuditRecord
from hsdesk.services.platform import audit
from hsdesk.services.platform.audit import AuditFilter
from hsdesk.ui.common import allow, named, read_date, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

PAGE = 200  # entries shown at a time, newest first

COLUMNS: list[Column[AuditRecord]] = [
    Column("No.", lambda e: e.seq),
    Column("When", lambda e: e.at),
    Column("Signed in", lambda e: e.actor),
    Column("Signed by", lambda e: e.signer or ""),
    Column("Record", lambda e: e.entity.replace("_", " ")),
    Column("What happened", lambda e: e.summary, tooltip=lambda e: e.summary),
]


class AuditDialog(QDialog):
    filled = Signal()  # the entries of the latest request are shown (or the refusal said)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Audit trail")
        self.text = QLineEdit(placeholderText="Person, username or words in the summary")
        self.entity = QComboBox()
        self.entity.addItem("All records", "")
        self._kinds_shown = False  # the record types are read with the first page
        self.reads = LatestRead(self)  # only the latest request's answer is shown
        self.reads.filled.connect(self.filled)
        self.since = QLineEdit(placeholderText="dd/mm/yyyy")
        self.until = named(QLineEdit(placeholderText="dd/mm/yyyy"), "To date")
        apply = QPushButton("&Show")
        apply.setDefault(True)
        apply.clicked.connect(self.refresh)
        self.older = QPushButton("Show &older entries")
        self.older.clicked.connect(self.show_older)
        self.shown: list[AuditRecord] = []
        self.more = False  # whether older entries match than those shown
        self.text.returnPressed.connect(self.refresh)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.until)
        dates.addWidget(apply)
        form = QFormLayout()
        form.addRow("&Find", self.text)
        form.addRow("&Record type", self.entity)
        between = QLabel("&Between")
        between.setBuddy(self.since)
        form.addRow(between, dates)
        self.table: RecordTable[AuditRecord] = RecordTable(
            COLUMNS, "audit", self, default_sort=(0, Qt.SortOrder.DescendingOrder)
        )
        self.table.setAccessibleName("Audit entries")
        self.count = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.older)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.resize(980, 560)
        self.refresh()

    def refresh(self) -> None:
        """The newest PAGE entries that match (a trail of ten years opens as fast as a new one)."""
        self._load(None)

    def show_older(self) -> None:
        """The next PAGE older entries that match, below those shown."""
        if self.shown:
            self._load(min(e.seq for e in self.shown))

    def _load(self, before: int | None) -> None:
        try:
            flt = self._filter(before)
        except HsdeskError as exc:  # a date typed wrongly: said before anything is read
            show_error(self, exc, "Cannot show the audit trail")
            return
        db, actor, kinds = self.ctx.db, self.ctx.actor, not self._kinds_shown
        allow(self.older, "The audit trail is being read.")
        self.count.setText("Reading the audit trail…")
        self.reads.start(  # closed meanwhile, or overtaken by a newer request: never shown
            lambda: (audit.entity_names(db) if kinds else None, audit.list_entries(db, actor, flt)),
            lambda found: self._show(before, *found),
            self._failed,
        )

    @property
    def loading(self) -> bool:
        return self.reads.loading

    def _show(
        self, before: int | None, kinds: list[str] | None, entries: list[AuditRecord]
    ) -> None:
        if kinds is not None and not self._kinds_shown:
            self._kinds_shown = True
            for name in kinds:
                self.entity.addItem(name.replace("_", " ").capitalize(), name)
        self.more = len(entries) > PAGE
        self.shown = (self.shown if before is not None else []) + entries[:PAGE]
        self.table.set_records(self.shown)
        allow(self.older, "" if self.more else "Every matching entry is shown.")
        count = len(self.shown)
        if self.more:
            self.count.setText(f"The {count:,} newest matching entries")
        else:
            self.count.setText(f"All {count:,} matching entries" if count != 1 else "1 entry")

    def _failed(self, exc: Exception) -> None:
        self.count.setText("The audit trail could not be read.")
        allow(self.older, "" if self.shown else "The audit trail could not be read.")
        show_error(self, exc, "Cannot show the audit trail")

    def _filter(self, before: int | None) -> AuditFilter:
        return AuditFilter(
            text=self.text.text().strip(),
            entity=self.entity.currentData(),
            since=read_date(self.since, "From date"),
            until=read_date(self.until, "To date"),
            limit=PAGE + 1,  # one more tells whether there are older ones
            before=before,
        )

    def done(self, result: int) -> None:
        self.table.save_state()
        super().done(result)
