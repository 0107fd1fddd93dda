"""The Registers tab's complaints page: complaints raised online, their private
replies and how long they took, and the takedown of the post a complaint is about."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.register_records import ComplaintRecord
from hsdesk.domain.registers import COMPLAINT_COLOURS, ComplaintState
from hsdesk.services.registers import complaints
from hsdesk.services.registers import exports as register_exports
from hsdesk.ui.common import allow, export_csv_file, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.record_table import Column
from hsdesk.ui.registers.page import NEWEST, RED, RegisterPage, facts

COMPLAINT_COLUMNS: list[Column[ComplaintRecord]] = [
    Column("Ref", lambda c: c.reference, sort=lambda c: c.id),
    Column("Seen", lambda c: c.seen_at),
    Column("Channel", lambda c: c.channel_name),
    Column("Status", lambda c: c.state.label, colour=lambda c: COMPLAINT_COLOURS[c.state]),
    Column(
        "Reply time",
        lambda c: c.reply_time,
        tooltip=lambda c: "Time from being seen to the private reply",
        colour=lambda c: RED if c.late else None,
        sort=lambda c: ((c.replied_at or c.seen_at) - c.seen_at).total_seconds(),
    ),
    Column("Replied by", lambda c: c.replied_by),
    Column("How", lambda c: c.method.label if c.method else ""),
    Column("Closed", lambda c: c.closed_on),
    Column("Summary", lambda c: c.summary, tooltip=lambda c: c.summary),
]
_OPEN = {ComplaintState.WAITING, ComplaintState.OVERDUE, ComplaintState.ANSWERED}
COMPLAINT_SHOWS: list[tuple[str, Callable[[ComplaintRecord], bool]]] = [
    ("Open", lambda c: c.state in _OPEN),
    ("Awaiting a private reply", lambda c: c.replied_at is None and c.closed_on is None),
    ("Closed", lambda c: c.state is ComplaintState.CLOSED),
    ("All", lambda c: True),
]


class ComplaintsPage(RegisterPage[ComplaintRecord]):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "complaints", COMPLAINT_COLUMNS, COMPLAINT_SHOWS, lambda c: c.id, NEWEST, parent
        )
        self.ctx = ctx
        self.can_record = allowed(ctx.actor, Permission.RECORD_COMPLAINTS) and (
            ctx.db.read_only is None
        )
        self.log_button = push_button("&Log a complaint…", self.log_complaint)
        self.adding = self.log_button
        self.reply_button = push_button("Record the private &reply…", self.edit_complaint)
        self.edit_button = push_button("&Edit…", self.edit_complaint)
        self.takedown_button = push_button("&Take down the post…", self.take_down)
        self.csv_button = push_button("E&xport CSV…", self.export_csv)
        for button in (self.log_button, self.reply_button, self.edit_button, self.takedown_button):
            button.setVisible(self.can_record)
        self.add_buttons(
            [self.log_button, self.reply_button, self.edit_button, self.takedown_button],
            [self.csv_button],
        )
        self.csv_button.setVisible(allowed(ctx.actor, Permission.RECORD_COMPLAINTS))
        if self.can_record:
            self.table.activated_record.connect(lambda _r: self.edit_complaint())

    def refresh(self, select: int | None = None) -> None:
        db = self.ctx.db
        self.reads.start(
            lambda: complaints.list_complaints(db), lambda found: self.set_records(found, select)
        )

    def describe(self, c: ComplaintRecord | None) -> None:
        pick = "" if c is not None else "Choose a complaint in the list first."
        replied = c is not None and (c.replied_at is not None or bool(c.closed_on))
        allow(self.reply_button, pick or ("Already answered or closed." if replied else ""))
        allow(self.edit_button, pick)
        taking = c is not None and c.takedown_open
        allow(self.takedown_button, pick or ("A takedown is already open." if taking else ""))
        if c is None:
            self.title.setText("Choose a complaint, or log a new one.")
            self.body.setText("")
            return
        self.title.setText(f"{c.reference} on {c.channel_name}: {c.state.label}")
        reply = ""
        if c.replied_at is not None:
            how = c.method.label.lower() if c.method else ""
            late = " — over the time allowed" if c.late else ""
            reply = (
                f"{format_datetime(c.replied_at)} by {c.replied_by}, {how}, after "
                f"{c.reply_time}{late}"
            )
        elif c.closed_on is None:
            reply = f"Not yet — {c.reply_time}"
        self.body.setText(
            facts(
                [
                    ("Seen", format_datetime(c.seen_at)),
                    ("Where", c.where),
                    ("Summary", c.summary),
                    ("Private reply", reply),
                    ("Procedure ref.", c.procedure_ref),
                    ("Outcome", c.outcome),
                    ("Closed", format_date(c.closed_on)),
                    ("Takedown", c.takedown),
                    ("Logged by", f"{c.recorded_by}, {format_datetime(c.recorded_at)}"),
                ]
            )
        )

    def log_complaint(self) -> None:
        from hsdesk.ui.registers.complaint_dialogs import ComplaintDialog

        self.run_dialog(ComplaintDialog(self.ctx, None, self))

    def edit_complaint(self) -> None:
        from hsdesk.ui.registers.complaint_dialogs import ComplaintDialog

        current = self.selected()
        if current is not None:
            self.run_dialog(ComplaintDialog(self.ctx, current, self), current.id)

    def take_down(self) -> None:
        from hsdesk.ui.registers.complaint_dialogs import ComplaintTakedownDialog

        current = self.selected()
        if current is not None:
            self.run_dialog(ComplaintTakedownDialog(self.ctx, current, self), current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the complaints register",
            "complaints",
            lambda path, steps: register_exports.export_complaints_csv(
                self.ctx.db, self.ctx.actor, path, steps
            ),
        )
