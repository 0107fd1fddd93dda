"""Dialogs of the Reviews tab: an action (what, owner, due), an action done, the Vice Chair's
sign-off, and one checklist template item."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.enums import Office
from hsdesk.domain.review_records import (
    ActionInput,
    ActionRecord,
    ReviewDetails,
    TemplateInput,
    TemplateItem,
)
from hsdesk.domain.wording import counted
from hsdesk.services.policy.duties import current_citations
from hsdesk.services.reviews import actions, signoff
from hsdesk.services.reviews import template as review_template
from hsdesk.ui.colours import BAD, ink
from hsdesk.ui.common import (
    combo_value,
    fill_combo,
    hint_label,
    read_date,
    set_date,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.policy.clause_list import ClauseList
from hsdesk.ui.signoff_box import SignOffBox, SignOffDialog


def _buttons(dialog: GuardedDialog, label: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
    return buttons


class ActionDialog(FormDialog[ActionRecord]):
    """A new action on a review, optionally tied to one checklist item."""

    refusal_title = "Action not added"

    def __init__(
        self,
        ctx: AppContext,
        review: ReviewDetails,
        item_id: int | None,
        item_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.review, self.item_id = ctx, review, item_id
        self.setWindowTitle("Add an action")
        about = QLabel(f"For: <b>{item_label}</b>")
        about.setWordWrap(True)
        self.what = QPlainTextEdit()
        self.what.setPlaceholderText("What is to be done, e.g. 'Update the opening times'")
        self.what.setFixedHeight(80)
        self.owner = QComboBox()
        owners = [(name, pid) for pid, name in actions.action_owners(ctx.db)]
        fill_combo(self.owner, owners, ctx.actor.person_id)
        self.due = QLineEdit()
        set_date(self.due, clock.today() + timedelta(days=28))
        form = QFormLayout()
        form.addRow("&What", self.what)
        form.addRow("&Owner", self.owner)
        form.addRow("&Due by (dd/mm/yyyy)", self.due)
        buttons = _buttons(self, "Add action")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.resize(480, 260)

    def submit(self) -> ActionRecord:
        data = ActionInput(
            self.what.toPlainText(),
            int(combo_value(self.owner) or 0),
            read_date(self.due, "Due by"),
            self.item_id,
        )
        return actions.add_action(self.ctx.db, self.ctx.actor, self.review.id, data)


class ActionDoneDialog(FormDialog[ActionRecord]):
    refusal_title = "Not recorded"

    def __init__(self, ctx: AppContext, action: ActionRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.action = ctx, action
        self.setWindowTitle("Action done")
        about = QLabel(
            f"<b>{action.what}</b><br>Owner: {action.owner_name}, raised in {action.raised_in}"
        )
        about.setWordWrap(True)
        self.done_on = QLineEdit()
        set_date(self.done_on, clock.today())
        self.note = QLineEdit(placeholderText="How it was done (optional)")
        form = QFormLayout()
        form.addRow("&Done on (dd/mm/yyyy)", self.done_on)
        form.addRow("&Note", self.note)
        buttons = _buttons(self, "Record done")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)

    def submit(self) -> ActionRecord:
        return actions.complete_action(
            self.ctx.db,
            self.ctx.actor,
            self.action.id,
            read_date(self.done_on, "Done on"),
            self.note.text(),
        )


class SignoffDialog(SignOffDialog[ReviewDetails]):
    """The Vice Chair signs with their own username and password, whoever is signed in."""

    refusal_title = "Not signed off"

    def __init__(self, ctx: AppContext, review: ReviewDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.review = ctx, review
        self.setWindowTitle(f"Sign off the review of {review.name}")
        problems = signoff.signoff_blockers(review)
        open_actions = sum(1 for a in review.actions if a.is_open)
        n = len(problems)
        waiting = (
            f"<br><span style='color:{ink(BAD)}'>{counted(n, 'item')} still "
            f"{'needs' if n == 1 else 'need'} an answer, a note or an action: the sign-off will "
            f"be refused until {'it has' if n == 1 else 'they have'} one.</span>"
        )
        raised = counted(len(review.actions), "action")
        intro = QLabel(
            f"<b>{review.title}</b><br>{review.summary}; {raised} raised, {open_actions} open."
            "<br>After sign-off the review cannot be changed." + (waiting if problems else "")
        )
        intro.setWordWrap(True)
        self.signoff = SignOffBox(Office.VICE_CHAIR, ctx)
        buttons = _buttons(self, "Sign off")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.signoff)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        assert self.signoff.signature is not None
        self.signoff.signature.changed.connect(self._mark_dirty)

    def submit(self) -> ReviewDetails:
        signer = self.signoff.value()
        given = signoff.ReviewSignoff(
            signer.username, signer.password, self.signoff.signature_choice()
        )
        return signoff.sign_off(self.ctx.db, self.ctx.actor, self.review.id, given)


class TemplateItemDialog(FormDialog[TemplateItem]):
    refusal_title = "Not saved"

    def __init__(
        self, ctx: AppContext, item: TemplateItem | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setWindowTitle("Checklist item" if item else "New checklist item")
        self.text = QLineEdit(item.text if item else "")
        cite = current_citations(ctx.db)
        self.clauses = ClauseList(
            list(cite.clauses.items()), item.clauses.split(", ") if item else (), 130
        )
        self.clauses.setAccessibleName(f"Clauses of {cite.label or 'the adopted policy'}")
        self.guidance = QPlainTextEdit(item.guidance if item else "")
        self.guidance.setFixedHeight(90)
        self.per_channel = QCheckBox("Ask this &for each channel")
        self.per_channel.setChecked(item.per_channel if item else True)
        self.per_channel.setEnabled(item is None or item.auto is None)
        form = QFormLayout()
        form.addRow("&Question", self.text)
        form.addRow("&Clauses it checks", self.clauses)
        form.addRow("&Guidance", self.guidance)
        form.addRow("", self.per_channel)
        note = hint_label(
            "Changes apply to reviews begun from now on; reviews already begun keep the "
            "checklist they started with."
        )
        buttons = _buttons(self, "Save")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.resize(620, 380)

    def submit(self) -> TemplateItem:
        data = TemplateInput(
            self.per_channel.isChecked(),
            ", ".join(self.clauses.chosen()),
            self.text.text(),
            self.guidance.toPlainText(),
        )
        if self.item is None:
            return review_template.add_item(self.ctx.db, self.ctx.actor, data)
        return review_template.edit_item(self.ctx.db, self.ctx.actor, self.item.id, data)
