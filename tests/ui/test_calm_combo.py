"""Scrolling past a drop-down list does not change it: the photo details' Event box changed
silently when the wheel passed over it. Once clicked into, the wheel chooses as usual."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from hsdesk.ui.calm_combo import CalmComboBox


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch towards the user
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_passing_over_changes_nothing_until_the_box_is_chosen(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    other = QLineEdit()
    combo = CalmComboBox()
    combo.addItems(["Summer fair", "Toddler group", "AGM"])
    layout = QVBoxLayout(page)
    layout.addWidget(other)
    layout.addWidget(combo)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    _wheel_down(combo)
    assert combo.currentText() == "Summer fair" and QApplication.focusWidget() is other
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    _wheel_down(combo)
    assert combo.currentText() == "Toddler group"


def test_the_photo_details_event_box_is_calm(qtbot, ctx):
    from hsdesk.ui.photos.panel import PhotoPanel
    from hsdesk.ui.photos.thumbnails import ThumbnailLoader

    panel = PhotoPanel(ctx, ThumbnailLoader(ctx.db))
    qtbot.addWidget(panel)
    assert isinstance(panel.event_box, CalmComboBox)
