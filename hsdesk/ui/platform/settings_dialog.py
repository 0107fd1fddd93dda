"""Settings: the scheme's document-signing certificate (fingerprint, validity, export), when
inductions become overdue, how quarters are numbered, how soon a complaint needs its private
reply, how long records are kept, and (on an office server) where its backups go."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_date
from hsdesk.domain.duties import D
from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.review import QuarterScheme
from hsdesk.services.inductions import records as inductions
from hsdesk.services.platform import idle_lock, office_server, signing
from hsdesk.services.policy.duties import current_citations
from hsdesk.services.registers import reply_time
from hsdesk.services.reviews import quarterly as reviews
from hsdesk.ui.common import allow, close_buttons, combo_value, fill_combo, hint_label, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.operation import Operation


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
            allow(
                self.export_button,
                "" if ctx.actor.is_admin else "Only an administrator can export the certificate.",
            )
            if not ctx.actor.is_admin:
                self.export_button.setToolTip("Only an administrator can export the certificate.")
            self.export_button.clicked.connect(self.export)
            form.addRow(self.export_button)
        buttons = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self._inductions_box())
        layout.addWidget(self._reviews_box())
        layout.addWidget(self._complaints_box())
        layout.addWidget(self._lock_box())
        if ctx.db.is_server:
            layout.addWidget(self._backups_box())
        layout.addLayout(self._row(self._retention_button(), None, buttons))
        self.watch_changes()  # closing with a changed number that was not saved asks first
        self.setMinimumWidth(640)

    def _number(self, low: int, high: int, suffix: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(value)
        return spin

    def _save_button(self, text: str, save: Callable[[], None], *fields: QWidget) -> QPushButton:
        """A Save button for ``fields``; only an administrator can use either."""
        button = QPushButton(text)
        button.clicked.connect(save)
        admin = self.ctx.actor.is_admin
        for widget in (*fields, button):
            allow(widget, "" if admin else "Only an administrator can change this.")
        if not admin:
            button.setToolTip("Only an administrator can change this.")
        return button

    def _saved(self, save: Callable[[], object], message: str) -> None:
        """Run ``save``; say what is now set, or why it was refused."""
        if not Operation(self, lambda: save(), "Not saved").run():
            return
        self.mark_saved()
        QMessageBox.information(self, "Saved", message)

    @staticmethod
    def _row(*parts: QWidget | None) -> QHBoxLayout:
        """The widgets in a row; None is where the row stretches."""
        row = QHBoxLayout()
        for part in parts:
            if part is None:
                row.addStretch(1)
            else:
                row.addWidget(part)
        return row

    def _inductions_box(self) -> QGroupBox:
        box = QGroupBox("Inductions")
        form = QFormLayout(box)
        self.overdue_days = self._number(1, 365, " days", inductions.overdue_days(self.ctx.db))
        self.save_days = self._save_button("Sa&ve", self.save_overdue_days, self.overdue_days)
        form.addRow(
            "Acknowledgement overdue after", self._row(self.overdue_days, self.save_days, None)
        )
        form.addRow(
            hint_label(
                "Counted from the day someone starts, or from the day a new version is adopted."
            )
        )
        return box

    def _reviews_box(self) -> QGroupBox:
        box = QGroupBox("Quarterly reviews")
        form = QFormLayout(box)
        scheme, days = reviews.quarter_settings(self.ctx.db)
        self.scheme = QComboBox()
        fill_combo(self.scheme, [(s.label, s) for s in QuarterScheme], scheme)
        self.due_days = self._number(1, 120, " days", days)
        self.save_reviews = self._save_button(
            "Save", self.save_review_settings, self.scheme, self.due_days
        )
        form.addRow("Quarters numbered by", self.scheme)
        form.addRow(
            "Review due",
            self._row(self.due_days, QLabel("after the quarter ends"), None, self.save_reviews),
        )
        return box

    def _complaints_box(self) -> QGroupBox:
        box = QGroupBox("Complaints")
        form = QFormLayout(box)
        hours = reply_time.reply_hours(self.ctx.db)
        self.reply_hours = self._number(1, reply_time.MAX_REPLY_HOURS, " hours", hours)
        self.save_hours = self._save_button("Save", self.save_reply_hours, self.reply_hours)
        form.addRow(
            "Private reply overdue",
            self._row(
                self.reply_hours, QLabel("after the complaint is seen"), None, self.save_hours
            ),
        )
        form.addRow(
            hint_label(
                f"The policy ({current_citations(self.ctx.db).ref(D.COMPLAINTS)}) asks for a "
                "private reply straight away; an open complaint without one goes to the top of "
                "the Dashboard after this time."
            )
        )
        return box

    def _lock_box(self) -> QGroupBox:
        box = QGroupBox("A PC left unattended")
        form = QFormLayout(box)
        minutes = idle_lock.lock_minutes(self.ctx.db)
        self.lock_minutes = self._number(1, idle_lock.LONGEST_LOCK_MINUTES, " minutes", minutes)
        self.save_lock = self._save_button("Save", self.save_lock_minutes, self.lock_minutes)
        form.addRow(
            "Lock hsdesk after",
            self._row(self.lock_minutes, QLabel("without keyboard or mouse"), None, self.save_lock),
        )
        return box

    def _retention_button(self) -> QPushButton:
        change = QPushButton("How &long records are kept…")
        change.setAutoDefault(False)  # Enter in the dialog still closes it
        change.setToolTip(
            "The retention schedule for personal data: how many years each kind of record is "
            "kept once it is no longer needed, and why."
        )
        change.clicked.connect(self._retention)
        return change

    def _retention(self) -> None:
        from hsdesk.ui.people.retention_schedule import ScheduleDialog

        ScheduleDialog(self.ctx, self).exec()

    def save_lock_minutes(self) -> None:
        minutes = self.lock_minutes.value()
        self._saved(
            lambda: idle_lock.set_lock_minutes(self.ctx.db, self.ctx.actor, minutes),
            f"hsdesk now locks after {minutes} minutes without use, on every PC (on the others "
            "from their next sign-in).",
        )

    def _backups_box(self) -> QGroupBox:
        box = QGroupBox("Backups of the office server")
        form = QFormLayout(box)
        folder, named = office_server.backup_folder(self.ctx.db)
        self.backup_folder = QLineEdit(str(folder) if named else "")
        self.backup_folder.setMaxLength(office_server.FOLDER_LIMIT)
        self.backup_folder.setPlaceholderText("each PC's own data folder")
        self.backup_folder.setToolTip(f"Where this PC backs the server up now: {folder}")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse_backup_folder)
        save = self._save_button("Save", self.save_backup_folder, self.backup_folder, browse)
        form.addRow("Backups go to", self._row(self.backup_folder, browse, save))
        form.addRow(
            hint_label(
                "A folder every PC can reach, e.g. a share on the server. One PC at a time backs "
                "the server up there: every half hour and on closing, when something changed."
            )
        )
        return box

    def browse_backup_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Where the office server's backups go", self.backup_folder.text()
        )
        if chosen:
            self.backup_folder.setText(chosen)

    def save_backup_folder(self) -> None:
        text = self.backup_folder.text()
        self._saved(
            lambda: office_server.set_backup_folder(self.ctx.db, self.ctx.actor, text),
            f"The office server's backups now go to {text.strip() or 'each PC’s own data folder'}.",
        )

    def save_reply_hours(self) -> None:
        hours = self.reply_hours.value()
        self._saved(
            lambda: reply_time.set_reply_hours(self.ctx.db, self.ctx.actor, hours),
            f"A complaint without a private reply is now overdue {hours} hours after it was seen.",
        )

    def save_review_settings(self) -> None:
        scheme, days = combo_value(self.scheme), self.due_days.value()
        self._saved(
            lambda: reviews.set_quarter_settings(self.ctx.db, self.ctx.actor, scheme, days),
            f"Quarters are numbered by the {scheme.label.split(' (')[0].lower()}, and each "
            f"quarter's review is due {days} days after it ends.",
        )

    def save_overdue_days(self) -> None:
        days = self.overdue_days.value()
        self._saved(
            lambda: inductions.set_overdue_days(self.ctx.db, self.ctx.actor, days),
            f"Inductions are now overdue {days} days after a person starts or a new version is "
            "adopted.",
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
