"""A list of a policy version's clauses to tick: each row is the clause's number and words (the
full text in its tooltip). Used wherever something cites clauses: breach records, checklist
items."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from hsdesk.ui.signals import emit


class ClauseList(QListWidget):
    changed = Signal()

    def __init__(
        self,
        clauses: Sequence[tuple[str, str]],
        chosen: Iterable[str] = (),
        height: int = 150,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ticked = set(chosen)
        for number, text in clauses:
            row = QListWidgetItem(f"{number}  {' '.join(text.split())}")
            row.setData(Qt.ItemDataRole.UserRole, number)
            row.setToolTip(text)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(
                Qt.CheckState.Checked if number in ticked else Qt.CheckState.Unchecked
            )
            self.addItem(row)
        self.setFixedHeight(height)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemChanged.connect(lambda _item: emit(self.changed))

    def chosen(self) -> tuple[str, ...]:
        rows = (self.item(n) for n in range(self.count()))
        return tuple(
            r.data(Qt.ItemDataRole.UserRole)
            for r in rows
            if r.checkState() == Qt.CheckState.Checked
        )
