"""The families list: reference codes, support dates and members, with add and edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.records import FamilyRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import allow, close_buttons
from hsdesk.ui.context import AppContext
from hsdesk.ui.people.family_dialog import FamilyDialog
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[FamilyRecord]] = [
    Column("Reference", lambda f: f.reference),
    Column("Support started", lambda f: f.support_start),
    Column("Support ended", lambda f: f.support_end),
    Column("Members", lambda f: ", ".join(f.member_names)),
]


class FamiliesDialog(QDialog):
    def __init__(self, ctx: AppContext, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Families")
        self.table: RecordTable[FamilyRecord] = RecordTable(COLUMNS, "families", self)
        self.table.setAccessibleName("Families")
        self.add_button = QPushButton("&Add family…")
        self.edit_button = QPushButton("&Edit…")
        for button in (self.add_button, self.edit_button):
            allow(
                button,
                "" if can_edit else "Only staff who keep the people register may change families.",
            )
        self.add_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(lambda: self._edit(self.table.selected_record()))
        if can_edit:
            self.table.activated_record.connect(self._edit)
        close = close_buttons(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(760, 460)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_records(people.list_families(self.ctx.db), keep=lambda f: f.id)

    def _edit(self, record: FamilyRecord | None) -> None:
        dialog = FamilyDialog(self.ctx, record, self)
        if dialog.exec():
            self.refresh()
            if dialog.saved is not None:
                saved_id = dialog.saved.id
                self.table.select_where(lambda f: f.id == saved_id)

    def done(self, result: int) -> None:
        self.table.save_state()
        super().done(result)
