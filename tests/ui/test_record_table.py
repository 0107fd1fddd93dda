"""Every list of records sorts by the header in Python, once per row (a proxy that sorts asks
for a value at each comparison): mixed and empty values sort without error, the chosen order
holds for new rows, and the selected record stays selected when the order changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from hsdesk.ui.record_table import RECORD_ROLE, Column
from hsdesk.ui.table import RecordTable


@dataclass(frozen=True)
class Row:
    name: str
    due: date | None
    count: int | None


COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("Due", lambda r: r.due),
    Column("Count", lambda r: r.count),
]
ROWS = [
    Row("beth", date(2026, 3, 1), 5),
    Row("Anna", None, None),
    Row("carl", date(2025, 1, 9), 12),
    Row("Dev", date(2026, 1, 2), 0),
]


def _names(table: RecordTable[Row]) -> list[str]:
    return [table.proxy.index(n, 0).data(RECORD_ROLE).name for n in range(table.proxy.rowCount())]


def test_the_header_sorts_rows_in_python_and_the_selection_follows(qtbot):
    table: RecordTable[Row] = RecordTable(COLUMNS, "test-rows")
    qtbot.addWidget(table)
    table.set_records(ROWS)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _names(table) == ["Anna", "beth", "carl", "Dev"]  # as written, not by case
    table.select_where(lambda r: r.name == "carl")
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # blanks last when descending
    assert _names(table) == ["beth", "Dev", "carl", "Anna"]
    assert table.selected_record() == ROWS[2]  # still carl, now third
    assert table.proxy.sortColumn() == -1  # the proxy keeps the model's order
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _names(table) == ["Anna", "Dev", "beth", "carl"]  # 0 < 5 < 12, not as text
    table.set_records([*ROWS, Row("Eve", None, 3)])  # new rows come in the chosen order
    assert _names(table) == ["Anna", "Dev", "Eve", "beth", "carl"]
