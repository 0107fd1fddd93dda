"""Dialogs of the Registers tab: a complaint and its private reply, the takedown of the post it was
about, a breach record, a declared connection and its yearly re-confirmation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_datetime, parse_datetime
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import HsdeskError, ValidationError
from hsdesk.domain.register_records import (
    BreachInput,
    BreachRecord,
    ComplaintInput,
    ComplaintRecord,
    ConnectionInput,
    ConnectionRecord,
)
from hsdesk.domain.registers import BreachAction, BreachStatus, ReplyMethod
from hsdesk.services import breaches, complaints, connections
from hsdesk.services.channels import list_channels
from hsdesk.services.people import list_people
from hsdesk.ui.common import (
    GuardedDialog,
    combo_value,
    fill_combo,
    read_date,
    set_date,
    show_error,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.signals import emit

DATE_HINT = "dd/mm/yyyy"
TIME_HINT = "dd/mm/yyyy hh:mm"


def _buttons(dialog: GuardedDialog, label: str, save: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
    dialog.wire_form(buttons, save)
    return buttons


def _text_box(placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


def _time_field(value: datetime | None) -> tuple[QLineEdit, QHBoxLayout]:
    """A dd/mm/yyyy hh:mm field with a Now button beside it."""
    edit = QLineEdit(format_datetime(value))
    edit.setPlaceholderText(TIME_HINT)
    now = QPushButton("Now")
    now.setAutoDefault(False)

    def fill() -> None:
        edit.setText(format_datetime(datetime.now()))
        emit(edit.textEdited, edit.text())  # counts as typing: closing asks before losing it

    now.clicked.connect(fill)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(now)
    return edit, row


def _section(form: QFormLayout, title: str) -> None:
    """A heading inside one form, so every label of the dialog lines up."""
    label = QLabel(f"<b>{escape(title)}</b>")
    label.setWordWrap(True)
    if form.rowCount():
        label.setContentsMargins(0, 10, 0, 0)
    form.addRow(label)


def _labelled(form: QFormLayout, text: str, buddy: QWidget, field: QHBoxLayout) -> None:
    label = QLabel(text)
    label.setBuddy(buddy)  # the & shortcut reaches the field even beside its Now button
    form.addRow(label, field)


def _read_time(edit: QLineEdit, field: str) -> datetime | None:
    return parse_datetime(edit.text(), field)


def _date_field(value: date | None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(DATE_HINT)
    set_date(edit, value)
    return edit


def _person_choices(ctx: AppContext) -> list[tuple[str, int | None]]:
    """Who can have replied for the scheme: staff and trustees."""
    people = list_people(ctx.db, {PersonKind.STAFF, PersonKind.TRUSTEE})
    return [("— nobody yet —", None)] + [(p.full_name, p.id) for p in people]


class ComplaintDialog(GuardedDialog):
    """Log a complaint seen on a channel, then its private reply, reference, outcome, closing."""

    def __init__(
        self,
        ctx: AppContext,
        complaint: ComplaintRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.complaint = ctx, complaint
        self.saved: ComplaintRecord | None = None
        c = complaint
        self.setWindowTitle(f"Complaint {c.reference}" if c else "Log a complaint")
        self.seen, seen_row = _time_field(c.seen_at if c else None)
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
        self.summary = _text_box(
            "What the complaint is about, with no more personal detail than needed"
        )
        self.summary.setPlainText(c.summary if c else "")
        form = QFormLayout()
        _section(form, "The complaint")
        _labelled(form, f"&Seen on ({TIME_HINT})", self.seen, seen_row)
        form.addRow("&Channel", self.channel)
        form.addRow("&Where", self.where)
        form.addRow("S&ummary", self.summary)

        self.replied_by = QComboBox()
        fill_combo(self.replied_by, _person_choices(ctx), c.replied_by_id if c else None)
        self.replied_at, replied_row = _time_field(c.replied_at if c else None)
        self.method = QComboBox()
        fill_combo(
            self.method,
            [("— not yet —", None), *[(m.label, m) for m in ReplyMethod]],
            c.method if c else None,
        )
        _section(form, "Private reply (clause 1.7: answer at once, privately)")
        form.addRow("&Replied by", self.replied_by)
        _labelled(form, f"Replied &on ({TIME_HINT})", self.replied_at, replied_row)
        form.addRow("&How", self.method)
        hours = complaints.reply_hours(ctx.db)
        hint = QLabel(f"A private reply is due within {hours} hours of the complaint being seen.")
        hint.setStyleSheet("color: #5b6170")
        form.addRow(hint)

        self.reference = QLineEdit(c.procedure_ref if c else "")
        self.reference.setPlaceholderText("e.g. CP-2026-07")
        self.outcome = _text_box("What the complaints procedure decided, or what was done", 60)
        self.outcome.setPlainText(c.outcome if c else "")
        self.closed = _date_field(c.closed_on if c else None)
        _section(form, "Complaints procedure")
        form.addRow("Re&ference", self.reference)
        form.addRow("Ou&tcome", self.outcome)
        form.addRow(f"C&losed on ({DATE_HINT})", self.closed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save" if c else "Log complaint", self.save))
        self.setMinimumWidth(560)
        (self.replied_by if c else self.seen).setFocus()

    def save(self) -> None:
        try:
            data = ComplaintInput(
                _read_time(self.seen, "Seen on"),
                combo_value(self.channel),
                self.where.text(),
                self.summary.toPlainText(),
                combo_value(self.replied_by),
                _read_time(self.replied_at, "Replied on"),
                combo_value(self.method),
                self.reference.text(),
                self.outcome.toPlainText(),
                read_date(self.closed, "Closed on"),
            )
            complaint_id = self.complaint.id if self.complaint else None
            self.saved = complaints.save_complaint(self.ctx.db, self.ctx.actor, complaint_id, data)
        except HsdeskError as exc:
            show_error(self, exc, "Complaint not saved")
            return
        self.accept()


class ComplaintTakedownDialog(GuardedDialog):
    """Ask for the post a complaint is about to be taken down, linked to the complaint."""

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
        self.details = _text_box("Why it must come down (the VDO and the trustees read this)")
        self.details.setPlainText(complaint.summary)
        form = QFormLayout()
        form.addRow("&Post online", self.item)
        form.addRow("&Why", self.details)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5b6170")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        buttons = _buttons(self, "Ask for the takedown", self.save)
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

    def save(self) -> None:
        try:
            item_id = combo_value(self.item)
            if item_id is None:
                raise ValidationError("Nothing is online now, so there is no post to take down.")
            complaints.take_down_post(
                self.ctx.db, self.ctx.actor, self.complaint.id, item_id, self.details.toPlainText()
            )
        except HsdeskError as exc:
            show_error(self, exc, "Takedown not asked for")
            return
        self.accept()


class BreachDialog(GuardedDialog):
    """A breach record: who, when, the clauses breached, what happened, the action and status."""

    def __init__(
        self, ctx: AppContext, breach: BreachRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.breach = ctx, breach
        self.saved: BreachRecord | None = None
        b = breach
        self.setWindowTitle(f"Breach record {b.reference}" if b else "Record a breach")
        self.occurred = _date_field(b.occurred_on if b else None)
        self.person = QComboBox()
        fill_combo(
            self.person,
            [
                ("— choose —", None),
                *[(n, i) for i, n in breaches.people_involved(ctx.db, ctx.actor)],
            ],
            b.person_id if b else None,
        )
        self.clauses = QListWidget()
        chosen = set(b.clauses) if b else set()
        for number, text in breaches.policy_clauses(ctx.db, ctx.actor):
            row = QListWidgetItem(f"{number}  {text}")
            row.setData(Qt.ItemDataRole.UserRole, number)
            row.setToolTip(text)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(
                Qt.CheckState.Checked if number in chosen else Qt.CheckState.Unchecked
            )
            self.clauses.addItem(row)
        self.clauses.setFixedHeight(150)
        self.clauses.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clauses.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.clauses.itemChanged.connect(self._mark_dirty)
        self.what = _text_box("What happened (confidential)", 80)
        self.what.setPlainText(b.what if b else "")
        self.reported_by = QLineEdit(b.reported_by if b else "")
        self.reported_by.setPlaceholderText("Who reported it")
        form = QFormLayout()
        _section(form, "The breach")
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
        self.action_on = _date_field(b.action_on if b else None)
        self.notes = _text_box("What was done, meetings held, letters sent", 60)
        self.notes.setPlainText(b.action_notes if b else "")
        self.status = QComboBox()
        fill_combo(self.status, [(s.label, s) for s in BreachStatus], b.status if b else None)
        self.closed = _date_field(b.closed_on if b else None)
        _section(
            form,
            "Action (2.7: the disciplinary process for staff and trustees; 3.6: a volunteer may "
            "be asked to leave)",
        )
        form.addRow("&Action", self.action)
        form.addRow(f"Action &date ({DATE_HINT})", self.action_on)
        form.addRow("&Notes", self.notes)
        form.addRow("&Status", self.status)
        form.addRow(f"C&losed on ({DATE_HINT})", self.closed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save" if b else "Record breach", self.save))
        self.setMinimumWidth(640)

    def _clauses(self) -> tuple[str, ...]:
        rows = (self.clauses.item(n) for n in range(self.clauses.count()))
        return tuple(
            r.data(Qt.ItemDataRole.UserRole)
            for r in rows
            if r.checkState() == Qt.CheckState.Checked
        )

    def save(self) -> None:
        try:
            data = BreachInput(
                read_date(self.occurred, "Date"),
                combo_value(self.person),
                self._clauses(),
                self.what.toPlainText(),
                self.reported_by.text(),
                combo_value(self.action),
                read_date(self.action_on, "Action date"),
                self.notes.toPlainText(),
                combo_value(self.status),
                read_date(self.closed, "Closed on"),
            )
            breach_id = self.breach.id if self.breach else None
            self.saved = breaches.save_breach(self.ctx.db, self.ctx.actor, breach_id, data)
        except HsdeskError as exc:
            show_error(self, exc, "Breach record not saved")
            return
        self.accept()


class ConnectionDialog(GuardedDialog):
    """A link from before someone's involvement, declared under clause 4.1."""

    def __init__(
        self,
        ctx: AppContext,
        connection: ConnectionRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.connection = ctx, connection
        self.saved: ConnectionRecord | None = None
        c = connection
        self.setWindowTitle("Declared connection" if c else "Declare a connection")
        self.person = QComboBox()
        fill_combo(
            self.person,
            [
                ("— choose —", None),
                *[(n, i) for i, n in connections.people_choices(ctx.db, ctx.actor, True)],
            ],
            c.person_id if c else None,
        )
        self.other = QComboBox()
        fill_combo(
            self.other,
            [
                ("— choose —", None),
                *[(n, i) for i, n in connections.people_choices(ctx.db, ctx.actor, False)],
            ],
            c.other_id if c else None,
        )
        for combo in (self.person, self.other):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.nature = QLineEdit(c.relationship if c else "")
        self.nature.setPlaceholderText("e.g. friends from school, cousins, neighbours")
        self.place = QComboBox()
        self.place.setEditable(True)
        self.place.addItems(connections.PLACES)
        self.place.setCurrentText(c.where if c else "Facebook")
        self.since = QLineEdit(str(c.since_year) if c and c.since_year else "")
        self.since.setPlaceholderText("year, e.g. 2012 (leave empty if not known)")
        self.declared = _date_field(c.declared_on if c else date.today())
        self.ended = _date_field(c.ended_on if c else None)
        self.ended.setPlaceholderText(f"{DATE_HINT}, only when the link has ended")
        self.notes = _text_box("Anything agreed, e.g. 'will not discuss the scheme online'", 60)
        self.notes.setPlainText(c.notes if c else "")
        form = QFormLayout()
        form.addRow("&Declared by", self.person)
        form.addRow("Connected &with", self.other)
        form.addRow("&Link", self.nature)
        form.addRow("Wh&ere", self.place)
        form.addRow("&Since", self.since)
        form.addRow(f"Declared &on ({DATE_HINT})", self.declared)
        form.addRow(f"&Ended on ({DATE_HINT})", self.ended)
        form.addRow("&Notes", self.notes)
        about = QLabel(
            "Clause 4.1: friendships from before someone's involvement may continue. Declare them "
            "so a later concern can be judged fairly; they are confirmed again every year."
        )
        about.setWordWrap(True)
        about.setStyleSheet("color: #5b6170")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save" if c else "Declare", self.save))
        self.setMinimumWidth(560)
        self.place.currentTextChanged.connect(self._mark_dirty)

    def save(self) -> None:
        try:
            year = self.since.text().strip()
            if year and not (year.isascii() and year.isdigit()):
                raise ValidationError(
                    f"'Since' should be a year, e.g. 2012, not '{year}'. Leave it empty if nobody "
                    "knows."
                )
            data = ConnectionInput(
                combo_value(self.person),
                combo_value(self.other),
                self.nature.text(),
                self.place.currentText(),
                int(year) if year else None,
                read_date(self.declared, "Declared on"),
                self.notes.toPlainText(),
                read_date(self.ended, "Ended on"),
            )
            connection_id = self.connection.id if self.connection else None
            self.saved = connections.save_connection(
                self.ctx.db, self.ctx.actor, connection_id, data
            )
        except HsdeskError as exc:
            show_error(self, exc, "Declaration not saved")
            return
        self.accept()


class ReconfirmDialog(GuardedDialog):
    def __init__(
        self, ctx: AppContext, connection: ConnectionRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.connection = ctx, connection
        self.setWindowTitle("Confirm the connection again")
        about = QLabel(
            f"<b>{escape(connection.person_name)}</b> and <b>{escape(connection.other_name)}</b>: "
            f"{escape(connection.relationship)}, on {escape(connection.where)}.<br>Ask whether the link still "
            "stands as declared. If it has changed, edit the declaration instead; if it has "
            "ended, give the date it ended there."
        )
        about.setWordWrap(True)
        self.on = _date_field(date.today())
        form = QFormLayout()
        form.addRow(f"&Confirmed on ({DATE_HINT})", self.on)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Confirm", self.save))
        self.setMinimumWidth(460)

    def save(self) -> None:
        try:
            connections.reconfirm(
                self.ctx.db, self.ctx.actor, self.connection.id, read_date(self.on, "Confirmed on")
            )
        except HsdeskError as exc:
            show_error(self, exc, "Not confirmed")
            return
        self.accept()
