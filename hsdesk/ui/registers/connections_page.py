"""The Registers tab's declared connections, with the boundary rules of 2.5, 2.6, 3.3 and
3.4 beside each and their yearly re-confirmation."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from hsdesk.domain.dates import format_date
from hsdesk.domain.register_records import ConnectionRecord
from hsdesk.services.registers import connections
from hsdesk.services.registers import exports as register_exports
from hsdesk.ui.colours import WARN, muted
from hsdesk.ui.common import allow, export_csv_file, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.record_table import Column
from hsdesk.ui.registers.page import RED, RegisterPage, facts

CONNECTION_COLUMNS: list[Column[ConnectionRecord]] = [
    Column("Declared by", lambda c: c.person_name, tooltip=lambda c: c.person_role),
    Column("Connected with", lambda c: c.other_name),
    Column("Their role", lambda c: c.other_role),
    Column(
        "Rules",
        lambda c: ", ".join(r.split(":")[0] for r in c.rules),
        tooltip=lambda c: "\n".join(c.rules),
        colour=lambda c: WARN if c.rules else None,
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
        self.adding = self.declare_button
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
        db, actor = self.ctx.db, self.ctx.actor
        self.reads.start(
            lambda: connections.list_connections(db, actor),
            lambda found: self.set_records(found, select),
        )

    def describe(self, c: ConnectionRecord | None) -> None:
        pick = "" if c is not None else "Choose a connection in the list first."
        allow(self.edit_button, pick)
        ended = c is not None and c.ended_on is not None
        allow(self.confirm_button, pick or ("This connection has ended." if ended else ""))
        if c is None:
            self.title.setText("Choose a declaration, or declare a new connection.")
            self.body.setText("")
            return
        self.title.setText(f"{c.person_name} and {c.other_name}")
        due = format_date(c.due_on) + (" — due now" if c.due else "")
        html = facts(
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
            html += (
                "<p style='margin-top:10px'><b>Boundary rules that apply</b> — for the manager "
                f"to act on:</p><ul style='margin-top:0'>{rules}</ul>"
            )
        elif c.ended_on is None:
            html += f"<p style='color:{muted()}'>No boundary rule of the policy applies.</p>"
        self.body.setText(html)

    def declare(self) -> None:
        from hsdesk.ui.registers.connection_dialogs import ConnectionDialog

        self.run_dialog(ConnectionDialog(self.ctx, None, self))

    def edit(self) -> None:
        from hsdesk.ui.registers.connection_dialogs import ConnectionDialog

        current = self.selected()
        if current is not None:
            self.run_dialog(ConnectionDialog(self.ctx, current, self), current.id)

    def reconfirm(self) -> None:
        from hsdesk.ui.registers.connection_dialogs import ReconfirmDialog

        current = self.selected()
        if current is not None:
            self.run_dialog(ReconfirmDialog(self.ctx, current, self), current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the declared connections",
            "connections",
            lambda path, steps: register_exports.export_connections_csv(
                self.ctx.db, self.ctx.actor, path, steps=steps
            ),
        )
