"""People → Past retention…: everyone and every ended consent past its retention date, for an
administrator to keep (until a date, with the reason) or erase, one by one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hsdesk.domain import clock
from hsdesk.domain.dates import format_date
from hsdesk.domain.retention import RULES, Due
from hsdesk.services.people import retention
from hsdesk.ui.common import allow, close_buttons, hint_label, show_status
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[Due]] = [
    Column("Record", lambda d: d.title),
    Column("Kept for", lambda d: RULES[d.rule].title),
    Column("Ended", lambda d: d.ended),
    Column("Due since", lambda d: d.due_on),
    Column(
        "Kept before",
        lambda d: f"until {format_date(d.kept_until)}: {d.kept_reason}" if d.kept_until else "",
    ),
]


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setWindowTitle("Past their retention date")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table: RecordTable[Due] = RecordTable(COLUMNS, "retention", self)
        self.table.setAccessibleName("Past their retention date")
        self.keep_button = QPushButton("&Keep until…")
        self.erase_button = QPushButton("&Erase…")
        self.schedule_button = QPushButton("&Schedule…")
        self.schedule_button.setToolTip("How long each kind of record is kept (Settings).")
        bar = QHBoxLayout()
        for button in (self.keep_button, self.erase_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.schedule_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(
            hint_label(
                "Keep one while there is a reason to (an open complaint, a claim), with the date "
                "to decide again; erase the rest. Each decision is kept in the audit trail."
            )
        )
        layout.addWidget(close_buttons(self))
        self.keep_button.clicked.connect(self._keep)
        self.erase_button.clicked.connect(self._erase)
        self.schedule_button.clicked.connect(self._schedule)
        self.table.selection_changed.connect(lambda _due: self._buttons())
        self.resize(1000, 520)
        self.refresh()

    def refresh(self) -> None:
        found = (
            Operation(self, lambda: retention.review_list(self.ctx.db, self.ctx.actor)).value()
            or []
        )
        self.table.set_records(found, keep=lambda d: d.record)
        self.summary.setText(
            f"{len(found)} past their retention date on {format_date(clock.today())}."
            if found
            else "Nothing is past its retention date: every record is within the schedule."
        )
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.table.selected_record()
        for button in (self.keep_button, self.erase_button):
            allow(button, "" if chosen is not None else "Choose a record in the list first.")
        if chosen is not None:
            self.erase_button.setText("&Erase…" if chosen.kind == "person" else "&Delete…")

    def _keep(self) -> None:
        from hsdesk.ui.people.keep_dialog import KeepDialog

        due = self.table.selected_record()
        if due is not None and KeepDialog(self.ctx, due, self).exec():
            show_status(self.parentWidget() or self, f"Kept {due.title}.")
            self.changed = True
            self.refresh()

    def _erase(self) -> None:
        from hsdesk.ui.people.erase_dialog import EraseDialog

        due = self.table.selected_record()
        if due is None:
            return
        dialog = EraseDialog(self.ctx, due.record, due.title, self)
        if dialog.exec() and dialog.saved:
            show_status(self.parentWidget() or self, dialog.saved)
            self.changed = True
            self.refresh()

    def _schedule(self) -> None:
        from hsdesk.ui.people.retention_schedule import ScheduleDialog

        if ScheduleDialog(self.ctx, self).exec():
            self.refresh()
