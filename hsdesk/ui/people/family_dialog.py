"""Add or change a family (by reference code, never by name)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.records import FamilyRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import GuardedDialog, read_date, set_date, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.forms.ui_family_dialog import Ui_FamilyDialog


class FamilyDialog(GuardedDialog):
    def __init__(
        self, ctx: AppContext, record: FamilyRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FamilyDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.record = record
        self.saved: FamilyRecord | None = None
        self.setWindowTitle(f"Family {record.reference}" if record else "Add a family")
        if record:
            self.ui.reference.setText(record.reference)
            set_date(self.ui.supportStart, record.support_start)
            set_date(self.ui.supportEnd, record.support_end)
            self.ui.notes.setPlainText(record.notes)
        self.wire_form(self.ui.buttonBox, self.save)

    def save(self) -> None:
        ui = self.ui
        try:
            self.saved = people.save_family(
                self.ctx.db,
                self.ctx.actor,
                self.record.id if self.record else None,
                ui.reference.text(),
                read_date(ui.supportStart, "Support started"),
                read_date(ui.supportEnd, "Support ended"),
                ui.notes.toPlainText(),
            )
        except HsdeskError as exc:
            show_error(self, exc, "Cannot save this family")
            return
        self.accept()
