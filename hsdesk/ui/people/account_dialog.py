"""Create a sign-in account for a person, or set a new password for an existing one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hsdesk.domain.errors import ValidationError
from hsdesk.domain.records import AccountRecord, PersonRecord
from hsdesk.services.people import accounts
from hsdesk.ui.context import AppContext
from hsdesk.ui.forms.ui_account_dialog import Ui_AccountDialog
from hsdesk.ui.operation import FormDialog


class AccountDialog(FormDialog[AccountRecord | None]):
    """``account`` None: create one for ``person``; otherwise reset that account's password."""

    refusal_title = "Cannot save the account"

    def __init__(
        self,
        ctx: AppContext,
        person: PersonRecord,
        account: AccountRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.person = person
        self.account = account
        self.ui.personName.setText(person.full_name)
        if account is not None:
            self.setWindowTitle(f"New password for {account.username}")
            self.ui.username.setText(account.username)
            self.ui.username.setReadOnly(True)
            self.ui.isAdmin.hide()
        else:
            self.setWindowTitle(f"Sign-in account for {person.full_name}")
        self.wire_form(self.ui.buttonBox, self.save)

    def submit(self) -> AccountRecord | None:
        ui = self.ui
        if ui.password.text() != ui.confirm.text():
            raise ValidationError("The two passwords are not the same. Type them again.")
        if self.account is None:
            return accounts.create_account(
                self.ctx.db,
                self.ctx.actor,
                self.person.id,
                ui.username.text(),
                ui.password.text(),
                ui.isAdmin.isChecked(),
            )
        accounts.reset_password(
            self.ctx.db, self.ctx.actor, self.account.username, ui.password.text()
        )
        return None
