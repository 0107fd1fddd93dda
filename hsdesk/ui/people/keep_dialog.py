"""Keep a record past its retention date: until when, and why (the retention review list)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from hsdesk.domain import clock
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.retention import Due
from hsdesk.services.people import retention
from hsdesk.ui.common import hint_label, read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog


class KeepDialog(FormDialog[Due]):
    refusal_title = "Not kept"

    def __init__(self, ctx: AppContext, due: Due, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.due = ctx, due
        self.setWindowTitle(f"Keep {due.title}")
        self.until = QLineEdit()
        self.until.setMaxLength(10)
        self.until.setPlaceholderText("dd/mm/yyyy")
        set_date(self.until, clock.today() + timedelta(days=365))
        self.reason = QLineEdit()
        self.reason.setMaxLength(1000)
        self.reason.setPlaceholderText("e.g. a complaint about them is still open")
        form = QFormLayout()
        form.addRow("Keep &until:", self.until)
        form.addRow("&Reason:", self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(
                "It leaves the list until then, and comes back to it on that date with this "
                "reason beside it. The decision is kept in the audit trail."
            )
        )
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.setMinimumWidth(480)

    def submit(self) -> Due:
        until = read_date(self.until, "Keep until")
        if until is None:
            raise ValidationError("Enter the date to keep it until, as dd/mm/yyyy.")
        retention.keep(self.ctx.db, self.ctx.actor, self.due.record, until, self.reason.text())
        return self.due
