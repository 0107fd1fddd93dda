"""Choosing a backup to restore, and the questions asked when the database cannot be opened
normally (in use elsewhere, damaged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.dates import format_datetime
from hsdesk.services.platform.backups import BackupInfo, describe_backup, list_backups
from hsdesk.ui.common import allow, named


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, size // 1000)} KB"


class RestoreDialog(QDialog):
    """The backups in a folder, newest first, with what each holds; the chosen one is
    ``self.chosen`` once accepted."""

    def __init__(self, folder: Path, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.folder = folder
        self.chosen: Path | None = None
        label = QLabel(intro)
        label.setWordWrap(True)
        self.table = named(QTreeWidget(), "Backups")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Taken", "Why", "What it holds", "Size"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemDoubleClicked.connect(lambda *_: self._restore_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore this backup…")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore_selected)
        other = QPushButton("&Other backup file…")
        other.clicked.connect(self._choose_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.backups = list_backups(folder)
        for info in self.backups:
            self._add_row(info)
        first = self.table.topLevelItem(0)
        if self.backups and first is not None:
            self.table.setCurrentItem(first)
        else:
            self.table.addTopLevelItem(
                QTreeWidgetItem(["", "", f"There are no backups in {folder} yet.", ""])
            )
        header = self.table.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._selection_changed()
        self.resize(860, 420)

    def _add_row(self, info: BackupInfo) -> None:
        row = QTreeWidgetItem(
            [format_datetime(info.taken_at), info.kind.label, info.summary, _size(info.size)]
        )
        row.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
        row.setToolTip(2, str(info.path))
        row.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if info.problem:
            row.setDisabled(True)
        self.table.addTopLevelItem(row)

    def _selection_changed(self) -> None:
        current = self.table.currentItem()
        usable = current is not None and bool(current.data(0, Qt.ItemDataRole.UserRole))
        allow(
            self.restore_button,
            ("" if usable else "Choose a backup in the list first.")
            or (
                "This backup cannot be restored: see its line in the list."
                if current is not None and current.isDisabled()
                else ""
            ),
        )

    def _restore_selected(self) -> None:
        current = self.table.currentItem()
        if current is None or current.isDisabled():
            return
        path = current.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self._confirm(describe_backup(Path(path)))

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a backup", str(self.folder), "hsdesk backups (*.db)"
        )
        if name:
            self._confirm(describe_backup(Path(name)))

    def _confirm(self, info: BackupInfo) -> None:
        if info.problem:
            QMessageBox.warning(
                self, "Cannot restore that file", f"{info.path.name}: {info.problem}"
            )
            return
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Put the database back as it was on {format_datetime(info.taken_at)}?\n\n"
            f"It holds {info.summary}.\n\n"
            "Anything saved since then will not be in the restored database. The database as it "
            "is now is backed up first, so this can be undone by restoring that backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = info.path
            self.accept()


def ask_in_use(message: str) -> bool:
    """Another hsdesk has the database: True to open it read-only, False to stop."""
    box = QMessageBox(QMessageBox.Icon.Information, "The database is in use", message)
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def offer_restore(message: str, folder: Path) -> Path | None:
    """The database is damaged: explain, and let the user pick a backup to restore (or not)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The database is damaged", message)
    box.setInformativeText(
        "Choose a backup to put the database back as it was when that backup was taken."
    )
    choose = box.addButton("Choose a &backup…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(choose)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    dialog = RestoreDialog(folder, "Choose the backup to restore (the newest is first).")
    return dialog.chosen if dialog.exec() else None
