"""The window's side of data safety: Backup now, Restore from backup, Check the database,
read-only mode, unsaved settings, and a second start bringing the first window forward."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox, QProgressDialog

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.backups import BackupKind
from hsdesk.services.platform.backups import list_backups
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow


def _menu_texts(window: MainWindow) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in file_menu.actions() if a.text()]


def test_backup_now_and_check_report_in_plain_words(qtbot, ctx, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert {"Backup now", "Restore from backup…", "Check the database"} <= set(_menu_texts(window))
    window.database.backup_now()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20_000)
    [backup] = list_backups(ctx.db.backups_dir)
    assert backup.kind is BackupKind.MANUAL and str(backup.path) in shown[0]
    assert "people" in shown[0] and "USB stick" in shown[0]
    window.database.check_database()
    [box] = window.findChildren(QProgressDialog)
    assert box.windowTitle() == "Checking the database"
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    assert shown[1].startswith("All is well")
    qtbot.wait(500)  # past the box's minimum duration: it does not come back at 100 %
    assert not [b for b in window.findChildren(QProgressDialog) if b.isVisible()]


def test_restore_from_backup_closes_the_window_then_puts_the_backup_back(qtbot, ctx, monkeypatch):
    from hsdesk.app import restore_backup
    from hsdesk.services.platform.backups import backup_now
    from hsdesk.ui.platform import backup_dialogs
    from hsdesk.ui.worker import wait_for_background

    backup = backup_now(ctx.db).path
    with ctx.db.write() as session:
        session.execute(__import__("sqlalchemy").text("DELETE FROM review_carried"))
    chosen = {"path": backup}

    def pick(dialog):  # type: ignore[no-untyped-def]
        assert dialog.table.topLevelItemCount() == 1
        dialog.chosen = chosen["path"]
        return 1

    monkeypatch.setattr(backup_dialogs.RestoreDialog, "exec", pick)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.database.restore_from_backup()
    assert window.restore_request == backup and not window.isVisible()
    wait_for_background()  # as hsdesk does once the window has closed: the Dashboard's read ends
    ctx.db.dispose()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    restore_backup(str(ctx.db.path), backup, ctx.actor)
    assert "has been restored" in told[0] and "as it was is kept in" in told[0]
    conn = sqlite3.connect(ctx.db.path)
    assert conn.execute("SELECT count(*) FROM review_carried").fetchone()[0] > 0
    conn.close()


def test_a_read_only_database_says_so_and_refuses_changes(qtbot, demo_db, refusals):
    from hsdesk.services.platform import auth

    actor = auth.sign_in(demo_db, "sdm", "demo")
    demo_db.dispose()
    db = Database(str(demo_db.path), read_only="it is in use by Shazia Khan on OFFICE-PC2")
    window = MainWindow(AppContext(db, actor))
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("READ-ONLY")
    restore = next(
        a for a in window.menuBar().actions()[0].menu().actions() if "Restore" in a.text()
    )
    assert not restore.isEnabled()
    from hsdesk.ui.people.person_dialog import PersonDialog

    dialog = PersonDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.ui.firstName.setText("Read")
    dialog.ui.lastName.setText("Only")
    dialog.save()
    assert refusals and "read-only" in refusals[0] and "in use by Shazia Khan" in refusals[0]
    db.dispose()


def test_a_copy_read_from_a_read_only_folder_says_when_it_was_taken(qtbot, demo_db, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from hsdesk.db import engine
    from hsdesk.services.platform import auth

    actor = auth.sign_in(demo_db, "sdm", "demo")
    demo_db.dispose()
    monkeypatch.setattr(engine, "needs_copy", lambda _path: True)  # as in a folder it may not write
    db = Database(str(demo_db.path), read_only="you do not have permission to change files in X")
    assert db.copy is not None and db.read_path != db.path
    window = MainWindow(AppContext(db, actor))
    qtbot.addWidget(window)
    notice = next(
        label for label in window.statusBar().findChildren(QLabel) if "Read-only" in label.text()
    )
    taken = clock.now().strftime("%d/%m/%Y %H:%M")
    assert "Read-only copy</b> taken at " + taken in notice.text()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    notice.linkActivated.emit("why")
    assert "you do not have permission" in told[0] and "showing a copy taken at" in told[0]
    assert "saves made after that are not shown" in told[0]
    copy_folder = db.copy.path.parent
    window.close()
    db.dispose()
    assert not copy_folder.exists()


def test_closing_settings_with_an_unsaved_number_asks_first(qtbot, ctx, monkeypatch):
    from hsdesk.ui.platform.settings_dialog import SettingsDialog

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel,
    )
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert asked == [] and not dialog.isVisible()  # nothing changed: closes at once
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.overdue_days.setValue(dialog.overdue_days.value() + 7)
    dialog.reject()
    assert asked and "not saved" in asked[0] and dialog.isVisible()


def test_a_second_start_brings_the_first_window_forward(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from hsdesk.ui.platform import single_instance

    brought: list[QWidget] = []
    monkeypatch.setattr(single_instance, "bring_forward", brought.append)
    first = QWidget()
    qtbot.addWidget(first)
    key = single_instance.instance_key(str(tmp_path / "hsdesk.db"))
    server = single_instance.InstanceServer(key, lambda: first)
    try:
        assert single_instance.ask_running_to_show(key)
        qtbot.waitUntil(lambda: brought == [first])
        other = single_instance.instance_key(str(tmp_path / "other.db"))
        assert not single_instance.ask_running_to_show(other)
    finally:
        server.close()


def test_opening_a_database_someone_else_holds_offers_read_only(qtbot, demo_db, monkeypatch):
    import argparse
    import os

    from hsdesk import app as app_module
    from hsdesk.db.lock import DatabaseLock, Holder, this_computer
    from hsdesk.ui.platform import backup_dialogs

    demo_db.dispose()
    now = clock.now()
    lock = DatabaseLock(demo_db.path)
    holder = Holder("Shazia Begum (shazia)", this_computer(), os.getpid(), now, now, "theirs")
    lock.path.write_text(holder.to_json(), encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(backup_dialogs, "ask_in_use", lambda text: asked.append(text) or True)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    args = argparse.Namespace(demo=False, demo_user="sdm", quit_when_shown=True)
    session = app_module.run_session(args, str(demo_db.path), None)
    assert session.code == 0 and session.restore is None
    assert "in use by Shazia Begum (shazia)" in asked[0] and "read-only" in asked[0]
    assert "read-only" in told[0] and "in use by Shazia Begum" in told[0]
    assert lock.current() is not None and lock.current().token == "theirs"  # theirs, untouched
    assert list_backups(demo_db.backups_dir) == []  # a read-only session backs nothing up


def test_a_normal_session_holds_the_lock_and_backs_up_on_closing(qtbot, demo_db, monkeypatch):
    import argparse

    from hsdesk import app as app_module
    from hsdesk.db.lock import DatabaseLock

    demo_db.dispose()
    lock = DatabaseLock(demo_db.path)
    seen: list[object] = []

    def shown(window: MainWindow) -> None:
        seen.append(lock.current())

    monkeypatch.setattr(MainWindow, "showEvent", lambda self, e: shown(self))
    args = argparse.Namespace(demo=False, demo_user="sdm", quit_when_shown=True)
    assert app_module.run_session(args, str(demo_db.path), None).code == 0
    assert seen and seen[0] is not None and "Helen" in seen[0].user  # named after sign-in
    assert not lock.path.exists()  # released on closing
    [backup] = list_backups(demo_db.backups_dir)
    assert backup.kind is BackupKind.AUTOMATIC


def _damage_the_trail(path) -> bytes:  # type: ignore[no-untyped-def]
    import random

    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entry'").fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * size
    data[start : start + size] = random.Random(1).randbytes(size)  # the trail's first page
    path.write_bytes(bytes(data))
    return bytes(data)


def test_damaged_pages_found_before_the_window_would_show_keep_it_closed(
    qtbot, demo_db, monkeypatch
):
    """SQLite's page check runs from opening; when it has already found damage by the time the
    person is signed in, the file is refused as on opening and the window never opens."""
    import argparse

    from hsdesk import app as app_module
    from hsdesk.db import migrate
    from hsdesk.ui.platform import backup_dialogs

    demo_db.dispose()
    data = _damage_the_trail(demo_db.path)
    # as when the check ends while the person signs in
    monkeypatch.setattr(
        migrate.PageCheck, "done", property(lambda self: self._thread.join() or True)
    )
    offered: list[str] = []
    monkeypatch.setattr(backup_dialogs, "offer_restore", lambda text, _f: offered.append(text))
    shown: list[object] = []
    monkeypatch.setattr(MainWindow, "showEvent", lambda self, e: shown.append(self))
    args = argparse.Namespace(demo=False, demo_user="sdm", quit_when_shown=True)
    session = app_module.run_session(args, str(demo_db.path), None)
    assert session.code == 1 and shown == []
    assert "is damaged" in offered[0] and "has not changed" in offered[0]
    assert demo_db.path.read_bytes() == data  # not "repaired"


def test_the_window_does_not_wait_for_the_page_check_and_closes_when_it_finds_damage(
    qtbot, demo_db, monkeypatch, refusals
):
    """On a file of ten years the check takes a second or more: the window opens first, and
    when the check then finds damage the person is told, offered a backup, and the window
    closes, with nothing written to the file and no backup taken of it."""
    import argparse
    import threading

    from hsdesk import app as app_module
    from hsdesk.db import migrate
    from hsdesk.ui.platform import backup_dialogs

    demo_db.dispose()
    data = _damage_the_trail(demo_db.path)
    window_shown = threading.Event()
    real_check = migrate.page_damage

    def slow_check(db, opened=None):  # type: ignore[no-untyped-def]
        window_shown.wait(20)  # still checking when the window shows
        return real_check(db, opened)

    monkeypatch.setattr(migrate, "page_damage", slow_check)
    offered: list[str] = []
    monkeypatch.setattr(backup_dialogs, "offer_restore", lambda text, _f: offered.append(text))
    shown: list[object] = []

    def showing(window: MainWindow) -> None:
        shown.append(window)
        window_shown.set()

    monkeypatch.setattr(MainWindow, "showEvent", lambda self, e: showing(self))
    args = argparse.Namespace(demo=False, demo_user="sdm", quit_when_shown=False)
    session = app_module.run_session(args, str(demo_db.path), None)
    assert shown, "the window waited for the check"
    assert session.code == 1 and session.restore is None
    assert len(offered) == 1 and "is damaged" in offered[0]
    assert demo_db.path.read_bytes() == data  # nothing written, not "repaired"
    assert list_backups(demo_db.backups_dir) == []


def test_a_backup_left_due_at_the_last_close_is_taken_soon_after_the_next_start(
    qtbot, ctx, monkeypatch
):
    """The PC was switched off before the backup on closing finished: the next start takes it
    in the background, with the window in use, instead of waiting for the next close."""
    from hsdesk.services.platform.backups import AutoBackup
    from hsdesk.ui import main_window

    monkeypatch.setattr(main_window, "CATCH_UP_SECONDS", 0)
    auto = AutoBackup(ctx.db)
    assert auto.due() and list_backups(ctx.db.backups_dir) == []  # changes no backup holds
    window = MainWindow(ctx, autobackup=auto)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(list_backups(ctx.db.backups_dir)) == 1, timeout=20_000)
    [backup] = list_backups(ctx.db.backups_dir)
    assert backup.kind is BackupKind.AUTOMATIC
    qtbot.waitUntil(lambda: not auto.due(), timeout=5_000)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "Backed up automatically", timeout=5_000
    )
