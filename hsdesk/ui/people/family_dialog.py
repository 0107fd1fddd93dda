"""Add or change a family (by reference code, never by name)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hsdesk.domain.records import FamilyRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.forms.ui_family_dialog import Ui_FamilyDialog
from hsdesk.ui.operation import FormDialog


class FamilyDialog(FormDialog[FamilyRecord]):
    refusal_title = "Cannot save this family"

    def __init__(
        self, ctx: AppContext, record: FamilyRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FamilyDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.record = record
        self.setWindowTitle(f"Family {record.reference}" if record else "Add a family")
        if record:
            self.ui.reference.setText(record.reference)
            set_date(self.ui.supportStart, record.support_start)
            set_date(self.ui.supportEnd, record.support_end)
            self.ui.notes.setPlainText(record.notes)
        self.wire_form(self.ui.buttonBox, self.save)

    def submit(self) -> FamilyRecord:
        ui = self.ui
        return people.save_family(
            self.ctx.db,
            self.ctx.actor,
            self.record.id if self.record else None,
            ui.reference.text(),
            read_date(ui.supportStart, "Support started"),
            read_date(ui.supportEnd, "Support ended"),
            ui.notes.toPlainText(),
        )
