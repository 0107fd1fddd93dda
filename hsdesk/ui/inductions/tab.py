"""Inductions tab: everyone who must acknowledge the adopted policy, who is
outstanding or overdue, each person's history, induction packs to preview and print, and
acknowledgements recorded with their evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.induction import COVERED_KINDS, STATUS_COLOURS, InductionStatus
from hsdesk.domain.induction_records import InductionProgress, InductionRecord, InductionRow
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.services.inductions import records as inductions
from hsdesk.ui.colours import BAD, ink
from hsdesk.ui.common import (
    allow,
    ask,
    combo_value,
    export_csv_file,
    fill_combo,
    hint_label,
    named,
    open_stored_file,
    push_button,
    show_status,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.inductions.pack_maker import PackMaker
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.record_table import Column
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[InductionRow]] = [
    Column("Name", lambda r: r.name),
    Column("Role", lambda r: r.role),
    Column("Induction", lambda r: r.status.label, colour=lambda r: STATUS_COLOURS[r.status]),
    Column("Due by", lambda r: r.due_on),
    Column("Status", lambda r: r.person_status),
    Column("Started", lambda r: r.start_date),
    Column("Pack printed", lambda r: r.pack_printed_on),
    Column("Given", lambda r: r.given_on),
    Column("Acknowledged", lambda r: r.acknowledged_on),
    Column("How", lambda r: r.current.method.label if r.current and r.current.method else ""),
    Column("Earlier acknowledgement", lambda r: r.previous),
]

SHOW = [
    ("Outstanding and overdue", {InductionStatus.OUTSTANDING, InductionStatus.OVERDUE}),
    ("Overdue", {InductionStatus.OVERDUE}),
    ("Done", {InductionStatus.DONE}),
    ("Everyone", set(InductionStatus)),
]


class InductionTab(TabPage):
    state_key = "inductions"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.progress: InductionProgress | None = None
        self.rows: list[InductionRow] = []
        self.overdue_days = 0
        self.history: list[InductionRecord] = []
        self.packs = PackMaker(ctx, self)
        self.packs.busy_changed.connect(self._update_buttons)
        self.packs.recorded.connect(self.refresh)
        can_record = allowed(ctx.actor, Permission.RECORD_INDUCTIONS)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setFormat("%v of %m acknowledged")
        self.bar.setFixedWidth(240)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.bar)

        self.search = named(QLineEdit(placeholderText="Find by name or role…"), "Find people")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        fill_combo(self.kind, [("All roles", None), *[(k.label, k) for k in COVERED_KINDS]])
        self.show_status = QComboBox()
        fill_combo(self.show_status, SHOW)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel("Role"))
        filters.addWidget(self.kind)
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.show_status)

        self.ack_button = push_button("&Record acknowledgement…", self.record_acknowledgement)
        self.scan_button = push_button("Record from a &scan…", self.record_from_scan)
        self.given_button = push_button("Policy &given…", self.record_given)
        self.print_button = push_button("&Print packs…", self.print_selected)
        self.outstanding_button = push_button(
            "Packs for everyone &outstanding…", self.print_outstanding
        )
        self.documents_button = push_button("Pack &documents…", self.pack_documents)
        self.csv_button = push_button("&Export CSV…", self.export_csv)
        actions = QHBoxLayout()
        for button in (
            self.ack_button,
            self.scan_button,
            self.given_button,
            self.print_button,
            self.outstanding_button,
        ):
            button.setVisible(can_record)
            actions.addWidget(button)
        if not can_record:  # say why there is nothing to press, rather than leave it blank
            actions.addWidget(hint_label(Permission.RECORD_INDUCTIONS.value.refusal))
        actions.addStretch(1)
        self.documents_button.setVisible(ctx.actor.is_admin)
        actions.addWidget(self.documents_button)
        actions.addWidget(self.csv_button)
        self.csv_button.setVisible(can_record)

        self.table: RecordTable[InductionRow] = RecordTable(COLUMNS, "inductions", self)
        self.table.setAccessibleName("Inductions")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setToolTip("Select several people (Ctrl or Shift) to print their packs together")
        self.reads = LatestRead(self, self.table)
        self.detail = self._detail_panel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 400])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.kind.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.show_status.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.table.selection_changed.connect(lambda _r: self._selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if can_record:
            self.table.activated_record.connect(lambda _r: self.record_acknowledgement())
        self._apply_filter()
        if load:
            self.refresh()
        else:
            self._selected()

    # --- layout ------------------------------------------------------------------------------

    def _detail_panel(self) -> QWidget:
        panel = QWidget()
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 15px; font-weight: 600")
        self.name.setWordWrap(True)
        self.standing = QLabel()
        self.standing.setWordWrap(True)
        self.facts = QFormLayout()
        self.records = named(QListWidget(), "Acknowledgements recorded")
        self.records.setWordWrap(True)
        self.records.itemActivated.connect(lambda _i: self.open_evidence())
        self.records.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.evidence_button = push_button("Open e&vidence", self.open_evidence)
        self.pack_button = push_button("Previe&w this pack…", self.preview_current)
        self.records.setMaximumHeight(190)
        box = QGroupBox("Acknowledgements, newest version first")
        inner = QVBoxLayout(box)
        inner.addWidget(self.records)
        row = QHBoxLayout()
        row.addWidget(self.evidence_button)
        row.addStretch(1)
        row.addWidget(self.pack_button)
        inner.addLayout(row)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.name)
        layout.addWidget(self.standing)
        layout.addLayout(self.facts)
        layout.addWidget(box)
        layout.addStretch(1)
        self.pack_button.setVisible(allowed(self.ctx.actor, Permission.RECORD_INDUCTIONS))
        return panel

    # --- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everyone's standing on a worker thread; the selection stays."""
        db = self.ctx.db
        self.reads.start(
            lambda: (inductions.induction_rows(db), inductions.overdue_days(db)), self._show
        )

    def _show(self, found: tuple[tuple[InductionProgress | None, list[InductionRow]], int]) -> None:
        (self.progress, self.rows), self.overdue_days = found
        self._show_progress()
        self.table.set_records(self.rows, keep=lambda r: r.person_id)
        self._selected()

    def _show_progress(self) -> None:
        progress = self.progress
        if progress is None:
            self.summary.setText(
                "There is no adopted policy yet, so nobody can acknowledge it. The Chair adopts "
                "the policy in the Policy tab; then everyone current is listed here."
            )
            self.bar.hide()
            return
        days = self.overdue_days
        self.summary.setText(
            f"<b>{progress.version_label}</b>, adopted {format_date(progress.adopted_on)}: "
            f"{progress.text}; {progress.outstanding - progress.overdue} outstanding, "
            f"<span style='color:{ink(BAD)}'>{progress.overdue} overdue</span> (more than {days} "
            "days after starting or after the version was adopted)."
        )
        self.bar.show()
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.acknowledged)

    def _apply_filter(self) -> None:
        kind = combo_value(self.kind)
        statuses = combo_value(self.show_status)
        self.table.proxy.set_predicate(
            lambda r: (kind is None or r.kind == kind) and r.status in statuses
        )
        self._selected()

    def select_person(self, person_id: int) -> None:
        self.show_status.setCurrentIndex(len(SHOW) - 1)  # everyone, so the person is listed
        self.table.select_where(lambda r: r.person_id == person_id)

    def _selected(self) -> None:
        row = self.table.selected_record()
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.records.clear()
        self.history = []
        if row is None:
            self.name.setText("Select a person to see their inductions.")
            self.standing.setText("")
        else:
            self.name.setText(row.name)
            colour = STATUS_COLOURS[row.status]
            if row.status is InductionStatus.DONE:
                text = f"Acknowledged the current version on {format_date(row.acknowledged_on)}."
            else:
                text = f"{row.status.label}: to acknowledge by {format_date(row.due_on)}."
            self.standing.setText(f"<span style='color:{ink(colour)}'>{text}</span>")
            self.facts.addRow("Role", QLabel(row.role))
            self.facts.addRow("Status", QLabel(row.person_status))
            self.facts.addRow("Started", QLabel(format_date(row.start_date) or "not recorded"))
            self.history = inductions.history(self.ctx.db, row.person_id)
            for record in self.history:
                item = QListWidgetItem(record.summary)
                item.setToolTip(
                    f"Recorded by {record.recorded_by}"
                    + (f"; evidence: {record.evidence_name}" if record.evidence_name else "")
                    + (f"\n{record.notes}" if record.notes else "")
                )
                self.records.addItem(item)
            if not self.history:
                self.records.addItem("Nothing recorded yet.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.selected_records()
        one = self.table.selected_record()
        record = self._current_record()
        reading = "" if self.progress is not None else "The list is still being read."
        busy = "Packs are being made; wait for them." if self.packs.busy else ""
        choose_one = "" if one is not None else "Choose one person in the list first."
        allow(self.given_button, choose_one or reading)
        allow(self.print_button, ("" if chosen else "Choose people in the list first.") or busy)
        allow(self.pack_button, choose_one or busy)
        allow(self.outstanding_button, busy or reading)
        allow(
            self.evidence_button,
            "Choose an acknowledgement under the list first."
            if record is None
            else ("" if record.evidence_sha256 else "This one was recorded without a scan."),
        )
        count = len(chosen)
        self.print_button.setText(f"&Print packs ({count})…" if count > 1 else "&Print pack…")

    def _current_record(self) -> InductionRecord | None:
        row = self.records.currentRow()
        return self.history[row] if 0 <= row < len(self.history) else None

    # --- recording ---------------------------------------------------------------------------

    def record_acknowledgement(self, scan: Path | None = None) -> None:
        from hsdesk.ui.inductions.dialogs import AcknowledgeDialog

        row = self.table.selected_record()
        dialog = AcknowledgeDialog(self.ctx, self.rows, row.person_id if row else None, scan, self)
        if ask(dialog):
            self.refresh()
            show_status(self, f"Recorded: {dialog.saved.person_name if dialog.saved else ''}")

    def record_from_scan(self) -> None:
        from hsdesk.ui.inductions.dialogs import SCAN_PATTERN

        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the scanned, signed slip", "", f"Scans ({SCAN_PATTERN})"
        )
        if name:
            self.record_acknowledgement(Path(name))

    def record_given(self) -> None:
        from hsdesk.ui.inductions.dialogs import GivenDialog

        row = self.table.selected_record()
        if row is None or self.progress is None:
            return
        if ask(GivenDialog(self.ctx, row, self.progress.version_id, self)):
            self.refresh()

    def open_evidence(self) -> None:
        record = self._current_record()
        if record is None or not record.evidence_sha256:
            return
        open_stored_file(self, self.ctx.db, record.evidence_sha256, record.evidence_name)

    def pack_documents(self) -> None:
        from hsdesk.ui.inductions.pack_documents_dialog import PackDocumentsDialog

        ask(PackDocumentsDialog(self.ctx, self))

    def export_csv(self) -> None:
        from hsdesk.services.inductions.exports import export_inductions_csv

        db, actor = self.ctx.db, self.ctx.actor
        export_csv_file(
            self,
            "Export the inductions register",
            "inductions",
            lambda path, steps: export_inductions_csv(db, actor, path, steps),
        )

    # --- packs -------------------------------------------------------------------------------

    def print_selected(self) -> None:
        chosen = [r.person_id for r in self.table.selected_records()]
        if chosen:
            self.packs.make(chosen)

    def preview_current(self) -> None:
        row = self.table.selected_record()
        if row is not None:
            self.packs.make([row.person_id])

    def print_outstanding(self) -> None:
        waiting = [r for r in self.rows if r.status is not InductionStatus.DONE]
        if not waiting:
            QMessageBox.information(
                self, "Nobody outstanding", "Everyone current has acknowledged the policy."
            )
            return
        waiting.sort(key=lambda r: (r.status is not InductionStatus.OVERDUE, r.last_name))
        self.packs.make([r.person_id for r in waiting])

    def save_state(self) -> None:
        super().save_state()
        self.table.save_state()

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}
