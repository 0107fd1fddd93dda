"""A window's picture as the person sees it, checked to fit the screen with every button inside.
Set HSDESK_SCREENSHOTS to a folder to keep the pictures and look at them."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget

from hsdesk.ui.screen_fit import fits


def assert_fits_with_buttons_inside(window: QWidget, name: str) -> None:
    """The window's frame fits the screen's free area, each visible button lies wholly inside
    it, and its picture is what was drawn (kept under HSDESK_SCREENSHOTS when that is set)."""
    picture = window.grab()
    assert picture.deviceIndependentSize().toSize() == window.size(), f"{name}: not drawn whole"
    folder = os.environ.get("HSDESK_SCREENSHOTS")
    if folder:
        scale = f"{window.devicePixelRatio():g}x"
        file = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        picture.save(str(Path(folder) / f"{file}-{scale}.png"))
    screen = window.screen().availableGeometry()
    size = f"{window.width()}×{window.height()}"
    assert fits(window), f"{name}: {size} does not fit {screen.width()}×{screen.height()}"
    inside = QRect(0, 0, window.width(), window.height())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            shown = _scrolled_into_view_by(button, window) or button
            where = QRect(shown.mapTo(window, shown.rect().topLeft()), shown.size())
            assert inside.contains(where), f"{name}: {button.text()!r} is cut off"


def _scrolled_into_view_by(widget: QWidget, window: QWidget) -> QWidget | None:
    """The scroll area (within ``window``) that brings ``widget`` into view, if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None
