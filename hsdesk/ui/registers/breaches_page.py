"""The Registers tab's confidential breach register, built only for those who handle
breaches; the services refuse everyone else as well."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.register_records import BreachRecord
from hsdesk.domain.registers import BREACH_COLOURS, BreachStatus
from hsdesk.services.registers import breaches
from hsdesk.services.registers import exports as register_exports
from hsdesk.ui.common import allow, export_csv_file, hint_label, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.record_table import Column
from hsdesk.ui.registers.page import NEWEST, RegisterPage, facts

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
        self.clause_text: dict[int | None, dict[str, str]] = {}  # per policy version
        writable = ctx.db.read_only is None
        self.record_button = push_button("&Record a breach…", self.record)
        self.adding = self.record_button
        self.edit_button = push_button("&Edit…", self.edit)
        self.csv_button = push_button("E&xport CSV…", self.export_csv)
        self.record_button.setVisible(writable)
        self.edit_button.setVisible(writable)
        self.add_buttons([self.record_button, self.edit_button], [self.csv_button])
        note = hint_label(
            "Confidential: seen only by the Scheme Development Manager, the Chair and "
            "administrators. The audit trail records changes without their content."
        )
        self.page_layout.insertWidget(0, note)
        if writable:
            self.table.activated_record.connect(lambda _r: self.edit())

    def refresh(self, select: int | None = None) -> None:
        db, actor = self.ctx.db, self.ctx.actor

        def read() -> tuple[list[BreachRecord], dict[int | None, dict[str, str]]]:
            records = breaches.list_breaches(db, actor)
            clauses = {
                version: dict(breaches.policy_clauses(db, actor, version))
                for version in {b.policy_version_id for b in records}
            }
            return records, clauses

        self.reads.start(read, lambda found: self._show(*found, select))

    def _show(
        self,
        records: list[BreachRecord],
        clauses: dict[int | None, dict[str, str]],
        select: int | None,
    ) -> None:
        self.clause_text = clauses
        self.set_records(records, select)

    def _clauses(self, b: BreachRecord) -> str:
        """Each clause breached with the words of the version it was recorded under, so nobody
        has to look them up (a later revision does not change them)."""
        words = self.clause_text.get(b.policy_version_id, {})
        return "\n".join(f"• {n}: {words[n]}" if n in words else f"• {n}" for n in b.clauses)

    def describe(self, b: BreachRecord | None) -> None:
        allow(self.edit_button, "" if b is not None else "Choose a breach in the list first.")
        if b is None:
            self.title.setText("Choose a breach record, or record a new one.")
            self.body.setText("")
            return
        self.title.setText(f"{b.reference}: {b.person_name} — {b.status.label}")
        action = ""
        if b.action is not None:
            action = f"{b.action.label}, {format_date(b.action_on)}"
        self.body.setText(
            facts(
                [
                    ("Date", format_date(b.occurred_on)),
                    ("Person", f"{b.person_name}, {b.person_role.lower()} at the time"),
                    ("Clauses", self._clauses(b)),
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
        from hsdesk.ui.registers.breach_dialog import BreachDialog

        self.run_dialog(BreachDialog(self.ctx, None, self))

    def edit(self) -> None:
        from hsdesk.ui.registers.breach_dialog import BreachDialog

        current = self.selected()
        if current is not None:
            self.run_dialog(BreachDialog(self.ctx, current, self), current.id)

    def export_csv(self) -> None:
        export_csv_file(
            self,
            "Export the breach register (confidential)",
            "breaches",
            lambda path, steps: register_exports.export_breaches_csv(
                self.ctx.db, self.ctx.actor, path, steps
            ),
        )
