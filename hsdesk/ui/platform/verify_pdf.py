"""Tools → Verify a signed PDF: choose the file, check it in the background, say what it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QSplitter,
    QWidget,
)

from hsdesk.ui.common import show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.worker import run_in_background


def verify_signed_pdf(parent: QWidget, ctx: AppContext) -> None:
    """Ask for a PDF, check it off the UI thread, and say plainly what was found."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Verify a signed PDF", str(Path.home()), "PDF files (*.pdf);;All files (*)"
    )
    if not path:
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        show_error(parent, exc, "Could not read the file")
        return
    from hsdesk.services.signed_pdfs import VerifyReport, verify

    def done(report: VerifyReport) -> None:
        text = "\n\n".join(report.lines())
        name = Path(path).name
        if report.ok:
            QMessageBox.information(parent, f"{name}: signature valid", text)
        else:
            QMessageBox.warning(parent, f"{name}: NOT valid", text)

    run_in_background(
        lambda: verify(ctx.db, data), done, lambda exc: show_error(parent, exc, "Not checked")
    )

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "editor-splitter": self.editor.splitter}
