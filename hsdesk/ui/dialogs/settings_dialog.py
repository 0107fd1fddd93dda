"""Settings: the scheme's document-signing certificate (fingerprint, validity, export)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import HsdeskError
from hsdesk.services import signing
from hsdesk.ui.common import show_error
from hsdesk.ui.context import AppContext


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        box = QGroupBox("Document-signing certificate")
        form = QFormLayout(box)
        summary = signing.current_certificate(ctx.db)
        if summary is None:
            none_yet = QLabel(
                "There is no signing certificate yet. hsdesk makes one on this PC the first "
                "time it signs a PDF (for example the adopted policy)."
            )
            none_yet.setWordWrap(True)
            form.addRow(none_yet)
        else:
            half = len(summary.fingerprint) // 2 + 1
            fingerprint = QLabel(f"{summary.fingerprint[:half]}\n{summary.fingerprint[half:]}")
            fingerprint.setStyleSheet("font-family: monospace")
            fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow("Issued to", QLabel(summary.subject))
            form.addRow(
                "Valid",
                QLabel(
                    f"{format_date(summary.valid_from.date())} to {format_date(summary.valid_until.date())}"
                ),
            )
            form.addRow("SHA-256 fingerprint", fingerprint)
            advice = QLabel(
                "Give this fingerprint to anyone who checks the scheme's signed PDFs, so they "
                "can be sure the certificate they trust is this one."
            )
            advice.setWordWrap(True)
            form.addRow(advice)
            self.export_button = QPushButton("&Export certificate…")
            self.export_button.setEnabled(ctx.actor.is_admin)
            if not ctx.actor.is_admin:
                self.export_button.setToolTip("Only an administrator can export the certificate.")
            self.export_button.clicked.connect(self.export)
            form.addRow(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the signing certificate",
            str(Path.home() / "home-start-signing-certificate.pem"),
            "Certificates (*.pem *.crt)",
        )
        if not path:
            return
        try:
            signing.export_certificate(self.ctx.db, self.ctx.actor, Path(path))
        except (HsdeskError, OSError) as exc:
            show_error(self, exc, "Not exported")
            return
        QMessageBox.information(
            self, "Exported", f"The certificate (not its private key) was saved to {path}."
        )
