"""A list sorted A to Z shows its arrow pointing up and Z to A pointing down, as File Explorer
does (Qt's Fusion style, which the tests use, draws them the other way unless told)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable


@dataclass(frozen=True)
class Row:
    name: str


def _arrow_points_up(table: RecordTable) -> bool:
    """Read the arrow from the drawn header: an arrow pointing up is narrow at its top."""
    header = table.horizontalHeader()
    picture = header.grab().toImage()
    ratio = picture.devicePixelRatio()
    right = int(header.sectionViewportPosition(0) + header.sectionSize(0))
    widths = []
    for y in range(int(picture.height())):
        dark = 0
        for x in range(int((right - 18) * ratio), int((right - 2) * ratio)):
            if QColor(picture.pixel(x, y)).lightness() < 128:
                dark += 1
        if dark:
            widths.append(dark)
    assert len(widths) >= 2, "no arrow drawn"
    return widths[0] < widths[-1]


@pytest.mark.parametrize(
    ("order", "up"), [(Qt.SortOrder.AscendingOrder, True), (Qt.SortOrder.DescendingOrder, False)]
)
def test_the_arrow_points_the_way_windows_points_it(qtbot, order, up):
    table = RecordTable([Column("Name", lambda r: r.name)], "tests/arrows")
    qtbot.addWidget(table)
    table.resize(300, 200)
    table.setColumnWidth(0, 200)
    table.source.set_records([Row("Ann"), Row("Bob")])
    table.sortByColumn(0, order)
    table.show()
    qtbot.waitExposed(table)
    first = table.proxy.index(0, 0).data()
    assert first == ("Ann" if order == Qt.SortOrder.AscendingOrder else "Bob")
    assert _arrow_points_up(table) is up
