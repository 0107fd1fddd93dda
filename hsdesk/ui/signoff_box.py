"""The one sign-off box of every sign-off (approval, upload, review sign-off, adoption): the
office holder's own username and password, whoever is signed in at this PC, and for the signed
PDFs their handwritten signature. :class:`SignOffDialog` is a form dialog with one of these that
forgets a password the service did not accept."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from hsdesk.domain.content_records import SignOff
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import HsdeskError
from hsdesk.services.platform.signatures import SignatureChoice
from hsdesk.ui.common import password_field
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog

T = TypeVar("T")


class SignOffBox(QGroupBox):
    """The signer's own username and password (and, with ``ctx``, their signature)."""

    def __init__(
        self, office: Office, ctx: AppContext | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Signed by the {office.label} (or acting)", parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        hint = QLabel(
            f"The {office.label} types <i>their own</i> username and password, whoever is "
            "signed in at this PC. Both names go in the audit trail."
        )
        hint.setWordWrap(True)
        hint.setMinimumHeight(hint.heightForWidth(480))
        form.addRow(hint)
        self.username = QLineEdit(placeholderText=f"the {office.label}'s sign-in name")
        self.password = password_field()
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        layout.addLayout(form)
        self.signature = None
        if ctx is not None:
            from hsdesk.ui.signature_box import SignatureBox

            self.signature = SignatureBox(ctx, office.label, self.username)
            layout.addWidget(self.signature)

    def value(self) -> SignOff:
        return SignOff(self.username.text().strip(), self.password.text())

    def signature_choice(self) -> SignatureChoice:
        assert self.signature is not None, "this sign-off has no handwritten signature"
        return self.signature.choice()


class SignOffDialog(FormDialog[T]):
    """A form dialog signed off in a :class:`SignOffBox` (``self.signoff``)."""

    signoff: SignOffBox

    def refused(self, exc: HsdeskError) -> None:
        self.signoff.password.clear()  # never left filled in after a refusal
