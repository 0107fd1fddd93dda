"""Preview a PDF made by hsdesk, then print it, save a copy, or open it in the PC's PDF reader."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.db.filestore import write_atomic
from hsdesk.ui.common import show_error
from hsdesk.ui.screen_fit import fit_to_screen


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        data: bytes,
        file_name: str,
        title: str,
        note: str = "",
        parent: QWidget | None = None,
        on_printed: Callable[[], None] | None = None,
    ) -> None:
        """``on_printed`` runs once the pages have gone to the printer (e.g. to record it)."""
        super().__init__(parent)
        self.data = data
        self.on_printed = on_printed
        self.file_name = file_name
        self.setWindowTitle(title)
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        print_button = QPushButton("&Print…")
        save_button = QPushButton("&Save as…")
        open_button = QPushButton("&Open in PDF reader")
        close_button = QPushButton("&Close")
        print_button.clicked.connect(self.print_pdf)
        save_button.clicked.connect(self.save_as)
        open_button.clicked.connect(self.open_external)
        close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        pages = self.document.pageCount()
        info = QLabel(note or f"{pages} page{'s' if pages != 1 else ''}")
        info.setWordWrap(True)
        bar.addWidget(info, 1)
        for button in (print_button, save_button, open_button, close_button):
            bar.addWidget(button)
        for key, button in (
            (QKeySequence.StandardKey.Print, print_button),
            (QKeySequence.StandardKey.Save, save_button),
            (QKeySequence.StandardKey.Close, close_button),  # Ctrl+W, Ctrl+F4 on Windows
        ):
            QShortcut(key, self, button.click)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        fit_to_screen(self, 820, 900)  # a whole page where the screen has room

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save a copy of the PDF", str(Path.home() / self.file_name), "PDF files (*.pdf)"
        )
        if not path:
            return
        try:
            write_atomic(Path(path), self.data)
        except OSError as exc:
            show_error(self, exc, "Could not save the PDF")

    def open_external(self) -> None:
        folder = Path(tempfile.gettempdir()) / "hsdesk"
        target = folder / self.file_name
        try:
            write_atomic(target, self.data)
        except OSError as exc:
            show_error(self, exc, "Could not open the PDF")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def print_pdf(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.render_to(printer) and self.on_printed is not None:
            self.on_printed()

    def render_to(self, printer) -> bool:  # type: ignore[no-untyped-def]
        """Draw each page as an image at the printer's resolution; False if it could not start."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, OSError("The printer could not be started."), "Could not print")
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = painter.viewport()
                points = self.document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                painter.drawImage(0, 0, self.document.render(page, size))
        finally:
            painter.end()
        return True
