"""Every window fits a 1366×768 laptop less its taskbar (the tests' screen), its buttons
included: the main window, a PDF preview that would like a whole A4 page, and the content form."""

from __future__ import annotations

import os

from pdf_pages import a4_pages
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QWidget

from hsdesk.ui.content.item_dialog import ContentDialog
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog
from hsdesk.ui.screen_fit import EDGES, TITLE_BAR, fits


def _whole(qtbot, window: QWidget) -> None:
    """Shown, it fits the screen with its frame, and every button lies inside it."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert fits(window), f"{window.width()}×{window.height()} + frame > {screen.size()}"
    assert window.width() + EDGES <= screen.width()
    assert window.height() + TITLE_BAR <= screen.height()
    inside = QRect(0, 0, window.width(), window.height())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            assert inside.contains(where), f"{button.text()!r} is cut off at {where}"


def test_the_tests_screen_is_a_laptop_less_its_taskbar(qapp):
    screen = QGuiApplication.primaryScreen().availableGeometry()
    scaled = os.environ.get("QT_SCALE_FACTOR")  # test_scaling.py runs these at 150 %
    assert (screen.width(), screen.height()) == ((1280, 693) if scaled else (1366, 728))


def test_the_main_window_fits_the_laptop(qtbot, ctx):
    _whole(qtbot, MainWindow(ctx))


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
