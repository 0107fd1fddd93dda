"""Dialogs for the complaints register: a complaint and its private reply, and the takedown of the
post it was about."""

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_datetime
from hsdesk.domain.duties import D
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.register_records import ComplaintInput, ComplaintRecord
from hsdesk.domain.registers import ReplyMethod
from hsdesk.services.content.channels import list_channels
from hsdesk.services.people.persons import list_people
from hsdesk.services.policy.duties import version_citations
from hsdesk.services.registers import complaints, reply_time
from hsdesk.ui.common import (
    combo_value,
    fill_combo,
    hint_label,
    read_date,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.registers.fields import (
    DATE_HINT,
    TIME_HINT,
    date_field,
    form_buttons,
    labelled,
    read_time,
    section,
    text_box,
    time_field,
)


def _person_choices(ctx: AppContext) -> list[tuple[str, int | None]]:
    """Who can have replied for the scheme: staff and trustees."""
    people = list_people(ctx.db, {PersonKind.STAFF, PersonKind.TRUSTEE})
    return [("— nobody yet —", None)] + [(p.full_name, p.id) for p in people]


class ComplaintDialog(FormDialog[ComplaintRecord]):
    """Log a complaint seen on a channel, then its private reply, reference, outcome, closing."""

    refusal_title = "Complaint not saved"

    def __init__(
        self,
        ctx: AppContext,
        complaint: ComplaintRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.complaint = ctx, complaint
        c = complaint
        self.setWindowTitle(f"Complaint {c.reference}" if c else "Log a complaint")
        self.seen, seen_row = time_field(c.seen_at if c else None)
        self.channel = QComboBox()
        fill_combo(
            self.channel,
            [
                (ch.name, ch.id)
                for ch in list_channels(ctx.db)
                if ch.active or (c and ch.id == c.channel_id)
            ],
            c.channel_id if c else None,
        )
        self.where = QLineEdit(c.where if c else "")
        self.where.setPlaceholderText("Link to the post or comment, or where it was seen")
        self.summary = text_box(
            "What the complaint is about, with no more personal detail than needed"
        )
        self.summary.setPlainText(c.summary if c else "")
        form = QFormLayout()
        section(form, "The complaint")
        labelled(form, f"&Seen on ({TIME_HINT})", self.seen, seen_row)
        form.addRow("&Channel", self.channel)
        form.addRow("&Where", self.where)
        form.addRow("S&ummary", self.summary)

        self.replied_by = QComboBox()
        fill_combo(self.replied_by, _person_choices(ctx), c.replied_by_id if c else None)
        self.replied_at, replied_row = time_field(c.replied_at if c else None)
        self.method = QComboBox()
        fill_combo(
            self.method,
            [("— not yet —", None), *[(m.label, m) for m in ReplyMethod]],
            c.method if c else None,
        )
        cited = version_citations(ctx.db, c.policy_version_id if c else None).numbers(D.COMPLAINTS)
        section(form, f"Private reply ({cited + ': ' if cited else ''}answer at once, privately)")
        form.addRow("&Replied by", self.replied_by)
        labelled(form, f"Replied &on ({TIME_HINT})", self.replied_at, replied_row)
        form.addRow("&How", self.method)
        hours = reply_time.reply_hours(ctx.db)
        form.addRow(
            hint_label(f"A private reply is due within {hours} hours of the complaint being seen.")
        )

        self.reference = QLineEdit(c.procedure_ref if c else "")
        self.reference.setPlaceholderText("e.g. CP-2026-07")
        self.outcome = text_box("What the complaints procedure decided, or what was done", 60)
        self.outcome.setPlainText(c.outcome if c else "")
        self.closed = date_field(c.closed_on if c else None)
        section(form, "Complaints procedure")
        form.addRow("Re&ference", self.reference)
        form.addRow("Ou&tcome", self.outcome)
        form.addRow(f"C&losed on ({DATE_HINT})", self.closed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(form_buttons(self, "Save" if c else "Log complaint", self.save))
        self.setMinimumWidth(560)
        (self.replied_by if c else self.seen).setFocus()

    def submit(self) -> ComplaintRecord:
        data = ComplaintInput(
            read_time(self.seen, "Seen on"),
            combo_value(self.channel),
            self.where.text(),
            self.summary.toPlainText(),
            combo_value(self.replied_by),
            read_time(self.replied_at, "Replied on"),
            combo_value(self.method),
            self.reference.text(),
            self.outcome.toPlainText(),
            read_date(self.closed, "Closed on"),
        )
        complaint_id = self.complaint.id if self.complaint else None
        return complaints.save_complaint(self.ctx.db, self.ctx.actor, complaint_id, data)


class ComplaintTakedownDialog(FormDialog[ComplaintRecord]):
    """Ask for the post a complaint is about to be taken down, linked to the complaint."""

    refusal_title = "Takedown not asked for"

    def __init__(
        self, ctx: AppContext, complaint: ComplaintRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.complaint = ctx, complaint
        self.setWindowTitle(f"Take down the post complaint {complaint.reference} is about")
        about = QLabel(
            f"<b>{complaint.reference}</b>, seen on {escape(complaint.channel_name)} "
            f"{format_datetime(complaint.seen_at)}: {escape(complaint.summary)}"
        )
        about.setWordWrap(True)
        self.item = QComboBox()
        items = complaints.live_items(ctx.db, complaint.channel_id)
        self.going = {i for i, _title, going in items if going}
        fill_combo(
            self.item,
            [
                (f"#{i} {title}" + (" (takedown already asked for)" if going else ""), i)
                for i, title, going in items
            ],
            complaint.item_id,
        )
        self.details = text_box("Why it must come down (the VDO and the trustees read this)")
        self.details.setPlainText(complaint.summary)
        form = QFormLayout()
        form.addRow("&Post online", self.item)
        form.addRow("&Why", self.details)
        self.hint = hint_label()
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        buttons = form_buttons(self, "Ask for the takedown", self.save)
        layout.addWidget(buttons)
        self.go = next(
            b
            for b in buttons.buttons()
            if buttons.buttonRole(b) is QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.setMinimumWidth(520)
        self.empty = not items
        if self.empty:
            self.hint.setText(
                "Nothing of the scheme's is online now, so there is no post to take down. If the "
                "post was never recorded in hsdesk, ask the Volunteer Development Officer to "
                "remove it and note that in the complaint's outcome."
            )
            self.item.setEnabled(False)
            self.go.setEnabled(False)
        self.item.currentIndexChanged.connect(lambda _i: self._explain())
        self._explain()

    def _explain(self) -> None:
        if self.empty:
            return
        if combo_value(self.item) in self.going:
            self.hint.setText(
                "This post's takedown is already asked for, so it is not asked for again: the "
                "complaint is linked to it and shows when it was done."
            )
            self.details.setEnabled(False)
            self.go.setText("Link to that takedown")
        else:
            self.hint.setText(
                "The Volunteer Development Officer takes it down and records it done in Content "
                "→ Takedowns; the complaint shows when it was."
            )
            self.details.setEnabled(True)
            self.go.setText("Ask for the takedown")

    def submit(self) -> ComplaintRecord:
        item_id = combo_value(self.item)
        if item_id is None:
            raise ValidationError("Nothing is online now, so there is no post to take down.")
        return complaints.take_down_post(
            self.ctx.db, self.ctx.actor, self.complaint.id, item_id, self.details.toPlainText()
        )
