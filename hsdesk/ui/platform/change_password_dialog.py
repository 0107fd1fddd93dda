"""The signed-in user changes their own password (the current one is asked for first)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from hsdesk.domain.errors import ValidationError
from hsdesk.services.people import accounts
from hsdesk.ui.common import password_field
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog


class ChangePasswordDialog(FormDialog[None]):
    refusal_title = "Cannot change the password"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Change my password")
        self.current, self.new, self.confirm = (
            password_field(),
            password_field(),
            password_field(),
        )
        form = QFormLayout()
        form.addRow("&Current password", self.current)
        form.addRow("&New password", self.new)
        form.addRow("New password &again", self.confirm)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            raise ValidationError("The two new passwords are not the same. Type them again.")
        return accounts.change_own_password(
            self.ctx.db, self.ctx.actor, self.current.text(), self.new.text()
        )
