"""Erase a person (People → Erase person…, or the retention review list): what goes, what is
kept, that it cannot be undone, and the reason, which the audit trail keeps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.services.people.erasure import REASON_LIMIT
from hsdesk.services.people.retention import erase
from hsdesk.ui.common import hint_label
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog, Operation

WHAT_GOES = {
    "person": (
        "<p>This takes out of hsdesk, for good:</p><ul>"
        "<li>their name, date of birth, email, phone and notes (the register shows "
        "“Erased person N”);</li>"
        "<li>their photo consents and the scans of them, the photos that picture them "
        "(a photo used in content is kept but no longer names them), their kept signatures "
        "and the connections they declared;</li>"
        "<li>their name wherever it is written in other records and in the audit trail.</li>"
        "</ul><p>Records the scheme must keep stay, with no name: their induction (without "
        "the slip), offices held, content they wrote or approved, reviews they signed, "
        "breach records. <b>This cannot be undone.</b> Backups made before still hold them "
        "until they are thinned out; restoring one erases them again.</p>"
    ),
    "family": (
        "<p>This erases every member of the family, each as “Erase person” does: their "
        "names, dates of birth, contact details and notes, their photo consents and scans, "
        "the photos that picture them, and their names wherever they are written, in the "
        "records and in the audit trail. The family's reference becomes “ERASED-N” and its "
        "notes go; its support dates stay. <b>This cannot be undone.</b></p>"
    ),
    "consent": (
        "<p>This deletes the consent record, its withdrawal and the scan of the form, for "
        "good. Photos it covered can no longer be used under it. <b>This cannot be "
        "undone.</b></p>"
    ),
}


class EraseDialog(FormDialog[str]):
    """Confirm an erasure with its reason; the work runs off the window's thread."""

    refusal_title = "Not erased"

    def __init__(
        self, ctx: AppContext, record: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record = ctx, record
        kind = record.split(":", 1)[0]
        verb = {"person": "Erase", "family": "Anonymise"}.get(kind, "Delete")
        self.setWindowTitle(f"{verb} {title}")
        what = QLabel(WHAT_GOES[kind])
        what.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.setPlaceholderText("e.g. past the retention date; asked on 01/12/2026")
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.go = buttons.addButton(f"&{verb}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(hint_label("The reason is kept in the audit trail (without their name)."))
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.setMinimumWidth(560)

    def save(self) -> None:
        """As FormDialog's, but off the window's thread (the clean-up after it takes a while);
        the reason is read here, on the window's."""
        self.go.setEnabled(False)
        reason = self.reason.text()
        Operation(
            self,
            lambda: erase(self.ctx.db, self.ctx.actor, self.record, reason),
            self.refusal_title,
        ).success(self._keep).failure(lambda _exc: self.go.setEnabled(True)).run_in_background()
