"""Sort arrows as Windows draws them: a list sorted A to Z (oldest first) has its arrow pointing
up, Z to A (newest first) down, as in File Explorer. Qt's own Fusion style, used where there is
no Windows style, draws them the other way round; its headers are given a style that turns the
arrow over. Windows' own styles already draw Windows' arrows and are left alone."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)

TURNED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class WindowsSortArrows(QProxyStyle):
    """The application's style, with the header's sort arrow turned over."""

    def drawPrimitive(  # noqa: N802
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            turned = QStyleOptionHeader(option)
            turned.sortIndicator = TURNED.get(option.sortIndicator, option.sortIndicator)
            option = turned
        super().drawPrimitive(element, option, painter, widget)


_style: list[WindowsSortArrows] = []  # one for every header, made when first needed


def windows_arrows(header: QHeaderView) -> None:
    """Give ``header`` Windows' sort arrows, where the application's style draws Qt's."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.style().name().lower() != "fusion":
        return
    if not _style:
        _style.append(WindowsSortArrows("fusion"))
        _style[0].setParent(app)  # lives as long as the application
    header.setStyle(_style[0])
