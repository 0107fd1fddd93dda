"""The Chair's adoption sign-off: which clause states each duty hsdesk checks (proposed from the
version it replaces, confirmed or changed here), their own username and password (whoever is
signed in here), the dates, and a handwritten signature drawn now or chosen from those kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.duties import Proposal
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import PolicyVersionRecord
from hsdesk.domain.wording import shortened
from hsdesk.services.policy import adoption
from hsdesk.services.policy.duties import proposed_links
from hsdesk.ui.colours import BAD, ink
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
        self.proposals = proposed_links(ctx.db, version.id)
        self.links: dict[str, QComboBox] = {}
        right = QVBoxLayout()
        right.addWidget(intro)
        right.addLayout(form)
        right.addWidget(self.signoff)
        right.addStretch(1)
        right.addWidget(buttons)
        layout = QHBoxLayout(self)
        if self.proposals:
            layout.addWidget(self._links_box(version), 3)
        layout.addLayout(right, 2)
        self.wire_form(buttons, self.save)
        assert self.signoff.signature is not None
        self.signoff.signature.changed.connect(self._mark_dirty)

    def _links_box(self, version: PolicyVersionRecord) -> QGroupBox:
        """One row per duty: its clause in this version, proposed by hsdesk; flagged rows (no
        clause found) first, for the Chair to choose a clause or confirm it is gone."""
        box = QGroupBox("What hsdesk checks, and the clause of this version that asks it")
        flagged = sum(p.flagged for p in self.proposals)
        note = QLabel(
            f"<span style='color:{ink(BAD)}'><b>{flagged} dut{'y' if flagged == 1 else 'ies'} "
            "not found in this version:</b> choose the clause that now asks each, or “No "
            "clause”.</span> "
            if flagged
            else "Every duty was found; check the clauses below. "
        )
        note.setText(
            note.text() + "Records keep the clause numbers of the version in force when made."
        )
        note.setWordWrap(True)
        table = QTableWidget(len(self.proposals), 3)
        table.setHorizontalHeaderLabels(["Duty", "Clause in this version", "Found by"])
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.setColumnWidth(0, 240)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(True)
        clauses = version.text.numbered()
        ordered = sorted(self.proposals, key=lambda p: not p.flagged)
        for row, proposal in enumerate(ordered):
            name = QTableWidgetItem(proposal.duty.name)
            name.setToolTip(proposal.duty.name)
            table.setItem(row, 0, name)
            table.setCellWidget(row, 1, self._clause_choice(proposal, clauses))
            found = "Not found" if proposal.flagged else proposal.found.label
            found = found.split(":")[0]
            if proposal.before:
                found += f" (was {proposal.before})"
            table.setItem(row, 2, QTableWidgetItem(found))
        table.setMinimumHeight(260)
        table.resizeRowsToContents()
        box.setMinimumWidth(640)
        column = QVBoxLayout(box)
        column.addWidget(note)
        column.addWidget(table, 1)
        return box

    def _clause_choice(self, proposal: Proposal, clauses: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Clause for: {proposal.duty.name}")
        if proposal.flagged:
            combo.addItem("— choose —", "")
        for number, text in clauses:
            short = " ".join(text.split())
            combo.addItem(f"{number} {shortened(short, 60)}", number)
            combo.setItemData(combo.count() - 1, short, Qt.ItemDataRole.ToolTipRole)
        combo.addItem("No clause: this version no longer asks it", None)
        if proposal.number:
            combo.setCurrentIndex(combo.findData(proposal.number))
        combo.currentIndexChanged.connect(self._mark_dirty)
        self.links[proposal.duty.key] = combo
        return combo

    def chosen_links(self) -> dict[str, str | None]:
        """Each duty's clause as the Chair left it; a flagged one not yet chosen is left out (the
        adoption refuses it, saying which)."""
        return {
            key: combo.currentData()
            for key, combo in self.links.items()
            if combo.currentData() != ""
        }

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
            links=self.chosen_links(),
        )

    def submit(self) -> PolicyVersionRecord:
        return adoption.adopt(self.ctx.db, self.ctx.actor, self.version.id, self.given())
