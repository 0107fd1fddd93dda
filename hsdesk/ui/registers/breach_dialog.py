"""The dialog for a breach record: who, when, the clauses breached, what happened, the action
taken and the status."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.duties import D
from hsdesk.domain.register_records import BreachInput, BreachRecord
from hsdesk.domain.registers import BreachAction, BreachStatus
from hsdesk.services.policy.duties import version_citations
from hsdesk.services.registers import breaches
from hsdesk.ui.common import combo_value, fill_combo, read_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.policy.clause_list import ClauseList
from hsdesk.ui.registers.fields import DATE_HINT, date_field, form_buttons, section, text_box


class BreachDialog(FormDialog[BreachRecord]):
    """A breach record: who, when, the clauses breached, what happened, the action and status."""

    refusal_title = "Breach record not saved"

    def __init__(
        self, ctx: AppContext, breach: BreachRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.breach = ctx, breach
        b = breach
        self.setWindowTitle(f"Breach record {b.reference}" if b else "Record a breach")
        self.occurred = date_field(b.occurred_on if b else None)
        self.person = QComboBox()
        fill_combo(
            self.person,
            [
                ("— choose —", None),
                *[(n, i) for i, n in breaches.people_involved(ctx.db, ctx.actor)],
            ],
            b.person_id if b else None,
        )
        version = b.policy_version_id if b else None
        self.clauses = ClauseList(
            breaches.policy_clauses(ctx.db, ctx.actor, version), b.clauses if b else ()
        )
        self.clauses.changed.connect(self._mark_dirty)
        self.what = text_box("What happened (confidential)", 80)
        self.what.setPlainText(b.what if b else "")
        self.reported_by = QLineEdit(b.reported_by if b else "")
        self.reported_by.setPlaceholderText("Who reported it")
        form = QFormLayout()
        section(form, "The breach")
        form.addRow(f"&Date ({DATE_HINT})", self.occurred)
        form.addRow("&Person concerned", self.person)
        form.addRow("&Clauses breached", self.clauses)
        form.addRow("&What happened", self.what)
        form.addRow("&Reported by", self.reported_by)

        self.action = QComboBox()
        fill_combo(
            self.action,
            [("— not decided yet —", None), *[(a.label, a) for a in BreachAction]],
            b.action if b else None,
        )
        self.action_on = date_field(b.action_on if b else None)
        self.notes = text_box("What was done, meetings held, letters sent", 60)
        self.notes.setPlainText(b.action_notes if b else "")
        self.status = QComboBox()
        fill_combo(self.status, [(s.label, s) for s in BreachStatus], b.status if b else None)
        self.closed = date_field(b.closed_on if b else None)
        cite = version_citations(ctx.db, version)
        staff, volunteers = cite.numbers(D.STAFF_BREACHES), cite.numbers(D.VOLUNTEER_BREACHES)
        section(
            form,
            f"Action ({staff + ': ' if staff else ''}the disciplinary process for staff and "
            f"trustees; {volunteers + ': ' if volunteers else ''}a volunteer may be asked to leave)",
        )
        form.addRow("&Action", self.action)
        form.addRow(f"Action da&te ({DATE_HINT})", self.action_on)
        form.addRow("&Notes", self.notes)
        form.addRow("&Status", self.status)
        form.addRow(f"C&losed on ({DATE_HINT})", self.closed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(form_buttons(self, "Save" if b else "Record breach", self.save))
        self.setMinimumWidth(640)

    def submit(self) -> BreachRecord:
        data = BreachInput(
            read_date(self.occurred, "Date"),
            combo_value(self.person),
            self.clauses.chosen(),
            self.what.toPlainText(),
            self.reported_by.text(),
            combo_value(self.action),
            read_date(self.action_on, "Action date"),
            self.notes.toPlainText(),
            combo_value(self.status),
            read_date(self.closed, "Closed on"),
        )
        breach_id = self.breach.id if self.breach else None
        return breaches.save_breach(self.ctx.db, self.ctx.actor, breach_id, data)
