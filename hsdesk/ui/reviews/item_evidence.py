"""The evidence of a review's checklist item: files and screenshots attached, opened and
removed (a part of the item panel)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QListWidget, QMessageBox, QWidget

from hsdesk.domain import clock
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.review_records import ItemRecord
from hsdesk.services.reviews import checklist
from hsdesk.ui.common import open_stored_file, read_scan, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.signals import emit

ROLE = Qt.ItemDataRole.UserRole


class ItemEvidence(QWidget):
    """What the item panel does with evidence; it sets ``item`` and fills ``evidence``."""

    changed: Signal
    ctx: AppContext
    item: ItemRecord | None
    evidence: QListWidget

    def attach_file(self) -> None:
        if self.item is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Attach evidence",
            str(Path.home()),
            "Screenshots and documents (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff "
            "*.pdf);;All files (*)",
        )
        for name in names:
            scan = read_scan(self, Path(name))
            if scan is not None:
                self._attach(scan[0], Path(name).name)
        emit(self.changed)

    def paste_screenshot(self) -> None:
        if self.item is None:
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            show_error(
                self,
                ValidationError(
                    "There is no picture on the clipboard. Take a screenshot (Windows key + "
                    "Shift + S), then press Paste screenshot."
                ),
                "Nothing to paste",
            )
            return
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        self._attach(bytes(data.data()), f"screenshot-{clock.today():%Y-%m-%d}.png")
        emit(self.changed)

    def _attach(self, data: bytes, name: str) -> None:
        assert self.item is not None
        item_id = self.item.id
        Operation(
            self,
            lambda: checklist.add_evidence(self.ctx.db, self.ctx.actor, item_id, data, name),
            "Not attached",
        ).run()

    def _evidence_id(self) -> int | None:
        entry = self.evidence.currentItem() or (
            self.evidence.item(0) if self.evidence.count() == 1 else None
        )
        return int(entry.data(ROLE)) if entry is not None else None

    def open_evidence(self) -> None:
        ident = self._evidence_id()
        record = next((e for e in self.item.evidence if e.id == ident), None) if self.item else None
        if record is not None:
            open_stored_file(self, self.ctx.db, record.sha256, record.file_name)

    def remove_evidence(self) -> None:
        ident = self._evidence_id()
        if ident is None:
            return
        answer = QMessageBox.question(self, "Remove evidence", "Remove this file from the item?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        Operation(self, lambda: checklist.remove_evidence(self.ctx.db, self.ctx.actor, ident)).run()
        emit(self.changed)
