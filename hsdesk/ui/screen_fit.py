"""Windows sized to the screen they open on, so a laptop of 1366×768 less its taskbar shows every
window whole, its buttons included, whatever size the window would like."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for what the window system adds around a window's size: a Windows title bar at 100 %
# and the frame's edges.
TITLE_BAR = 32
EDGES = 16


def available(widget: QWidget) -> QRect:
    """The part of ``widget``'s screen (its parent's, before it is shown) that windows may use:
    the whole screen less the taskbar."""
    screen = (widget.parentWidget() or widget).screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` ``width`` × ``height``, or as much of it as its screen has room for."""
    area = available(window)
    window.resize(min(width, area.width() - EDGES), min(height, area.height() - TITLE_BAR))


def fits(window: QWidget) -> bool:
    """Whether ``window``, frame and all, lies within its screen's available area."""
    area = available(window)
    return window.width() + EDGES <= area.width() and window.height() + TITLE_BAR <= area.height()
