"""Pack documents: extra PDFs an administrator attaches to the induction packs of a role
(a volunteer handbook, say), printed in order between the policy and the acknowledgement form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.induction import COVERED_KINDS
from hsdesk.domain.induction_records import PackDocument
from hsdesk.services.inductions import packs as induction_packs
from hsdesk.ui.common import (
    allow,
    close_buttons,
    combo_value,
    fill_combo,
    named,
    push_button,
    read_chosen_file,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation

ROLE = Qt.ItemDataRole.UserRole  # the document's record


class PackDocumentsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Induction pack documents")
        intro = QLabel(
            "Documents added here are printed in every induction pack for the role, after the "
            "policy and before the acknowledgement form, in this order. They must be PDFs."
        )
        intro.setWordWrap(True)
        self.kind = QComboBox()
        fill_combo(self.kind, [(f"{k.label}s", k) for k in COVERED_KINDS])
        self.list = named(QListWidget(), "Documents in each pack")
        self.buttons = [
            push_button("&Add PDF…", self.add),
            push_button("&Remove", self.remove),
            push_button("Move &up", lambda: self.move_document(-1)),
            push_button("Move &down", lambda: self.move_document(1)),
        ]
        row = QHBoxLayout()
        row.addWidget(QLabel("Packs for"))
        row.addWidget(self.kind, 1)
        side = QVBoxLayout()
        for button in self.buttons:
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(middle, 1)
        layout.addWidget(close)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.resize(620, 400)
        self.refresh()

    def _selected(self) -> PackDocument | None:
        item = self.list.currentItem()
        return item.data(ROLE) if item is not None else None

    def refresh(self, select: int | None = None) -> None:
        kind = combo_value(self.kind)
        self.list.clear()
        for doc in induction_packs.list_pack_documents(self.ctx.db):
            if doc.kind is not kind:
                continue
            item = QListWidgetItem(
                f"{doc.title} — {doc.pages} page{'s' if doc.pages != 1 else ''}, added "
                f"{format_date(doc.added_at.date())} by {doc.added_by}"
            )
            item.setData(ROLE, doc)
            self.list.addItem(item)
            if doc.id == select:
                self.list.setCurrentItem(item)
        if self.list.count() == 0:
            empty = QListWidgetItem("No extra documents: packs hold the policy and the form.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        for button in self.buttons[1:]:
            allow(button, "" if chosen else "Choose a document in the list first.")

    def add(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Add a PDF to the packs", "", "PDF files (*.pdf)"
        )
        if not name:
            return
        path = Path(name)
        title, ok = QInputDialog.getText(
            self, "Title", "Title to list on the pack's cover:", text=path.stem
        )
        if not ok:
            return
        data = read_chosen_file(self, path)
        if data is None:
            return
        doc = Operation(
            self,
            lambda: induction_packs.add_pack_document(
                self.ctx.db, self.ctx.actor, combo_value(self.kind), title, data, path.name
            ),
            "Not added",
        ).value()
        if doc is None:
            return
        self.refresh(doc.id)

    def remove(self) -> None:
        doc = self._selected()
        if doc is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove the document?",
            f"Stop printing '{doc.title}' in {doc.kind.label.lower()} packs?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        Operation(
            self,
            lambda: induction_packs.remove_pack_document(self.ctx.db, self.ctx.actor, doc.id),
            "Not removed",
        ).run()
        self.refresh()

    def move_document(self, step: int) -> None:
        doc = self._selected()
        if doc is None:
            return
        Operation(
            self,
            lambda: induction_packs.move_pack_document(self.ctx.db, self.ctx.actor, doc.id, step),
            "Not moved",
        ).run()
        self.refresh(doc.id)
