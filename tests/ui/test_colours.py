"""hsdesk follows the person's Windows colours: its coloured text reads at 4.5:1 on a light or a
dark window, uses only the person's own colours in high contrast, and follows a change of them
while the window is open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel
from screenshots import assert_fits_with_buttons_inside
from window_driving import show_tab

from hsdesk.domain.attention import Area
from hsdesk.services.platform import auth
from hsdesk.ui import colours
from hsdesk.ui.colours import BAD, EXPIRING, GOOD, GREY, UNCHECKED, WARN, contrast, ink, tint
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow

TONES = (BAD, GOOD, WARN, GREY, EXPIRING, UNCHECKED)
UI = Path(colours.__file__).parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def _palette(window: str, text: str, base: str) -> QPalette:
    palette = QPalette(QGuiApplication.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.AlternateBase, base),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Highlight, "#1aebff"),  # Windows' "Night sky" high-contrast theme
        (QPalette.ColorRole.HighlightedText, "#000000"),
        (QPalette.ColorRole.Light, text),
        (QPalette.ColorRole.Midlight, "#3f3f3f"),
        (QPalette.ColorRole.Mid, "#7f7f7f"),
        (QPalette.ColorRole.Dark, "#bfbfbf"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def colours_of(qapp):
    """Switch the application to other colours for one test, and back after it."""
    before = QPalette(qapp.palette())

    def switch(window: str, text: str, base: str) -> None:
        qapp.setPalette(_palette(window, text, base))

    yield switch
    qapp.setPalette(before)


def test_on_a_light_window_the_colours_are_as_designed(qapp):
    for tone in TONES:
        assert ink(tone) == tone, tone
        window = qapp.palette().color(QPalette.ColorRole.Window)
        assert contrast(QColor(ink(tone)), window) >= 4.5, tone


def test_on_a_dark_window_every_colour_is_brightened_until_it_reads(colours_of):
    colours_of("#1e1e1e", "#f0f0f0", "#121212")
    for tone in TONES:
        on_window = QColor(ink(tone))
        on_list = QColor(ink(tone, QPalette.ColorRole.Base))
        assert contrast(on_window, QColor("#1e1e1e")) >= 4.5, tone
        assert contrast(on_list, QColor("#121212")) >= 4.5, tone
        assert on_window.name() != "#f0f0f0", tone  # still its own colour, not plain text
    assert tint(BAD) is not None and tint(BAD).lightness() < 80  # a dark tint on a dark list


def test_in_high_contrast_only_the_persons_own_colours_are_used(colours_of, monkeypatch):
    monkeypatch.setattr(colours, "high_contrast", lambda: True)
    colours_of("#000000", "#ffffff", "#000000")
    assert {ink(tone) for tone in TONES} == {"#ffffff"}
    assert tint(GOOD) is None


def test_no_colour_is_written_into_the_windows_except_through_colours():
    """A colour typed straight into a window would ignore the person's colours. The signature
    pad is the exception: it is the paper a signature is kept on, ink on white."""
    found = []
    for path in UI.rglob("*.py"):
        if path.name in {"colours.py", "signature_pad.py"} or path.parent.name == "forms":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX.search(line.split("#  ")[0]) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_window_follows_when_high_contrast_is_turned_on(
    qtbot, demo_db, colours_of, monkeypatch
):
    window = MainWindow(AppContext(demo_db, auth.sign_in(demo_db, "sdm", "demo"), demo=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    index = list(window.pages).index(Area.INDUCTIONS)
    show_tab(qtbot, window, index)
    shown = "".join(label.text() for label in window.findChildren(QLabel) if label.isVisible())
    assert ink(BAD) in shown  # the overdue count is in red

    monkeypatch.setattr(colours, "high_contrast", lambda: True)
    colours_of("#000000", "#ffffff", "#000000")
    qtbot.wait(50)  # the window hears of the change, and draws itself again
    qtbot.waitUntil(lambda: not window._recolouring)
    show_tab(qtbot, window, index)
    assert_fits_with_buttons_inside(window, "inductions tab in high contrast")
    wrong = []
    for label in window.findChildren(QLabel):
        if not label.isVisible():
            continue
        written = {c.lower() for c in HEX.findall(label.text())}
        if written - {"#ffffff"}:
            wrong.append(f"{label.text()[:60]!r}: {written}")
        hint = label.property(colours.ROLE) is not None
        if hint and label.palette().color(QPalette.ColorRole.WindowText).name() != "#ffffff":
            wrong.append(f"hint {label.text()[:60]!r}")
    table = window.tab(Area.INDUCTIONS).table
    for row in range(table.proxy.rowCount()):
        for column in range(table.proxy.columnCount()):
            colour = table.proxy.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
            if colour is not None and QColor(colour).name() != "#ffffff":
                wrong.append(f"row {row} column {column}: {QColor(colour).name()}")
    assert not wrong, "\n".join(wrong[:20])
