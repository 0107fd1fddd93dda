"""The structured policy editor: title, statement, then sections and clauses in a tree that keeps
their numbers (1., 1.1, 1.2 …) as they are added, moved and deleted. Read-only for adopted text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.policy import PolicyText, Section
from hsdesk.domain.wording import counted
from hsdesk.ui.common import allow, named
from hsdesk.ui.signals import emit

TEXT_ROLE = Qt.ItemDataRole.UserRole


def _one_line(text: str) -> str:
    return " ".join(text.split())


def top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i))]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for j in range(item.childCount()) if (child := item.child(j))]


class PolicyEditor(QWidget):
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._loading = False
        self.editable = False
        self.duties: dict[str, list[str]] = {}
        self.proposed = False
        self.title = QLineEdit()
        self.title.setAccessibleName("Policy title")
        self.statement = QPlainTextEdit()
        self.statement.setMaximumHeight(90)
        self.statement.setAccessibleName("Policy statement")
        self.tree = named(QTreeWidget(), "Sections and clauses")
        self.tree.setHeaderLabels(["No.", "Section heading or clause"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.body_label = QLabel("Clause text")
        self.body_label.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Text of the chosen section heading or clause")
        self.add_section_button = QPushButton("Add &section")
        self.add_clause_button = QPushButton("Add &clause")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.delete_button = QPushButton("&Delete")
        self.add_section_button.clicked.connect(self.add_section)
        self.add_clause_button.clicked.connect(self.add_clause)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.delete_button.clicked.connect(self.delete_item)
        self.tree.currentItemChanged.connect(self._show_item)
        self.body.textChanged.connect(self._body_edited)
        self.title.textEdited.connect(self._mark)
        self.statement.textChanged.connect(self._mark)

        self.tool_buttons = (
            self.add_section_button,
            self.add_clause_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        )
        tools = QHBoxLayout()
        for button in self.tool_buttons:
            tools.addWidget(button)
        tools.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.body_label)
        lower_layout.addWidget(self.body)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("&Title"))
        layout.itemAt(layout.count() - 1).widget().setBuddy(self.title)  # type: ignore[union-attr]
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Policy statement"))
        layout.addWidget(self.statement)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # --- loading and reading -------------------------------------------------------------

    def load(
        self,
        text: PolicyText,
        editable: bool,
        duties: dict[str, list[str]] | None = None,
        proposed: bool = False,
    ) -> None:
        """Show a version; ``duties`` names what hsdesk checks under each clause number (only
        proposed, for a draft), shown with the chosen clause."""
        self._loading = True
        self.editable = editable
        self.duties, self.proposed = duties or {}, proposed
        self.title.setText(text.title)
        self.statement.setPlainText(text.statement)
        self.tree.clear()
        for section in text.sections:
            item = self._section_item(section.heading)
            self.tree.addTopLevelItem(item)
            for clause in section.clauses:
                item.addChild(self._clause_item(clause))
        self.tree.expandAll()
        self._renumber()
        for widget in (self.title, self.statement, self.body):
            widget.setReadOnly(not editable)
        self.body.clear()
        self._loading = False
        self._set_dirty(False)
        first = top_items(self.tree)[:1]
        if first:
            self.tree.setCurrentItem(first[0])
        self._update_buttons()

    def text(self) -> PolicyText:
        sections = [
            Section(
                str(item.data(0, TEXT_ROLE)),
                tuple(str(child.data(0, TEXT_ROLE)) for child in child_items(item)),
            )
            for item in top_items(self.tree)
        ]
        return PolicyText(self.title.text(), self.statement.toPlainText(), tuple(sections))

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty:
            self.duties = {}  # proposed for the saved text; renumbering makes them stale
        if dirty != self._dirty:
            self._dirty = dirty
            emit(self.dirty_changed, dirty)

    def _mark(self, *_args: object) -> None:
        if not self._loading and self.editable:
            self._set_dirty(True)

    # --- the tree ---------------------------------------------------------------------------

    @staticmethod
    def _section_item(heading: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, TEXT_ROLE, heading)
        item.setText(1, heading)
        font = item.font(1)
        font.setBold(True)
        item.setFont(1, font)
        item.setFont(0, font)
        return item

    @staticmethod
    def _clause_item(text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, TEXT_ROLE, text)
        item.setText(1, _one_line(text))
        item.setToolTip(1, text)
        return item

    def _renumber(self) -> None:
        for i, section in enumerate(top_items(self.tree), start=1):
            section.setText(0, f"{i}.")
            for j, clause in enumerate(child_items(section), start=1):
                clause.setText(0, f"{i}.{j}")

    def _show_item(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        self._loading = True
        if item is None:
            self.body.clear()
            self.body_label.setText("Choose a section or clause above")
        else:
            kind = "Heading of section" if item.parent() is None else "Clause"
            number = item.text(0).rstrip(".")
            checks = self.duties.get(number, []) if item.parent() is not None else []
            said = f"{kind} {number}"
            if checks:
                how = "hsdesk will check (proposed)" if self.proposed else "hsdesk checks"
                said += f" — {how}: {'; '.join(checks)}"
            self.body_label.setText(said)
            self.body_label.setToolTip(said)
            self.body.setPlainText(str(item.data(0, TEXT_ROLE)))
        self._loading = False
        self._update_buttons()

    def _body_edited(self) -> None:
        item = self.tree.currentItem()
        if self._loading or item is None or not self.editable:
            return
        text = self.body.toPlainText()
        item.setData(0, TEXT_ROLE, text)
        item.setText(1, _one_line(text))
        item.setToolTip(1, text)
        self._set_dirty(True)

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        for button in self.tool_buttons:
            button.setVisible(self.editable)
        allow(
            self.add_clause_button,
            "" if self.tree.topLevelItemCount() else "Add a section first: clauses go in one.",
        )
        for button in (self.up_button, self.down_button, self.delete_button):
            allow(button, "" if item is not None else "Choose a section or clause first.")

    def _changed(self, select: QTreeWidgetItem) -> None:
        self._renumber()
        self.tree.setCurrentItem(select)
        self._set_dirty(True)
        self._update_buttons()

    def add_section(self) -> None:
        item = self.tree.currentItem()
        section = (item.parent() or item) if item is not None else None
        index = (
            self.tree.indexOfTopLevelItem(section) + 1
            if section is not None
            else self.tree.topLevelItemCount()
        )
        new = self._section_item("New section")
        self.tree.insertTopLevelItem(index, new)
        new.addChild(self._clause_item(""))
        new.setExpanded(True)
        self._changed(new)
        self.body.setFocus()
        self.body.selectAll()

    def add_clause(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        section = item.parent() or item
        index = section.indexOfChild(item) + 1 if item.parent() else section.childCount()
        new = self._clause_item("")
        section.insertChild(index, new)
        section.setExpanded(True)
        self._changed(new)
        self.body.setFocus()

    def move_item(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            index = self.tree.indexOfTopLevelItem(item)
            target = index + step
            if not 0 <= target < self.tree.topLevelItemCount():
                return
            expanded = item.isExpanded()
            self.tree.takeTopLevelItem(index)
            self.tree.insertTopLevelItem(target, item)
            item.setExpanded(expanded)
        else:
            index = parent.indexOfChild(item)
            target = index + step
            if not 0 <= target < parent.childCount():
                return
            parent.takeChild(index)
            parent.insertChild(target, item)
        self._changed(item)

    def delete_item(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        if parent is None and item.childCount():
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                "Delete the section?",
                f"Delete section {item.text(0)} “{item.text(1)}” and its "
                f"{counted(item.childCount(), 'clause')}?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if parent is None:
            index = self.tree.indexOfTopLevelItem(item)
            self.tree.takeTopLevelItem(index)
            count = self.tree.topLevelItemCount()
            neighbour = self.tree.topLevelItem(min(index, count - 1)) if count else None
        else:
            index = parent.indexOfChild(item)
            parent.takeChild(index)
            neighbour = (
                parent.child(min(index, parent.childCount() - 1)) if parent.childCount() else parent
            )
        self._renumber()
        self._set_dirty(True)
        if neighbour is not None:
            self.tree.setCurrentItem(neighbour)
        self._show_item(neighbour)
