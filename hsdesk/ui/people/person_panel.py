"""The right-hand panel of the People tab: the selected person's details, offices and account."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.dates import format_date, parse_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import AccountRecord, OfficeHoldingRecord, PersonRecord
from hsdesk.services.people import accounts, offices
from hsdesk.services.people.erasure import check_erasable
from hsdesk.services.people.offices import ELIGIBLE
from hsdesk.ui.common import allow
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.signals import emit


def _holding_text(h: OfficeHoldingRecord) -> str:
    role = f"Acting {h.office.label} ({h.acting_reason})" if h.acting else h.office.label
    until = f" to {format_date(h.to_date)}" if h.to_date else " onwards"
    return f"{role}: {format_date(h.from_date)}{until}"


class PersonPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person: PersonRecord | None = None
        self.account: AccountRecord | None = None
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.facts = QFormLayout()
        details = QGroupBox("Details")
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.name)
        details_layout.addLayout(self.facts)
        self.erase_button = QPushButton("Era&se person…")
        self.erase_button.setToolTip(
            "Take their details, photos and consents out of hsdesk for good (UK GDPR erasure)."
        )
        self.erase_button.clicked.connect(self._erase)
        erase_row = QHBoxLayout()
        erase_row.addStretch(1)
        erase_row.addWidget(self.erase_button)
        details_layout.addLayout(erase_row)

        self.holdings = QListWidget()
        self.holdings.setMaximumHeight(110)
        self.add_holding = QPushButton("Add office &holding…")
        self.end_holding = QPushButton("E&nd holding…")
        self.add_holding.clicked.connect(self._add_holding)
        self.end_holding.clicked.connect(self._end_holding)
        self.holdings.currentRowChanged.connect(lambda _row: self._update_buttons())
        office_buttons = QHBoxLayout()
        office_buttons.addWidget(self.add_holding)
        office_buttons.addWidget(self.end_holding)
        office_buttons.addStretch()
        self.offices_box = QGroupBox("Offices")
        offices_layout = QVBoxLayout(self.offices_box)
        offices_layout.addWidget(self.holdings)
        offices_layout.addLayout(office_buttons)

        self.account_label = QLabel()
        self.account_label.setWordWrap(True)
        self.create_account = QPushButton("&Create account…")
        self.reset_password = QPushButton("Set new &password…")
        self.toggle_active = QPushButton()
        self.toggle_admin = QPushButton()
        self.create_account.clicked.connect(self._create_account)
        self.reset_password.clicked.connect(self._reset_password)
        self.toggle_active.clicked.connect(
            lambda: self._set_flags(active=not self.account.active if self.account else None)
        )
        self.toggle_admin.clicked.connect(
            lambda: self._set_flags(is_admin=not self.account.is_admin if self.account else None)
        )
        account_buttons = QHBoxLayout()
        for button in (
            self.create_account,
            self.reset_password,
            self.toggle_active,
            self.toggle_admin,
        ):
            account_buttons.addWidget(button)
        account_buttons.addStretch()
        self.account_box = QGroupBox("Sign-in account")
        account_layout = QVBoxLayout(self.account_box)
        account_layout.addWidget(self.account_label)
        account_layout.addLayout(account_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(details)
        layout.addWidget(self.offices_box)
        layout.addWidget(self.account_box)
        layout.addStretch()
        self.show_person(None)

    def show_person(self, person: PersonRecord | None) -> None:
        self.person = person
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.holdings.clear()
        self.account = None
        self.erase_button.setVisible(
            person is not None and allowed(self.ctx.actor, Permission.ERASE_PERSONAL_DATA)
        )
        if person is None:
            self.name.setText("<i>Choose a person in the list to see their details.</i>")
            self.offices_box.setVisible(False)
            self.account_box.setVisible(False)
            return
        self.name.setText(f"<span style='font-size:13pt'><b>{person.full_name}</b></span>")
        rows = [
            ("Role", person.kind.label),
            ("Status", person.status_label),
            ("Date of birth", format_date(person.date_of_birth)),
            ("Email", person.email),
            ("Phone", person.phone),
            ("Started", format_date(person.start_date)),
            ("Ended", format_date(person.end_date)),
            ("Family", person.family_reference),
            ("Parent or guardian", person.guardian_name),
            ("Notes", person.notes),
        ]
        for label, value in rows:
            if value:
                text = QLabel(value)
                text.setWordWrap(True)
                self.facts.addRow(f"{label}:", text)
        can_hold = person.kind in set(ELIGIBLE.values())
        self.offices_box.setVisible(can_hold)
        if can_hold:
            for holding in offices.list_holdings(self.ctx.db, person.id):
                item = QListWidgetItem(_holding_text(holding))
                item.setData(256, holding)
                self.holdings.addItem(item)
            if not self.holdings.count():
                self.holdings.addItem("Holds no office.")
        may_sign_in = person.kind not in accounts.CANNOT_SIGN_IN
        self.account_box.setVisible(may_sign_in)
        if may_sign_in:
            self.account = accounts.account_of(self.ctx.db, person.id)
            if self.account is None:
                self.account_label.setText("No sign-in account.")
            else:
                a = self.account
                flags = ", administrator" if a.is_admin else ""
                state = "" if a.active else " — <b>switched off</b>"
                seen = f"; last signed in {a.last_sign_in:%d/%m/%Y %H:%M}" if a.last_sign_in else ""
                self.account_label.setText(f"Username <b>{a.username}</b>{flags}{state}{seen}.")
        if self.erase_button.isVisibleTo(self):
            allow(self.erase_button, check_erasable(self.ctx.db, self.ctx.actor, person.id) or "")
        self._update_buttons()

    def _erase(self) -> None:
        from hsdesk.ui.common import show_status
        from hsdesk.ui.people.erase_dialog import EraseDialog

        if self.person is None:
            return
        dialog = EraseDialog(self.ctx, f"person:{self.person.id}", self.person.full_name, self)
        if dialog.exec() and dialog.saved:
            show_status(self, dialog.saved)
            self._after_change()

    def _update_buttons(self) -> None:
        admin = allowed(self.ctx.actor, Permission.MANAGE_ACCOUNTS)
        can_offices = allowed(self.ctx.actor, Permission.EDIT_OFFICES)
        has = self.account is not None
        self.add_holding.setVisible(can_offices)
        self.end_holding.setVisible(can_offices)
        current = self.holdings.currentItem()
        holding = current.data(256) if current else None
        allow(
            self.end_holding,
            "Choose an office in the list first."
            if holding is None
            else ("" if holding.to_date is None else "This office has ended already."),
        )
        self.create_account.setVisible(admin and not has)
        for button in (self.reset_password, self.toggle_active, self.toggle_admin):
            button.setVisible(admin and has)
        if self.account:
            self.toggle_active.setText("S&witch off" if self.account.active else "S&witch on")
            self.toggle_admin.setText(
                "Remove ad&ministrator" if self.account.is_admin else "Make ad&ministrator"
            )

    def _after_change(self) -> None:
        emit(self.changed)

    def _add_holding(self) -> None:
        from hsdesk.ui.people.office_holding_dialog import OfficeHoldingDialog

        if self.person and OfficeHoldingDialog(self.ctx, self.person.id, self).exec():
            self._after_change()

    def _end_holding(self) -> None:
        current = self.holdings.currentItem()
        holding: OfficeHoldingRecord | None = current.data(256) if current else None
        if holding is None:
            return
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self,
            "End office holding",
            f"Last day {holding.person_name} is {holding.office.label} (dd/mm/yyyy):",
            text=format_date(clock.today()),
        )
        if not ok:
            return

        def end() -> None:
            last_day = parse_date(text, "Last day")
            if last_day is None:
                raise ValidationError("Enter the last day as dd/mm/yyyy.")
            offices.end_holding(self.ctx.db, self.ctx.actor, holding.id, last_day)

        if Operation(self, end, "Cannot end the holding").run():
            self._after_change()

    def _create_account(self) -> None:
        from hsdesk.ui.people.account_dialog import AccountDialog

        if self.person and AccountDialog(self.ctx, self.person, None, self).exec():
            self._after_change()

    def _reset_password(self) -> None:
        from hsdesk.ui.people.account_dialog import AccountDialog

        if (
            self.person
            and self.account
            and AccountDialog(self.ctx, self.person, self.account, self).exec()
        ):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self, "Password set", f"The new password for {self.account.username} is saved."
            )
            self._after_change()

    def _set_flags(self, *, is_admin: bool | None = None, active: bool | None = None) -> None:
        if self.account is None:
            return
        username = self.account.username
        if not Operation(
            self,
            lambda: accounts.set_flags(
                self.ctx.db, self.ctx.actor, username, is_admin=is_admin, active=active
            ),
            "Cannot change the account",
        ).run():
            return
        self._after_change()
