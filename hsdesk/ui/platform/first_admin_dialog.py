"""First start on an empty database: the person at the PC becomes the first administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from hsdesk.db.engine import Database
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.records import AccountRecord, PersonInput
from hsdesk.services.people import accounts
from hsdesk.ui.common import combo_value, fill_combo
from hsdesk.ui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from hsdesk.ui.operation import FormDialog

ROLES = (PersonKind.STAFF, PersonKind.TRUSTEE, PersonKind.VOLUNTEER, PersonKind.OTHER)


class FirstAdminDialog(FormDialog[AccountRecord]):
    refusal_title = "Cannot create the administrator"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstAdminDialog()
        self.ui.setupUi(self)
        self.db = db
        fill_combo(self.ui.kind, [(k.label, k) for k in ROLES], PersonKind.STAFF)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Create administrator")
        self.wire_form(self.ui.buttonBox, self.save)

    def submit(self) -> AccountRecord:
        ui = self.ui
        if ui.password.text() != ui.confirm.text():
            raise ValidationError("The two passwords are not the same. Type them again.")
        person = PersonInput(ui.firstName.text(), ui.lastName.text(), combo_value(ui.kind))
        return accounts.create_first_admin(self.db, person, ui.username.text(), ui.password.text())
