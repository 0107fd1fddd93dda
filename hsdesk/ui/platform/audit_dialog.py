"""The audit trail viewer: who did what and when, filtered by text, record type and dates."""

from __future__ import annotations

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

from hsdesk.domain.records import AuditRecord
from hsdesk.services.platform import audit
from hsdesk.services.platform.audit import AuditFilter
from hsdesk.ui.common import read_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[AuditRecord]] = [
    Column("No.", lambda e: e.seq),
    Column("When", lambda e: e.at),
    Column("Signed in", lambda e: e.actor),
    Column("Signed by", lambda e: e.signer or ""),
    Column("Record", lambda e: e.entity.replace("_", " ")),
    Column("What happened", lambda e: e.summary, tooltip=lambda e: e.summary),
]


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Audit trail")
        self.text = QLineEdit(placeholderText="Person, username or words in the summary")
        self.entity = QComboBox()
        self.entity.addItem("All records", "")
        for name in audit.entity_names(ctx.db):
            self.entity.addItem(name.replace("_", " ").capitalize(), name)
        self.since = QLineEdit(placeholderText="dd/mm/yyyy")
        self.until = QLineEdit(placeholderText="dd/mm/yyyy")
        apply = QPushButton("&Show")
        apply.setDefault(True)
        apply.clicked.connect(self.refresh)
        self.text.returnPressed.connect(self.refresh)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.until)
        dates.addWidget(apply)
        form = QFormLayout()
        form.addRow("&Find", self.text)
        form.addRow("&Record type", self.entity)
        form.addRow("&Between", dates)
        self.table: RecordTable[AuditRecord] = RecordTable(COLUMNS, "audit", self)
        self.count = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.resize(980, 560)
        self.refresh()

    def refresh(self) -> None:
        entries = Operation(self, self._entries, "Cannot show the audit trail").value()
        if entries is None:
            return
        self.table.set_records(entries)
        self.count.setText(f"{len(entries)} entries" if len(entries) != 1 else "1 entry")

    def _entries(self) -> list[AuditRecord]:
        flt = AuditFilter(
            text=self.text.text().strip(),
            entity=self.entity.currentData(),
            since=read_date(self.since, "From date"),
            until=read_date(self.until, "To date"),
        )
        return audit.list_entries(self.ctx.db, self.ctx.actor, flt)

    def done(self, result: int) -> None:
        self.table.save_state()
        super().done(result)
