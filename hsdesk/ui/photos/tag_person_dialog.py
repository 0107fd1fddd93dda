"""Choose who is pictured: search the People register, or add someone new on the spot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.records import PersonRecord
from hsdesk.services.people import persons as people
from hsdesk.ui.common import named
from hsdesk.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(person: PersonRecord) -> str:
    extra = [person.kind.label]
    if person.family_reference:
        extra.append(person.family_reference)
    if person.status_label == "Left":
        extra.append("left")
    return f"{person.full_name} ({', '.join(extra)})"


class TagPersonDialog(QDialog):
    def __init__(self, ctx: AppContext, already: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.already = ctx, already
        self.person_id: int | None = None
        self.setWindowTitle("Who is pictured?")
        self.resize(440, 480)
        self.search = named(QLineEdit(), "Find a person")
        self.search.setPlaceholderText("Type part of a name or a family reference")
        self.search.setClearButtonEnabled(True)
        self.list = named(QListWidget(), "People")
        new = QPushButton("&Add a new person…")
        new.setToolTip(
            "Someone not yet in the register: a family member, a child, a member of the public…"
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Tag")
        self.buttons.addButton(new, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _i: self._choose())
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        new.clicked.connect(self.add_new)
        self._fill()

    def _fill(self, select: int | None = None) -> None:
        self.list.clear()
        for person in people.list_people(self.ctx.db):
            if person.id in self.already:
                continue
            item = QListWidgetItem(describe(person))
            item.setData(ID_ROLE, person.id)
            self.list.addItem(item)
            if person.id == select:
                self.list.setCurrentItem(item)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_visible is not None:
            self.list.setCurrentItem(first_visible)
        self._enable()

    def _enable(self) -> None:
        current = self.list.currentItem()
        ok = current is not None and not current.isHidden()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _choose(self) -> None:
        current = self.list.currentItem()
        if current is None or current.isHidden():
            return
        self.person_id = int(current.data(ID_ROLE))
        self.accept()

    def add_new(self) -> None:
        from hsdesk.ui.people.person_dialog import PersonDialog

        dialog = PersonDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.search.clear()
            self._fill(select=dialog.saved.id)
            self._choose()
