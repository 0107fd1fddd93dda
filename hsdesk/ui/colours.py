"""Colours that follow the person's Windows colours. hsdesk marks states in colour (red for
overdue, green for cleared, grey for hints), chosen for a light window. Drawn through here they
stay readable on any window: in high contrast the person's own text colour is used (Windows'
high-contrast themes ask programs to use only the colours chosen), and on a dark window each
colour is brightened until it reads at 4.5:1, the WCAG level for text.

Nothing here is read at import: each colour is worked out from the palette when it is drawn, so
a window drawn again after Windows' colours change (MainWindow reads its tabs again) follows."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette, Qt
from PySide6.QtWidgets import QApplication, QWidget

BAD = "#a61b1b"  # overdue, refused, missing
GOOD = "#1d6b2f"  # cleared, passed
WARN = "#8a5a00"  # expiring, needs a look
GREY = "#5b6170"  # guidance and hints
EXPIRING = "#a15c00"  # consent running out
UNCHECKED = "#6b4fa0"  # not looked at yet
READABLE = 4.5  # WCAG 2 AA contrast for text
ROLE = "hsdesk_ink"  # a widget property: the design colour its text is drawn in


def high_contrast() -> bool:
    """Whether the person asked Windows for high contrast."""
    hints = QGuiApplication.styleHints()
    preference = hints.accessibility().contrastPreference()
    return preference == Qt.ContrastPreference.HighContrast


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(one: QColor, other: QColor, share: float) -> QColor:
    """``one`` with ``share`` of ``other`` blended in."""
    return QColor.fromRgbF(
        one.redF() + (other.redF() - one.redF()) * share,
        one.greenF() + (other.greenF() - one.greenF()) * share,
        one.blueF() + (other.blueF() - one.blueF()) * share,
    )


def ink(colour: str, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> str:
    """The colour to write text meaning ``colour`` on the palette's ``role`` (the window, or
    ``Base`` inside lists and boxes)."""
    palette = QGuiApplication.palette()
    text_role = (
        QPalette.ColorRole.Text
        if role == QPalette.ColorRole.Base
        else QPalette.ColorRole.WindowText
    )
    text = palette.color(text_role)
    if high_contrast():
        return text.name()
    ground = palette.color(role)
    chosen = QColor(colour)
    for step in range(11):  # towards the palette's own text colour, which reads
        tried = _mix(chosen, text, step / 10)
        if contrast(tried, ground) >= READABLE:
            return tried.name()
    return text.name()


def muted() -> str:
    """The colour of hints and guidance."""
    return ink(GREY)


def tint(colour: str) -> QColor | None:
    """A pale background meaning ``colour`` behind text in a list, or None in high contrast
    (text then keeps the person's own colours)."""
    if high_contrast():
        return None
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return _mix(base, QColor(colour), 0.14)


def paint_text(widget: QWidget, colour: str = GREY) -> None:
    """Draw ``widget``'s text in ``colour`` as ``ink`` works it out, now and after Windows'
    colours change (``follow_palette``)."""
    widget.setProperty(ROLE, colour)
    _apply(widget, colour)


def _apply(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    wanted = QColor(ink(colour))
    if palette.color(QPalette.ColorRole.WindowText) != wanted:
        palette.setColor(QPalette.ColorRole.WindowText, wanted)
        palette.setColor(QPalette.ColorRole.Text, wanted)
        widget.setPalette(palette)


def follow_palette() -> None:
    """After Windows' colours change: every widget given a colour by ``paint_text`` again."""
    for widget in QApplication.allWidgets():
        colour = widget.property(ROLE)
        if isinstance(colour, str):
            _apply(widget, colour)
