"""Two versions of a policy side by side, clause by clause: added, removed and changed clauses
are coloured; "Only differences" hides the clauses that did not change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.policy import Change, ClauseDiff, PolicyVersionRecord, compare
from hsdesk.ui.colours import BAD, GOOD, WARN, tint
from hsdesk.ui.common import combo_value, fill_combo, named

Index = QModelIndex | QPersistentModelIndex
HEADERS = ["No.", "Earlier text", "No.", "Later text", "Change"]
COLOURS = {
    Change.ADDED: GOOD,
    Change.REMOVED: BAD,
    Change.CHANGED: WARN,
}


class CompareModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ClauseDiff] = []

    def set_rows(self, rows: list[ClauseDiff]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.left_number,
                row.left_text,
                row.right_number,
                row.right_text,
                row.change.label,
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(row.change)
            return tint(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


class CompareView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[PolicyVersionRecord] = []
        self.left = QComboBox()
        self.right = QComboBox()
        self.only_changes = QCheckBox("&Only differences")
        self.only_changes.setChecked(True)
        self.summary = QLabel()
        self.model = CompareModel(self)
        self.table = named(QTableView(), "Differences")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            [
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            ]
        ):
            header.setSectionResizeMode(column, mode)
        # Rows are fitted to their wrapped text once the columns have settled, not on each
        # column's every resize (each fit asks every cell for its size, in Python).
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())
        for widget in (self.left, self.right):
            widget.activated.connect(self.refresh)
        self.only_changes.toggled.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Compare"))
        bar.addWidget(self.left, 1)
        bar.addWidget(QLabel("with"))
        bar.addWidget(self.right, 1)
        bar.addWidget(self.only_changes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_versions(self, versions: list[PolicyVersionRecord], right_id: int | None) -> None:
        """Offer these versions (of one document); show ``right_id`` against the one before it."""
        self.versions = versions
        items = [(f"Version {v.number} — {v.status_label}", v.id) for v in versions]
        ids = [v.id for v in versions]
        right = right_id if right_id in ids else (ids[-1] if ids else None)
        position = ids.index(right) if right in ids else 0
        left = ids[position - 1] if position > 0 else right
        fill_combo(self.left, items, left)
        fill_combo(self.right, items, right)
        self.refresh()

    def refresh(self) -> None:
        by_id = {v.id: v for v in self.versions}
        left, right = by_id.get(combo_value(self.left)), by_id.get(combo_value(self.right))
        if left is None or right is None:
            self.model.set_rows([])
            self.summary.setText("There is nothing to compare yet.")
            return
        rows = compare(left.text, right.text)
        counts = {change: sum(r.change is change for r in rows) for change in Change}
        self.summary.setText(
            f"{counts[Change.CHANGED]} changed, {counts[Change.ADDED]} added, "
            f"{counts[Change.REMOVED]} removed, {counts[Change.SAME]} unchanged."
        )
        if self.only_changes.isChecked():
            rows = [r for r in rows if r.change is not Change.SAME]
        self.model.set_rows(rows)
        self._fit_rows.start()
