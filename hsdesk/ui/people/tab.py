"""People tab: the register (sortable, filterable), with details, offices and accounts beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.enums import PersonKind
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import PersonRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import allow, named, show_status
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.people.person_panel import PersonPanel
from hsdesk.ui.record_table import Column
from hsdesk.ui.tab_page import TabPage
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[PersonRecord]] = [
    Column("Last name", lambda p: p.last_name),
    Column("First name", lambda p: p.first_name),
    Column("Role", lambda p: p.kind.label),
    Column("Status", lambda p: p.status_label),
    Column("Started", lambda p: p.start_date),
    Column("Family", lambda p: p.family_reference),
    Column("Office", lambda p: p.offices_label),
    Column("Sign-in", lambda p: p.username),
]


class PeopleTab(TabPage):
    state_key = "people"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load: bool = True) -> None:
        """``load=False`` leaves the list empty until refresh(), so a hidden tab costs nothing at start."""
        super().__init__(parent)
        self.ctx = ctx
        self.search = named(
            QLineEdit(placeholderText="Find by name, family, office or username…"), "Find people"
        )
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("All roles", None)
        for kind in PersonKind:
            self.kind.addItem(kind.label, kind)
        self.show_left = QCheckBox("Show those who have &left")
        self.add_button = QPushButton("&Add person…")
        self.edit_button = QPushButton("&Edit…")
        self.families_button = QPushButton("&Families…")
        self.access_button = QPushButton("Su&bject access…")
        self.access_button.setToolTip(
            "Everything hsdesk holds about this person, for a subject access request: a PDF "
            "summary, the records and the files, as one ZIP file."
        )
        self.retention_button = QPushButton("Past re&tention…")
        self.retention_button.setToolTip(
            "People and ended consents past their retention date, to keep or erase."
        )
        self.retention_button.setVisible(allowed(ctx.actor, Permission.ERASE_PERSONAL_DATA))
        can_edit = allowed(ctx.actor, Permission.EDIT_PEOPLE)
        self.add_button.setVisible(can_edit)
        self.edit_button.setVisible(can_edit)
        self.access_button.setVisible(can_edit)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.show_left)
        bar.addSpacing(12)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.families_button)
        bar.addWidget(self.access_button)
        bar.addWidget(self.retention_button)

        self.table: RecordTable[PersonRecord] = RecordTable(COLUMNS, "people", self)
        self.table.setAccessibleName("People")
        self.reads = LatestRead(self, self.table)
        self.panel = PersonPanel(ctx, self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 440])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.show_left.toggled.connect(self._apply_filter)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.table.selected_record()))
        self.families_button.clicked.connect(self._families)
        self.access_button.clicked.connect(self._subject_access)
        self.retention_button.clicked.connect(self._retention)
        if can_edit:
            self.table.activated_record.connect(self.edit)
        self.table.selection_changed.connect(self._selected)
        self.panel.changed.connect(lambda: self.refresh())
        self._apply_filter()
        if load:
            self.refresh()
        else:
            self._selected(None)

    def _apply_filter(self) -> None:
        kind = self.kind.currentData()
        include_left = self.show_left.isChecked()
        self.table.proxy.set_predicate(
            lambda p: (
                (kind is None or p.kind == kind) and (include_left or p.status_label != "Left")
            )
        )

    def _selected(self, person: PersonRecord | None) -> None:
        for button in (self.edit_button, self.access_button):
            allow(button, "" if person is not None else "Choose a person in the list first.")
        self.panel.show_person(person)

    def refresh(self, select: int | None = None) -> None:
        """Read the register on a worker thread; the person selected (or ``select``, a person's
        id) is selected once it is shown."""
        db = self.ctx.db
        self.reads.start(lambda: people.list_people(db), lambda found: self._show(found, select))

    def _show(self, found: list[PersonRecord], select: int | None) -> None:
        self.table.set_records(found, keep=lambda p: p.id)
        if select is not None:
            self.table.select_where(lambda p: p.id == select)
        self._selected(self.table.selected_record())

    def adding_button(self) -> QAbstractButton:
        return self.add_button

    def edit(self, record: PersonRecord | None) -> None:
        from hsdesk.ui.people.person_dialog import PersonDialog

        dialog = PersonDialog(self.ctx, record, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh(select=dialog.saved.id)
            if dialog.opened_existing:
                name = dialog.saved.full_name
                show_status(self, f"{name} was already in the register: shown, no one added.")

    def _families(self) -> None:
        from hsdesk.ui.people.families_dialog import FamiliesDialog

        FamiliesDialog(self.ctx, allowed(self.ctx.actor, Permission.EDIT_PEOPLE), self).exec()
        self.refresh()

    def save_state(self) -> None:
        super().save_state()
        self.table.save_state()

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}

    def _subject_access(self) -> None:
        from hsdesk.ui.people.subject_access import export_person

        person = self.table.selected_record()
        if person is not None:
            export_person(self, self.ctx, person)

    def show_page(self, page: str) -> None:
        from hsdesk.services.people.retention import PAGE

        if page == PAGE and self.retention_button.isVisible():
            self._retention()

    def _retention(self) -> None:
        from hsdesk.ui.people.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.ctx, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()
