"""A box to sign in with the mouse, a pen or a finger (Qt turns pen and touch into mouse
events); strokes can be undone one at a time or cleared, and the result saved as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from hsdesk.ui.signals import emit

INK = QColor(20, 40, 110)


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.setMinimumSize(QSize(360, 130))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Sign here with the mouse, a pen or your finger")
        self.setAccessibleName("Signature box")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 140)

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        emit(self.changed)

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()
            emit(self.changed)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.strokes.append([event.position()])
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton and self.strokes:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.strokes:
            if len(self.strokes[-1]) == 1:  # a dot: make it visible
                point = self.strokes[-1][0]
                self.strokes[-1].append(point + QPointF(0.8, 0.8))
            emit(self.changed)

    def _path(self, scale: float = 1.0, offset: QPointF | None = None) -> QPainterPath:
        shift = offset or QPointF(0, 0)
        path = QPainterPath()
        for stroke in self.strokes:
            if not stroke:
                continue
            path.moveTo((stroke[0] - shift) * scale)
            for point in stroke[1:]:
                path.lineTo((point - shift) * scale)
        return path

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b8bcc6"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 30
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        painter.drawText(QRectF(8, baseline - 4, 20, 20), "✕")
        if self.is_empty():
            painter.setPen(QColor("#8a8f99"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Sign here")
        painter.setPen(self._pen(2.2))
        painter.drawPath(self._path())
        painter.end()

    @staticmethod
    def _pen(width: float) -> QPen:
        return QPen(
            INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )

    def to_png(self, scale: float = 3.0) -> bytes:
        """The strokes drawn crisply at ``scale`` on a transparent background, cropped to the ink."""
        if self.is_empty():
            return b""
        bounds = self._path().boundingRect().adjusted(-6, -6, 6, 6)
        size = QSize(int(bounds.width() * scale) + 1, int(bounds.height() * scale) + 1)
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen(2.2 * scale))
        painter.drawPath(self._path(scale, bounds.topLeft()))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())
