"""The Chair's adoption sign-off: their own username and password (whoever is signed in here),
the dates, and a handwritten signature drawn now or chosen from those kept for them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import PolicyVersionRecord
from hsdesk.services.policy import adoption
from hsdesk.ui.common import read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.signoff_box import SignOffBox, SignOffDialog


class AdoptDialog(SignOffDialog[PolicyVersionRecord]):
    refusal_title = "Not adopted"

    def __init__(
        self, ctx: AppContext, version: PolicyVersionRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.version = version
        self.setWindowTitle(f"Adopt {version.label}")
        intro = QLabel(
            f"<b>{version.text.title}</b> — version {version.number}, "
            f"{version.text.clause_count} clauses.<br>Once adopted, this version can never be "
            "changed."
        )
        intro.setWordWrap(True)
        self.adopted_on = QLineEdit()
        self.review_due = QLineEdit()
        set_date(self.adopted_on, clock.today())
        set_date(self.review_due, adoption.default_review_date(clock.today()))
        self.adopted_on.editingFinished.connect(self._suggest_review)
        self.review_due.textEdited.connect(lambda _t: setattr(self, "_review_typed", True))
        self._review_typed = False
        form = QFormLayout()
        form.addRow("Date &adopted (dd/mm/yyyy)", self.adopted_on)
        form.addRow("&Review by (dd/mm/yyyy)", self.review_due)

        self.signoff = SignOffBox(Office.CHAIR, ctx)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.adopt_button = buttons.addButton(
            "Adopt and sign", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.signoff)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        assert self.signoff.signature is not None
        self.signoff.signature.changed.connect(self._mark_dirty)

    def _suggest_review(self) -> None:
        if self._review_typed:
            return
        try:
            adopted = read_date(self.adopted_on, "Date adopted")
        except ValidationError:
            return
        if adopted:
            set_date(self.review_due, adoption.default_review_date(adopted))

    def given(self) -> adoption.Adoption:
        adopted_on = read_date(self.adopted_on, "Date adopted")
        review_due = read_date(self.review_due, "Review by")
        if adopted_on is None or review_due is None:
            raise ValidationError("Type both the adoption date and the review date (dd/mm/yyyy).")
        chosen = self.signoff.signature_choice()
        signer = self.signoff.value()
        return adoption.Adoption(
            username=signer.username,
            password=signer.password,
            adopted_on=adopted_on,
            review_due=review_due,
            drawn=chosen.drawn,
            stored_id=chosen.stored_id,
            keep_drawn=chosen.keep_drawn,
        )

    def submit(self) -> PolicyVersionRecord:
        return adoption.adopt(self.ctx.db, self.ctx.actor, self.version.id, self.given())
