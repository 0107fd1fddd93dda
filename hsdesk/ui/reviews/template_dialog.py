"""The quarterly checklist template (administrators): add, change, retire and order items."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from hsdesk.domain.review import AutoCheck, answered_from_records
from hsdesk.domain.review_records import TemplateItem
from hsdesk.services.reviews import template as review_template
from hsdesk.ui.colours import GREY, ink
from hsdesk.ui.common import allow, ask, list_editor_layout, named, push_button
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.reviews.dialogs import TemplateItemDialog


class TemplateDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[TemplateItem] = []
        self.setWindowTitle("Quarterly checklist template")
        intro = QLabel(
            "The questions every quarterly review starts with. Items asked for each channel are "
            "repeated for every active channel. Reviews already begun keep their own copy."
        )
        intro.setWordWrap(True)
        self.list = named(QListWidget(), "Checklist items")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _i: self.edit())
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.retire_button = push_button("&Retire", self.toggle)
        buttons = [
            push_button("&Add…", self.add),
            push_button("&Edit…", self.edit),
            self.retire_button,
            push_button("Move &up", lambda: self.move_item(-1)),
            push_button("Move &down", lambda: self.move_item(1)),
        ]
        list_editor_layout(self, intro, self.list, buttons)
        self.resize(760, 480)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        self.items = review_template.list_template(self.ctx.db)
        self.list.clear()
        for n, item in enumerate(self.items, 1):
            where = "each channel" if item.per_channel else "the scheme"
            clauses = f" ({item.clauses})" if item.clauses else ""
            text = f"{n}. {item.text}{clauses} — {where}"
            if answered_from_records(item.auto):
                text += " — filled in from hsdesk's records"
            elif item.auto is AutoCheck.COMPLAINTS:
                text += " — lists the quarter's complaints"
            if not item.active:
                text += " — retired"
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            if not item.active:
                row.setForeground(QColor(ink(GREY, QPalette.ColorRole.Base)))
            self.list.addItem(row)
            if item.id == keep:
                self.list.setCurrentItem(row)
        self._update()

    def _current(self) -> TemplateItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _update(self) -> None:
        item = self._current()
        allow(self.retire_button, "" if item is not None else "Choose an item in the list first.")
        self.retire_button.setText("&Bring back" if item and not item.active else "&Retire")

    def _run(self, change: Callable[[], object], keep: int | None) -> None:
        Operation(self, lambda: change(), "Not changed").run()
        self.reload(keep)

    def add(self) -> None:
        if ask(TemplateItemDialog(self.ctx, None, self)):
            self.reload()

    def edit(self) -> None:
        item = self._current()
        if item is not None and ask(TemplateItemDialog(self.ctx, item, self)):
            self.reload(item.id)

    def toggle(self) -> None:
        item = self._current()
        if item is not None:
            db, actor = self.ctx.db, self.ctx.actor
            self._run(
                lambda: review_template.set_active(db, actor, item.id, not item.active), item.id
            )

    def move_item(self, step: int) -> None:
        item = self._current()
        if item is not None:
            db, actor = self.ctx.db, self.ctx.actor
            self._run(lambda: review_template.move_item(db, actor, item.id, step), item.id)
