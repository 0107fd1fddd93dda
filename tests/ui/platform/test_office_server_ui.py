"""The window's side of the office server: the Connect dialog's plain answers, moving this PC's
records onto the server with progress, opening a moved file, the server's backups folder in
Settings, and restoring a backup into the server. Tests marked so need --db-url."""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.engine import make_url

from hsdesk.db import credentials
from hsdesk.db.engine import Database
from hsdesk.db.migrate import ensure_schema
from hsdesk.services.platform import auth
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow
from hsdesk.ui.platform import database_actions, server_start
from hsdesk.ui.platform.connect_dialog import ConnectDialog


def _fill(dialog: ConnectDialog, url: str) -> None:
    parsed = make_url(url)
    dialog.host.setText(parsed.host or "")
    dialog.port.setValue(parsed.port or 5432)
    dialog.database.setText(parsed.database or "")
    dialog.username.setText(parsed.username or "")
    dialog.secret.setText(str(parsed.password or ""))


def test_the_connect_dialog_says_plainly_why_it_did_not_connect(qtbot) -> None:
    dialog = ConnectDialog(None)
    qtbot.addWidget(dialog)
    dialog.connect_to()
    assert "Type the server's name" in dialog.answer.text() and dialog.url is None
    _fill(dialog, "postgresql+psycopg://helen:pw@127.0.0.1:9/hsdesk")
    dialog.connect_to()
    assert "Not connected" in dialog.answer.text() and "cannot reach" in dialog.answer.text()
    assert dialog.url is None and not dialog.result()
    assert credentials.saved_server() is None


def test_a_moved_file_offers_the_office_server_when_opened(qtbot, tmp_path, monkeypatch) -> None:
    from hsdesk import app as app_module

    path = tmp_path / "hsdesk.db"
    db = Database(str(path))
    ensure_schema(db)
    db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO setting VALUES ('moved_to_server', "
            "'postgresql+psycopg://helen@office-server:5432/hsdesk')"
        )
    conn.close()
    asked: list[str] = []

    def choose(_title: str, text: str, *choices: str, **_how: object) -> int:
        asked.append(text)
        return 0  # Connect to the office server…

    monkeypatch.setattr(server_start, "_choose", choose)
    monkeypatch.setattr(server_start, "_connect", lambda known, *a, **k: f"{known}+password")
    args = argparse.Namespace(demo=False, demo_user=None, quit_when_shown=True)
    session = app_module.run_session(args, str(path), None)
    assert "moved to the office server" in asked[0] and "office-server" in asked[0]
    assert session.switch == "postgresql+psycopg://helen@office-server:5432/hsdesk+password"


def test_moving_from_the_window_copies_with_progress_then_opens_the_server(
    qtbot, tmp_path: Path, empty_server: str, monkeypatch
) -> None:
    from hsdesk.demo.office import load_demo

    pc = Database(str(tmp_path / "pc" / "hsdesk.db"), local_dir=tmp_path / "pc")
    ensure_schema(pc)
    load_demo(pc)
    ctx = AppContext(pc, auth.sign_in(pc, "sdm", "demo"))

    def fill_and_move(dialog):  # type: ignore[no-untyped-def]
        _fill(dialog, empty_server)
        dialog.connect_to()
        return dialog.result() == 1

    told: list[str] = []
    monkeypatch.setattr(database_actions, "ask", fill_and_move)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.database.move()
    qtbot.waitUntil(lambda: window.switch_to is not None, timeout=60_000)
    assert window.switch_to == empty_server and not window.isVisible()
    assert "66 people" in told[-1] and "copy was checked" in told[-1]
    # This PC now uses the server; its password is in the credential store, not in a file.
    password = str(make_url(empty_server).password)
    assert credentials.saved_server() == credentials.without_password(empty_server)
    assert credentials.stored_password(empty_server) == password
    config = Path(os.environ["HSDESK_CONFIG_DIR"])
    assert all(password.encode() not in p.read_bytes() for p in config.rglob("*") if p.is_file())
    pc.dispose()
    assert Database(str(pc.path)).moved_to is not None


def test_the_servers_backups_folder_is_set_in_settings_and_restores_happen_in_place(
    qtbot, ctx, tmp_path: Path, monkeypatch
) -> None:
    if not ctx.db.is_server:
        pytest.skip("about an office server: run with --db-url")
    from hsdesk.services.platform.backups import backup_now
    from hsdesk.ui.platform import backup_dialogs
    from hsdesk.ui.platform.settings_dialog import SettingsDialog

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.backup_folder.setText(str(tmp_path / "office-share"))
    dialog.save_backup_folder()
    assert ctx.db.backups_dir == tmp_path / "office-share"
    taken = backup_now(ctx.db).path
    assert taken.parent == tmp_path / "office-share"

    def pick(chooser):  # type: ignore[no-untyped-def]
        chooser.chosen = taken
        return 1

    monkeypatch.setattr(backup_dialogs.RestoreDialog, "exec", pick)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.database.restore_from_backup()
    qtbot.waitUntil(lambda: any("is now on the office server" in t for t in told), timeout=60_000)
    assert window.isVisible() and window.restore_request is None  # nobody had to close
