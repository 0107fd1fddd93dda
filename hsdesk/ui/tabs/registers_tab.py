"""Registers tab: complaints raised online and their private replies (1.7), declared connections
(4.1, with the boundary rules of 2.5, 2.6, 3.3 and 3.4), and, only for those who handle them,
breaches (2.7, 3.6). Each is a list with the selected record's details beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.register_records import BreachRecord, ComplaintRecord, ConnectionRecord
from hsdesk.domain.registers import (
    BREACH_COLOURS,
    BREACHES_PAGE,
    COMPLAINT_COLOURS,
    COMPLAINTS_PAGE,
    CONNECTIONS_PAGE,
    BreachStatus,
    ComplaintState,
)
from hsdesk.services import breaches, complaints, connections, register_exports
from hsdesk.ui.common import ask, combo_value, export_csv_file, fill_combo, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.models.record_table import Column
from hsdesk.ui.table import RecordTable

R = TypeVar("R")
GREY = "#5b6170"
NEWEST = (1, Qt.SortOrder.DescendingOrder)  # by the date column, until the user sorts otherwise
RED = "#a61b1b"


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:{GREY}; padding-right:10px'>{escape(label)}</td>"
        f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in rows
        if value
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


class RegisterPage(QWidget, Generic[R]):
    """A searchable list with a "Show" filter, buttons, and the selected record's details."""

    def __init__(
        self,
        key: str,
        columns: Sequence[Column[R]],
        shows: Sequence[tuple[str, Callable[[R], bool]]],
        record_id: Callable[[R], int],
        sort: tuple[int, Qt.SortOrder],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.record_id = record_id
        self.search = QLineEdit(placeholderText="Find…")
        self.search.setClearButtonEnabled(True)
        self.show_filter = QComboBox()
        fill_combo(self.show_filter, shows)
        self.action_row = QHBoxLayout()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.show_filter)
        self.table: RecordTable[R] = RecordTable(
            columns, f"registers-{key}", self, default_sort=sort
        )
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600")
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        panel = QWidget()
        inner = QVBoxLayout(panel)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 400])
        state = QSettings().value(f"registers/{key}-splitter")
        if state is not None:
            self.splitter.restoreState(state)
        layout = self.page_layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(self.action_row)
        layout.addWidget(self.splitter, 1)
        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.table.selection_changed.connect(lambda _r: self.show_selected())
        self.table.proxy.set_predicate(combo_value(self.show_filter))

    def add_buttons(self, buttons: Sequence[QPushButton], right: Sequence[QPushButton]) -> None:
        for button in buttons:
            self.action_row.addWidget(button)
        self.action_row.addStretch(1)
        for button in right:
            self.action_row.addWidget(button)

    def _filter(self) -> None:
        self.table.proxy.set_predicate(combo_value(self.show_filter))
        self.show_selected()

    def set_records(self, records: Sequence[R], select: int | None = None) -> None:
        self.table.set_records(records, keep=self.record_id)
        if select is not None:
            self.table.select_where(lambda r: self.record_id(r) == select)
        if self.table.selected_record() is None and self.table.proxy.rowCount():
            self.table.selectRow(0)
        self.show_selected()

    def selected(self) -> R | None:
        return self.table.selected_record()

    def show_selected(self) -> None:
        record = self.selected()
        self.describe(record)

    def describe(self, record: R | None) -> None:  # filled in by each register
        raise NotImplementedError

    def save_state(self) -> None:
        self.table.save_state()
        QSettings().setValue(f"registers/{self.key}-splitter", self.splitter.saveState())


# --- complaints ----------------------------------------------------------------------------------

COMPLAINT_COLUMNS: list[Column[ComplaintRecord]] = [
    Column("Ref", lambda c: c.reference, sort=lambda c: c.id),
    Column("Seen", lambda c: c.seen_at),
    Column("Channel", lambda c: c.channel_name),
    Column("Status", lambda c: c.state.label, colour=lambda c: COMPLAINT_COLOURS[c.state]),
    Column(
        "Reply time",
        lambda c: c.reply_time,
        tooltip=lambda c: "Time from being seen to the private reply (clause 1.7)",
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
        self.set_records(complaints.list_complaints(self.ctx.db), select)

    def describe(self, c: ComplaintRecord | None) -> None:
        self.reply_button.setEnabled(c is not None and c.replied_at is None and not c.closed_on)
        self.edit_button.setEnabled(c is not None)
        self.takedown_button.setEnabled(c is not None and not c.takedown_open)
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
            _facts(
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
        from hsdesk.ui.dialogs.register_dialogs import ComplaintDialog

        dialog = ComplaintDialog(self.ctx, None, self)
        if ask(dialog) and dialog.saved is not None:
            self.refresh(dialog.saved.id)

    def edit_complaint(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import ComplaintDialog

        current = self.selected()
        if current is None:
            return
        dialog = ComplaintDialog(self.ctx, current, self)
        if ask(dialog):
            self.refresh(current.id)

    def take_down(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import ComplaintTakedownDialog

        current = self.selected()
        if current is None:
            return
        if ask(ComplaintTakedownDialog(self.ctx, current, self)):
            self.refresh(current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the complaints register",
            "complaints",
            lambda path: register_exports.export_complaints_csv(self.ctx.db, self.ctx.actor, path),
        )


# --- connections ---------------------------------------------------------------------------------

CONNECTION_COLUMNS: list[Column[ConnectionRecord]] = [
    Column("Declared by", lambda c: c.person_name, tooltip=lambda c: c.person_role),
    Column("Connected with", lambda c: c.other_name),
    Column("Their role", lambda c: c.other_role),
    Column(
        "Rules",
        lambda c: ", ".join(r.split(":")[0] for r in c.rules),
        tooltip=lambda c: "\n".join(c.rules),
        colour=lambda c: "#8a5a00" if c.rules else None,
    ),
    Column(
        "Confirm again by",
        lambda c: c.due_on,
        colour=lambda c: RED if c.due else None,
    ),
    Column("Link", lambda c: c.relationship),
    Column("Where", lambda c: c.where),
]
CONFIRM_COLUMN = 4
CONNECTION_SHOWS: list[tuple[str, Callable[[ConnectionRecord], bool]]] = [
    ("Current", lambda c: c.ended_on is None),
    ("Due to be confirmed again", lambda c: c.due),
    ("With a boundary rule to act on", lambda c: bool(c.rules)),
    ("All, including ended", lambda c: True),
]


class ConnectionsPage(RegisterPage[ConnectionRecord]):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "connections",
            CONNECTION_COLUMNS,
            CONNECTION_SHOWS,
            lambda c: c.id,
            (CONFIRM_COLUMN, Qt.SortOrder.AscendingOrder),  # the next to confirm again first
            parent,
        )
        self.ctx = ctx
        writable = ctx.db.read_only is None
        self.declare_button = push_button("&Declare a connection…", self.declare)
        self.edit_button = push_button("&Edit…", self.edit)
        self.confirm_button = push_button("&Confirm again…", self.reconfirm)
        self.csv_button = push_button("E&xport CSV…", self.export_csv)
        for button in (self.declare_button, self.edit_button, self.confirm_button):
            button.setVisible(writable)
        self.add_buttons(
            [self.declare_button, self.edit_button, self.confirm_button], [self.csv_button]
        )
        if writable:
            self.table.activated_record.connect(lambda _r: self.edit())

    def refresh(self, select: int | None = None) -> None:
        self.set_records(connections.list_connections(self.ctx.db, self.ctx.actor), select)

    def describe(self, c: ConnectionRecord | None) -> None:
        self.edit_button.setEnabled(c is not None)
        self.confirm_button.setEnabled(c is not None and c.ended_on is None)
        if c is None:
            self.title.setText("Choose a declaration, or declare a new connection.")
            self.body.setText("")
            return
        self.title.setText(f"{c.person_name} and {c.other_name}")
        due = format_date(c.due_on) + (" — due now" if c.due else "")
        facts = _facts(
            [
                ("Declared by", f"{c.person_name}, {c.person_role}"),
                ("Connected with", f"{c.other_name}, {c.other_role}"),
                ("Link", f"{c.relationship}, on {c.where}"),
                ("Since", str(c.since_year or "")),
                ("Declared", format_date(c.declared_on)),
                ("Last confirmed", format_date(c.reviewed_on)),
                ("Confirm again by", due),
                ("Ended", format_date(c.ended_on)),
                ("Notes", c.notes),
            ]
        )
        if c.rules:
            rules = "".join(f"<li>{escape(rule)}</li>" for rule in c.rules)
            facts += (
                "<p style='margin-top:10px'><b>Boundary rules that apply</b> — for the manager "
                f"to act on:</p><ul style='margin-top:0'>{rules}</ul>"
            )
        elif c.ended_on is None:
            facts += f"<p style='color:{GREY}'>No boundary rule of the policy applies.</p>"
        self.body.setText(facts)

    def declare(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import ConnectionDialog

        dialog = ConnectionDialog(self.ctx, None, self)
        if ask(dialog) and dialog.saved is not None:
            self.refresh(dialog.saved.id)

    def edit(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import ConnectionDialog

        current = self.selected()
        if current is not None and ask(ConnectionDialog(self.ctx, current, self)):
            self.refresh(current.id)

    def reconfirm(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import ReconfirmDialog

        current = self.selected()
        if current is not None and ask(ReconfirmDialog(self.ctx, current, self)):
            self.refresh(current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the declared connections",
            "connections",
            lambda path: register_exports.export_connections_csv(self.ctx.db, self.ctx.actor, path),
        )


# --- breaches ------------------------------------------------------------------------------------

BREACH_COLUMNS: list[Column[BreachRecord]] = [
    Column("Ref", lambda b: b.reference, sort=lambda b: b.id),
    Column("Date", lambda b: b.occurred_on),
    Column("Person concerned", lambda b: b.person_name),
    Column("Role then", lambda b: b.person_role),
    Column("Clauses", lambda b: ", ".join(b.clauses)),
    Column("Status", lambda b: b.status.label, colour=lambda b: BREACH_COLOURS[b.status]),
    Column("Action", lambda b: b.action.label if b.action else ""),
    Column("Action date", lambda b: b.action_on),
    Column("Closed", lambda b: b.closed_on),
]
BREACH_SHOWS: list[tuple[str, Callable[[BreachRecord], bool]]] = [
    ("Open", lambda b: b.status is not BreachStatus.CLOSED),
    ("Closed", lambda b: b.status is BreachStatus.CLOSED),
    ("All", lambda b: True),
]


class BreachesPage(RegisterPage[BreachRecord]):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("breaches", BREACH_COLUMNS, BREACH_SHOWS, lambda b: b.id, NEWEST, parent)
        self.ctx = ctx
        self.clause_text: dict[str, str] = {}
        writable = ctx.db.read_only is None
        self.record_button = push_button("&Record a breach…", self.record)
        self.edit_button = push_button("&Edit…", self.edit)
        self.csv_button = push_button("E&xport CSV…", self.export_csv)
        self.record_button.setVisible(writable)
        self.edit_button.setVisible(writable)
        self.add_buttons([self.record_button, self.edit_button], [self.csv_button])
        note = QLabel(
            "Confidential: seen only by the Scheme Development Manager, the Chair and "
            "administrators. The audit trail records changes without their content."
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {GREY}")
        self.page_layout.insertWidget(0, note)
        if writable:
            self.table.activated_record.connect(lambda _r: self.edit())

    def refresh(self, select: int | None = None) -> None:
        self.clause_text = dict(breaches.policy_clauses(self.ctx.db, self.ctx.actor))
        self.set_records(breaches.list_breaches(self.ctx.db, self.ctx.actor), select)

    def _clauses(self, numbers: Sequence[str]) -> str:
        """Each clause breached with the policy's words, so nobody has to look them up."""
        return "\n".join(
            f"• {n}: {self.clause_text[n]}" if n in self.clause_text else f"• {n}" for n in numbers
        )

    def describe(self, b: BreachRecord | None) -> None:
        self.edit_button.setEnabled(b is not None)
        if b is None:
            self.title.setText("Choose a breach record, or record a new one.")
            self.body.setText("")
            return
        self.title.setText(f"{b.reference}: {b.person_name} — {b.status.label}")
        action = ""
        if b.action is not None:
            action = f"{b.action.label}, {format_date(b.action_on)}"
        self.body.setText(
            _facts(
                [
                    ("Date", format_date(b.occurred_on)),
                    ("Person", f"{b.person_name}, {b.person_role.lower()} at the time"),
                    ("Clauses", self._clauses(b.clauses)),
                    ("What happened", b.what),
                    ("Reported by", b.reported_by),
                    ("Action", action or "Not decided yet"),
                    ("Notes", b.action_notes),
                    ("Closed", format_date(b.closed_on)),
                    ("Recorded by", f"{b.recorded_by}, {format_datetime(b.recorded_at)}"),
                ]
            )
        )

    def record(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import BreachDialog

        dialog = BreachDialog(self.ctx, None, self)
        if ask(dialog) and dialog.saved is not None:
            self.refresh(dialog.saved.id)

    def edit(self) -> None:
        from hsdesk.ui.dialogs.register_dialogs import BreachDialog

        current = self.selected()
        if current is not None and ask(BreachDialog(self.ctx, current, self)):
            self.refresh(current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the breach register (confidential)",
            "breaches",
            lambda path: register_exports.export_breaches_csv(self.ctx.db, self.ctx.actor, path),
        )


# --- the tab -------------------------------------------------------------------------------------


class RegistersTab(QWidget):
    """The registers this user may see, each on its own page."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = QTabWidget()
        self.complaints = ComplaintsPage(ctx)
        self.pages.addTab(self.complaints, COMPLAINTS_PAGE)
        self.connections: ConnectionsPage | None = None
        self.breaches: BreachesPage | None = None
        if allowed(ctx.actor, Permission.RECORD_CONNECTIONS):
            self.connections = ConnectionsPage(ctx)
            self.pages.addTab(self.connections, CONNECTIONS_PAGE)
        if allowed(ctx.actor, Permission.HANDLE_BREACHES):
            self.breaches = BreachesPage(ctx)
            self.pages.addTab(self.breaches, BREACHES_PAGE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        if load:
            self.refresh()

    def show_page(self, title: str) -> None:
        """Bring the page with this title forward (the Dashboard's "Open Registers")."""
        for index in range(self.pages.count()):
            if self.pages.tabText(index) == title:
                self.pages.setCurrentIndex(index)
                return

    def _built(self) -> list[Any]:
        return [p for p in (self.complaints, self.connections, self.breaches) if p is not None]

    def refresh(self) -> None:
        current = self.pages.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

    def save_state(self) -> None:
        for page in self._built():
            page.save_state()
