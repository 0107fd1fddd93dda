"""Every window fits a 1366×768 laptop less its taskbar (the tests' screen), its buttons
included: the main window on each of its tabs, a PDF preview that would like a whole A4 page, and
the content form. On each tab Tab reaches every box, list and button and leaves each one."""

from __future__ import annotations

import os

import pytest
from keyboard import mnemonic_faults, unreachable
from pdf_pages import a4_pages
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from screenshots import assert_fits_with_buttons_inside
from window_driving import show_tab

from hsdesk.services.platform import auth
from hsdesk.ui.content.item_dialog import ContentDialog
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog
from hsdesk.ui.screen_fit import TITLE_BAR


def _whole(qtbot, window: QWidget) -> None:
    """Shown, it fits the screen with its frame, and every button lies inside it."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert_fits_with_buttons_inside(window, window.windowTitle())


def test_the_tests_screen_is_a_laptop_less_its_taskbar(qapp):
    screen = QGuiApplication.primaryScreen().availableGeometry()
    scaled = os.environ.get("QT_SCALE_FACTOR")  # test_scaling.py runs these at 150 %
    assert (screen.width(), screen.height()) == ((1280, 693) if scaled else (1366, 728))


def test_the_main_window_fits_the_laptop(qtbot, ctx):
    _whole(qtbot, MainWindow(ctx))


def test_a_size_saved_on_a_bigger_screen_is_brought_within_this_one(qtbot, ctx):
    big = MainWindow(ctx)
    qtbot.addWidget(big)
    big.show()
    big.resize(1900, 1040)  # as on a Full HD monitor at the office
    big.close()
    again = MainWindow(ctx)
    _whole(qtbot, again)


@pytest.mark.parametrize("username", ["sdm", "vdo", "chair"])
def test_every_tab_fits_the_laptop_and_is_worked_from_the_keyboard(qtbot, demo_db, username):
    """Each person's every tab, opened in the window as they would: it fits, its buttons are on
    screen, and Tab goes round all of it without being held anywhere."""
    window = MainWindow(AppContext(demo_db, auth.sign_in(demo_db, username, "demo"), demo=True))
    _whole(qtbot, window)
    faults: list[str] = []
    for index in range(window.tabs.count()):
        show_tab(qtbot, window, index)
        name = window.tabs.tabText(index)
        assert_fits_with_buttons_inside(window, f"{username} {name} tab")
        faults += [f"{name}: {fault}" for fault in unreachable(window)]
        faults += [f"{name}: {fault}" for fault in mnemonic_faults(window)]
    assert not faults, "\n".join(faults)


def test_a_pdf_preview_fits_with_print_save_and_close_on_screen(qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = PdfPreviewDialog(a4_pages(1), "policy.pdf", "Policy")
    _whole(qtbot, dialog)
    assert (
        dialog.height() + TITLE_BAR <= QGuiApplication.primaryScreen().availableGeometry().height()
    )
    assert "1 page" in [label.text() for label in dialog.findChildren(QLabel)]


def test_the_content_form_fits(qtbot, ctx):
    _whole(qtbot, ContentDialog(ctx, None))
