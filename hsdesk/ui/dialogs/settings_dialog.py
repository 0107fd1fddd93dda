"""Settings: the scheme's document-signing certificate (fingerprint, validity, export) and when
inductions become overdue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.review import QuarterScheme
from hsdesk.services import inductions, reviews, signing
from hsdesk.ui.common import GuardedDialog, combo_value, fill_combo, show_error
from hsdesk.ui.context import AppContext


class SettingsDialog(GuardedDialog):
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
        layout.addWidget(self._inductions_box())
        layout.addWidget(self._reviews_box())
        layout.addWidget(buttons)
        self.watch_changes()  # closing with a changed number that was not saved asks first
        self.setMinimumWidth(640)

    def _inductions_box(self) -> QGroupBox:
        box = QGroupBox("Inductions")
        form = QFormLayout(box)
        self.overdue_days = QSpinBox()
        self.overdue_days.setRange(1, 365)
        self.overdue_days.setSuffix(" days")
        self.overdue_days.setValue(inductions.overdue_days(self.ctx.db))
        self.save_days = QPushButton("Sa&ve")
        self.save_days.clicked.connect(self.save_overdue_days)
        admin = self.ctx.actor.is_admin
        self.overdue_days.setEnabled(admin)
        self.save_days.setEnabled(admin)
        if not admin:
            self.save_days.setToolTip("Only an administrator can change this.")
        row = QHBoxLayout()
        row.addWidget(self.overdue_days)
        row.addWidget(self.save_days)
        row.addStretch(1)
        form.addRow("Acknowledgement overdue after", row)
        hint = QLabel(
            "Counted from the day someone starts, or from the day a new version is adopted."
        )
        hint.setStyleSheet("color: #5b6170")
        form.addRow(hint)
        return box

    def _reviews_box(self) -> QGroupBox:
        box = QGroupBox("Quarterly reviews")
        form = QFormLayout(box)
        scheme, days = reviews.quarter_settings(self.ctx.db)
        self.scheme = QComboBox()
        fill_combo(self.scheme, [(s.label, s) for s in QuarterScheme], scheme)
        self.due_days = QSpinBox()
        self.due_days.setRange(1, 120)
        self.due_days.setSuffix(" days")
        self.due_days.setValue(days)
        self.save_reviews = QPushButton("Save")
        self.save_reviews.clicked.connect(self.save_review_settings)
        admin = self.ctx.actor.is_admin
        for widget in (self.scheme, self.due_days, self.save_reviews):
            widget.setEnabled(admin)
        row = QHBoxLayout()
        row.addWidget(self.due_days)
        row.addWidget(QLabel("after the quarter ends"))
        row.addStretch(1)
        row.addWidget(self.save_reviews)
        form.addRow("Quarters numbered by", self.scheme)
        form.addRow("Review due", row)
        return box

    def save_review_settings(self) -> None:
        scheme = combo_value(self.scheme)
        try:
            reviews.set_quarter_settings(self.ctx.db, self.ctx.actor, scheme, self.due_days.value())
        except HsdeskError as exc:
            show_error(self, exc, "Not saved")
            return
        self.mark_saved()
        QMessageBox.information(
            self,
            "Saved",
            f"Quarters are numbered by the {scheme.label.split(' (')[0].lower()}, and each "
            f"quarter's review is due {self.due_days.value()} days after it ends.",
        )

    def save_overdue_days(self) -> None:
        try:
            inductions.set_overdue_days(self.ctx.db, self.ctx.actor, self.overdue_days.value())
        except HsdeskError as exc:
            show_error(self, exc, "Not saved")
            return
        self.mark_saved()
        QMessageBox.information(
            self,
            "Saved",
            f"Inductions are now overdue {self.overdue_days.value()} days after a person starts "
            "or a new version is adopted.",
        )

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
