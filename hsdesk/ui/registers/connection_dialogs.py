"""Dialogs for the connections register: a declared connection and its yearly re-confirmation."""

from html import escape

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hsdesk.domain import clock
from hsdesk.domain.duties import D
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.register_records import ConnectionInput, ConnectionRecord
from hsdesk.services.policy.duties import current_citations
from hsdesk.services.registers import connections
from hsdesk.ui.common import (
    combo_value,
    fill_combo,
    hint_label,
    read_date,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.registers.fields import DATE_HINT, date_field, form_buttons, text_box


def _cited(ctx: AppContext) -> str:
    number = current_citations(ctx.db).numbers(D.DECLARED_CONNECTIONS)
    return f"Clause {number}: " if number else "The policy: "


class ConnectionDialog(FormDialog[ConnectionRecord]):
    """A link from before someone's involvement, declared under the policy."""

    refusal_title = "Declaration not saved"

    def __init__(
        self,
        ctx: AppContext,
        connection: ConnectionRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.connection = ctx, connection
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
        self.declared = date_field(c.declared_on if c else clock.today())
        self.ended = date_field(c.ended_on if c else None)
        self.ended.setPlaceholderText(f"{DATE_HINT}, only when the link has ended")
        self.notes = text_box("Anything agreed, e.g. 'will not discuss the scheme online'", 60)
        self.notes.setPlainText(c.notes if c else "")
        form = QFormLayout()
        form.addRow("&Declared by", self.person)
        form.addRow("Connected &with", self.other)
        form.addRow("&Link", self.nature)
        form.addRow("Wh&ere", self.place)
        form.addRow("&Since", self.since)
        form.addRow(f"De&clared on ({DATE_HINT})", self.declared)
        form.addRow(f"Ended &on ({DATE_HINT})", self.ended)
        form.addRow("&Notes", self.notes)
        about = hint_label(
            f"{_cited(ctx)}friendships from before someone's involvement may continue. Declare "
            "them so a later concern can be judged fairly; they are confirmed again every year."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(form_buttons(self, "Save" if c else "Declare", self.save))
        self.setMinimumWidth(560)

    def submit(self) -> ConnectionRecord:
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
        return connections.save_connection(self.ctx.db, self.ctx.actor, connection_id, data)


class ReconfirmDialog(FormDialog[ConnectionRecord]):
    refusal_title = "Not confirmed"

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
        self.on = date_field(clock.today())
        form = QFormLayout()
        form.addRow(f"&Confirmed on ({DATE_HINT})", self.on)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(form_buttons(self, "Confirm", self.save))
        self.setMinimumWidth(460)

    def submit(self) -> ConnectionRecord:
        return connections.reconfirm(
            self.ctx.db, self.ctx.actor, self.connection.id, read_date(self.on, "Confirmed on")
        )
