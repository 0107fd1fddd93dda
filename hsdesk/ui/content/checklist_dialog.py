"""The approver's checklist (administrators): the built-in points, each with the clauses of the
adopted policy that ask it, and points added by citing a clause — for a clause a revision added
that hsdesk does not check yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.wording import shortened
from hsdesk.services.content import checklist
from hsdesk.services.policy.duties import current_citations
from hsdesk.ui.colours import GREY, ink
from hsdesk.ui.common import allow, ask, list_editor_layout, named, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog, Operation

ADDED_ROLE = Qt.ItemDataRole.UserRole


class PointDialog(FormDialog[checklist.AddedPoint]):
    refusal_title = "Not added"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Add a point to the approval checklist")
        cite = current_citations(ctx.db)
        self.text = QLineEdit()
        self.text.setMaxLength(checklist.TEXT_LIMIT)
        self.text.setPlaceholderText("What the approver confirms, as a statement")
        self.clause = QComboBox()
        self.clause.addItem("— choose the clause —", "")
        for number, words in cite.clauses.items():
            short = " ".join(words.split())
            self.clause.addItem(f"{number} {shortened(short, 70)}", number)
            self.clause.setItemData(self.clause.count() - 1, short, Qt.ItemDataRole.ToolTipRole)
        self.clause.setAccessibleName(f"Clause of {cite.label or 'the adopted policy'}")
        form = QFormLayout()
        form.addRow("&Point", self.text)
        form.addRow("&Clause it checks", self.clause)
        note = QLabel(
            f"From {cite.label or 'the adopted policy'}. The point is asked in every approval "
            "from now on and follows its clause when the policy is revised."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.resize(640, 0)

    def submit(self) -> checklist.AddedPoint:
        return checklist.add_point(
            self.ctx.db, self.ctx.actor, self.text.text(), self.clause.currentData() or ""
        )


class ChecklistDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Approval checklist")
        intro = QLabel(
            "What the Scheme Development Manager confirms before approving content, with the "
            "clauses of the adopted policy that ask it. Add a point for a clause hsdesk does not "
            "check yet; decisions already made keep the points they had."
        )
        intro.setWordWrap(True)
        self.list = named(QListWidget(), "Checklist points")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.toggle_button = push_button("&Stop asking", self.toggle)
        list_editor_layout(
            self, intro, self.list, [push_button("&Add…", self.add), self.toggle_button]
        )
        self.resize(760, 460)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        points, cite = checklist.approval_checklist(self.ctx.db)
        added = checklist.added_points(self.ctx.db)
        self.list.clear()
        for point in points:
            if point.key.startswith(checklist.ADDED):
                continue
            row = QListWidgetItem(f"{point.shown(cite)} — built in")
            row.setForeground(QColor(ink(GREY, QPalette.ColorRole.Base)))
            self.list.addItem(row)
        for extra in added:
            clause = f" ({extra.clauses})" if extra.clauses else " (its clause was removed)"
            row = QListWidgetItem(
                f"{extra.text}{clause}" + ("" if extra.active else " — no longer asked")
            )
            row.setData(ADDED_ROLE, extra.id)
            row.setData(ADDED_ROLE + 1, extra.active)
            self.list.addItem(row)
            if extra.id == keep:
                self.list.setCurrentItem(row)
        self._update()

    def _chosen(self) -> tuple[int, bool] | None:
        item = self.list.currentItem()
        if item is None or item.data(ADDED_ROLE) is None:
            return None
        return int(item.data(ADDED_ROLE)), bool(item.data(ADDED_ROLE + 1))

    def _update(self) -> None:
        chosen = self._chosen()
        allow(self.toggle_button, "" if chosen is not None else "Choose a point in the list first.")
        self.toggle_button.setText("&Ask again" if chosen and not chosen[1] else "&Stop asking")

    def add(self) -> None:
        dialog = PointDialog(self.ctx, self)
        if ask(dialog) and dialog.saved is not None:
            self.reload(dialog.saved.id)

    def toggle(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        point_id, active = chosen
        Operation(
            self,
            lambda: checklist.set_point_active(self.ctx.db, self.ctx.actor, point_id, not active),
            "Not changed",
        ).success(lambda _done: self.reload(point_id)).run()
