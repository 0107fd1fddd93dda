"""The families list: reference codes, support dates and members, with add and edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import FamilyRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import allow, close_buttons, show_status
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
        self.anonymise_button = QPushButton("A&nonymise…")
        self.anonymise_button.setToolTip(
            "Erase every member of a family whose support has ended (UK GDPR erasure)."
        )
        self.anonymise_button.setVisible(allowed(ctx.actor, Permission.ERASE_PERSONAL_DATA))
        self.anonymise_button.clicked.connect(self._anonymise)
        self.table.selection_changed.connect(lambda _f: self._buttons())
        self.add_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(lambda: self._edit(self.table.selected_record()))
        if can_edit:
            self.table.activated_record.connect(self._edit)
        close = close_buttons(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.anonymise_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(760, 460)
        self.refresh()

    def refresh(self) -> None:
        self.table.set_records(people.list_families(self.ctx.db), keep=lambda f: f.id)
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.table.selected_record()
        if chosen is None:
            why = "Choose a family in the list first."
        elif chosen.reference.startswith("ERASED-"):
            why = "This family was anonymised already."
        elif chosen.support_end is None or chosen.support_end > clock.today():
            why = "Their support has not ended: record when it ended (Edit…) first."
        else:
            why = ""
        allow(self.anonymise_button, why)

    def _anonymise(self) -> None:
        from hsdesk.ui.people.erase_dialog import EraseDialog

        chosen = self.table.selected_record()
        if chosen is None:
            return
        dialog = EraseDialog(self.ctx, f"family:{chosen.id}", f"family {chosen.reference}", self)
        if dialog.exec() and dialog.saved:
            show_status(self.parentWidget() or self, dialog.saved)
            self.refresh()

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
