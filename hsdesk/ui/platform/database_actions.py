"""The File menu's database actions: back up, restore, check, and the office server (connect to
it, move this PC's records onto it, go back to this PC's own database)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from hsdesk.domain.permissions import Permission, allowed
from hsdesk.services.platform import connection
from hsdesk.ui.common import ask, close_progress, progress_dialog, show_error, show_status

if TYPE_CHECKING:
    from hsdesk.db.backup import BackupResult
    from hsdesk.services.platform.office_server import Copied
    from hsdesk.ui.main_window import MainWindow


class DatabaseActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ctx = window.ctx

    def add_to(self, menu: QMenu) -> None:
        db = self.ctx.db
        menu.setToolTipsVisible(True)  # a greyed-out entry says why
        self._action(menu, "&Backup now", self.backup_now)
        restore = self._action(menu, "&Restore from backup…", self.restore_from_backup)
        self._allow(restore, Permission.RESTORE_BACKUPS)
        self._action(menu, "C&heck the database", self.check_database)
        menu.addSeparator()
        self._action(menu, "Co&nnect to the office server…", self.connect)
        if not db.is_server:
            move = self._action(menu, "&Move to the office server…", self.move)
            self._allow(move, Permission.MOVE_TO_SERVER)
        else:
            self._action(menu, "&Use the database on this PC", self.use_this_pc)

    def _allow(self, action: QAction, permission: Permission) -> None:
        """Grey out an entry this person may not use here, saying why (shown in the menu)."""
        why = "" if allowed(self.ctx.actor, permission) else permission.value.refusal
        if self.ctx.db.read_only is not None and not why:
            why = f"The database is open read-only ({self.ctx.db.read_only}), so nothing can be changed."
        action.setEnabled(not why)
        action.setToolTip(why or action.text().replace("&", ""))

    def _action(self, menu: QMenu, text: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # Backups and checks

    def backup_now(self) -> None:
        from hsdesk.services.platform.backups import backup_now, describe_backup
        from hsdesk.ui.worker import run_in_background

        what = "The office server was" if self.ctx.db.is_server else "The database was"

        def done(result: BackupResult) -> None:
            info = describe_backup(result.path)
            missing = (
                "\n\nThese stored files are missing and could not be backed up:\n"
                + "\n".join(result.missing_files[:5])
                if result.missing_files
                else ""
            )
            QMessageBox.information(
                self.window,
                "Backed up",
                f"{what} backed up to\n{result.path}\n\nIt holds {info.summary}."
                f"{missing}\n\nCopy the backups folder to a USB stick or the office share "
                "from time to time, so a backup survives if this PC does not.",
            )

        run_in_background(
            lambda: backup_now(self.ctx.db),
            done,
            lambda exc: show_error(self.window, exc, "Not backed up"),
        )

    def restore_from_backup(self) -> None:
        from hsdesk.ui.platform.backup_dialogs import RestoreDialog

        db = self.ctx.db
        intro = (
            "Choose the backup to put back on the office server (the newest is first). hsdesk "
            "backs up the server as it is now, then replaces everything on it with the backup, "
            "for every PC. Anyone working now will see the restored records."
            if db.is_server
            else "Choose the backup to put back (the newest is first). hsdesk closes this "
            "window, backs up the database as it is now, restores the backup and opens it "
            "again; everyone signs in again afterwards."
        )
        dialog = RestoreDialog(db.backups_dir, intro, self.window)
        if not ask(dialog) or dialog.chosen is None:
            return
        if db.is_server:
            self._restore_into_server(dialog.chosen)
            return
        from hsdesk.services.platform.standing import require
        from hsdesk.ui.operation import Operation

        still = partial(require, db, self.ctx.actor, Permission.RESTORE_BACKUPS)
        if not Operation(self.window, still, "Not restored").run():
            return  # the account changed since signing in (the file is still open to ask)
        self.window.restore_request = dialog.chosen
        if not self.window.close():
            self.window.restore_request = None

    def _restore_into_server(self, backup: Path) -> None:
        from hsdesk.services.platform.office_server import restore_into_server

        def done(copied: Copied) -> None:
            kept = (
                f"\n\nThe server as it was is kept in {copied.previous}." if copied.previous else ""
            )
            QMessageBox.information(
                self.window,
                "Backup restored",
                f"The backup {backup.name} is now on the office server: {copied.summary}.{kept}",
            )
            self.window.refresh()

        self._long_copy(
            "Restoring the backup",
            f"Putting {backup.name} back on the office server…",
            lambda report, cancelled: restore_into_server(
                self.ctx.db, backup, self.ctx.actor, report=report, cancelled=cancelled
            ),
            done,
            "Not restored",
        )

    def verify_history(self) -> None:
        """On opening, in the background: is the audit trail still the one this PC verified,
        and do the entries since then follow on? Says so only when they do not."""
        from hsdesk.services.platform.anchors import verified_since_seen
        from hsdesk.ui.worker import run_in_background

        def done(problem: str | None) -> None:
            if problem is None:
                return
            QMessageBox.warning(
                self.window,
                "The audit trail has changed",
                f"hsdesk found that {problem}.\n\nNothing was changed. Tell whoever looks after "
                "hsdesk, and keep the backups: they hold the trail as it was.",
            )

        def failed(exc: Exception) -> None:
            self.window.statusBar().showMessage(f"The audit trail was not checked: {exc}", 15000)

        run_in_background(lambda: verified_since_seen(self.ctx.db), done, failed, busy_cursor=False)

    def check_database(self) -> None:
        from hsdesk.domain.progress import Steps, Stopped
        from hsdesk.services.platform.integrity import check, not_checked
        from hsdesk.ui.worker import run_with_progress

        def done(problems: list[str]) -> None:
            if not problems:
                intact = (
                    "every record's links hold"
                    if self.ctx.db.is_server
                    else "the file is intact, every record's links hold"
                )
                skipped = "".join(
                    f"\n\n{line[0].upper()}{line[1:]}." for line in not_checked(self.ctx.db)
                )
                QMessageBox.information(
                    self.window,
                    "Database checked",
                    f"All is well: {intact}, the audit trail is unbroken and every stored file "
                    "matches its fingerprint. (Entries and files this PC checked before and "
                    "that have not changed since were not read again; every 30 days all of "
                    f"them are.){skipped}",
                )
                return
            QMessageBox.warning(
                self.window,
                "Problems found",
                "The check found these problems (nothing was changed):\n\n"
                + "\n".join(problems[:15])
                + "\n\nRestore a recent backup (File → Restore from backup…), or ask whoever "
                "looks after hsdesk.",
            )

        box = progress_dialog(self.window, "Checking the database", "Starting…", 100, modal=False)
        box.setMinimumWidth(400)

        def on_progress(step: int, total: int, text: str) -> None:
            box.setMaximum(total)
            box.setValue(step)
            box.setLabelText(text)

        def finished(problems: list[str]) -> None:
            close_progress(box)
            done(problems)

        def failed(exc: Exception) -> None:
            close_progress(box)
            if isinstance(exc, Stopped):
                show_status(self.window, "The check was stopped; nothing was recorded.")
            else:
                show_error(self.window, exc)

        db = self.ctx.db
        job = run_with_progress(
            lambda progress: check(db, steps=Steps(progress.report, progress.cancelled)),
            finished,
            failed,
            on_progress,
        )
        box.canceled.connect(job.cancel)
        box.show()

    # The office server

    def connect(self) -> None:
        from hsdesk.ui.platform.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window, known=self.ctx.db.moved_to)
        if not ask(dialog) or dialog.url is None:
            return
        self._switch(
            dialog.url, dialog.password, "hsdesk now opens the office's records on the server."
        )

    def use_this_pc(self) -> None:
        answer = QMessageBox.question(
            self.window,
            "Use the database on this PC",
            "Stop using the office server on this PC and open the database in this PC's own "
            "data folder instead? The server and its records are not changed.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        connection.use_this_pc()
        self.window.switch_to = ""
        self.window.close()

    def move(self) -> None:
        from hsdesk.services.platform.office_server import move_to_server
        from hsdesk.ui.platform.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window, moving=True)
        if not ask(dialog) or dialog.url is None or dialog.tried is None:
            return
        url, password, where = dialog.url, dialog.password, dialog.tried.where
        answer = QMessageBox.question(
            self.window,
            "Move to the office server",
            f"Copy every record and stored file on this PC onto {where}?\n\nhsdesk checks the "
            "copy, then keeps this PC's database read-only as it is, and opens the office's "
            "records on the server. Nobody can change anything on this PC while it copies.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(copied: Copied) -> None:
            note = connection.use_server(url, password)
            kept = f"\n\nNote: {note}." if note else ""
            QMessageBox.information(
                self.window,
                "Moved to the office server",
                f"{copied.summary} are now on {copied.server}, and the copy was checked. This "
                f"PC's database is kept read-only as it was.{kept}\n\nOn the office's other "
                "PCs, choose File → Connect to the office server….",
            )
            self.window.switch_to = url
            self.window.close()

        self._long_copy(
            "Moving to the office server",
            f"Copying this PC's records onto {where}…",
            lambda report, cancelled: move_to_server(
                self.ctx.db, url, self.ctx.actor, report=report, cancelled=cancelled
            ),
            done,
            "Not moved",
        )

    def _switch(self, url: str, password: str, message: str) -> None:
        note = connection.use_server(url, password)
        kept = f"\n\nNote: {note}." if note else ""
        QMessageBox.information(
            self.window, "Connected", f"{message} Everyone signs in again there.{kept}"
        )
        self.window.switch_to = url
        self.window.close()

    def _long_copy(self, title: str, label: str, work, done, refusal: str) -> None:  # type: ignore[no-untyped-def]
        from hsdesk.ui.worker import Progress, run_with_progress

        box = progress_dialog(self.window, title, label, 100, modal=True)
        box.setMinimumWidth(440)  # room for "Copied stored file 1,234 of 5,678" and the server

        def on_progress(step: int, total: int, text: str) -> None:
            box.setMaximum(total)
            box.setValue(step)
            box.setLabelText(text)

        def finished(result: object) -> None:
            close_progress(box)
            done(result)

        def failed(exc: Exception) -> None:
            close_progress(box)
            show_error(self.window, exc, refusal)

        def run(progress: Progress) -> object:
            return work(progress.report, progress.cancelled)

        job = run_with_progress(run, finished, failed, on_progress)
        box.canceled.connect(job.cancel)
        box.show()
