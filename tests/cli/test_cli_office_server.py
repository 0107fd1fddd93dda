"""hsdesk-cli and the office server's life cycle, through real processes: move a PC's records
onto the server, connect this PC (the password kept in the credential store, never in a file),
back the server up as an hsdesk file, check it as a file, restore it. Needs --db-url."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from test_cli import run


def _split(url: str, tmp_path: Path) -> tuple[str, Path, str]:
    """The address without its password, a password file, and the password."""
    parsed = make_url(url)
    password = str(parsed.password)
    secret = tmp_path / "server-password.txt"
    secret.write_text(password + "\n", encoding="utf-8")
    address = parsed._replace(password=None).render_as_string(hide_password=False)
    return address, secret, password


def test_move_connect_backup_check_and_restore_from_the_command_line(
    empty_server: str, tmp_path: Path
) -> None:
    address, secret, password = _split(empty_server, tmp_path)
    local = tmp_path / "pc" / "hsdesk.db"
    env = {"HSDESK_DB": ""}
    assert run("--db", str(local), "demo", env=env).returncode == 0
    moved = run("--db", str(local), "move", "--to", address, "--password-file", str(secret))
    assert moved.returncode == 0, moved.stderr
    assert "Moved" in moved.stdout and "checked the copy" in moved.stdout
    assert "100%" in moved.stderr
    refused = run("--db", str(local), "user", "passwd", "chair", stdin="new-password\n")
    assert refused.returncode == 1 and "moved to the office server" in refused.stderr

    connected = run("connect", address, "--password-file", str(secret))
    assert connected.returncode == 0, connected.stderr
    assert "the office's records, 66 people" in connected.stdout
    config = Path(os.environ["HSDESK_CONFIG_DIR"])
    assert [p for p in config.rglob("*") if p.is_file()]
    for path in [p for p in config.rglob("*") if p.is_file()]:
        assert password.encode() not in path.read_bytes()  # (some are binary: record marks)

    # With no --db, every command finds the server and its kept password.
    status = run("status")
    assert status.returncode == 0 and "Complaint" in status.stdout, status.stderr
    shared = tmp_path / "office-backups"
    backup = run("backup", "--to", str(shared))
    assert backup.returncode == 0, backup.stderr
    [taken] = list(shared.glob("hsdesk-*.db"))
    checked = run("--db", str(taken), "check")  # a backup is an hsdesk file: check it as one
    assert checked.returncode == 0 and checked.stdout.strip() == "ok", checked.stdout

    restored = run("restore", str(taken))
    assert restored.returncode == 0, restored.stderr
    assert "The server as it was before is kept in" in restored.stdout
    after = run("check")
    assert after.returncode == 0 and after.stdout.splitlines()[0] == "ok"
    for result in (moved, connected, status, backup, checked, restored, after):
        assert password not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr

    # Back to this PC's own file: the moved one, read-only, says where the records went.
    assert run("connect", "--this-pc").returncode == 0
    conn = sqlite3.connect(local)
    assert conn.execute("SELECT value FROM setting WHERE key='moved_to_server'").fetchone()
    conn.close()


def test_plain_refusals_for_a_wrong_password_and_a_missing_database(
    empty_server: str, tmp_path: Path
) -> None:
    address, _secret, _password = _split(empty_server, tmp_path)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    refused = run("connect", address, "--password-file", str(wrong))
    assert refused.returncode == 1
    assert "user name or password" in refused.stderr and "is wrong" in refused.stderr
    missing = make_url(empty_server).set(database="no_such_office")
    gone = run("connect", missing.render_as_string(hide_password=False))
    assert gone.returncode == 1 and "there is no database no_such_office" in gone.stderr
    nobody = run("connect", "postgresql+psycopg://u:p@127.0.0.1:9/hsdesk")
    assert nobody.returncode == 1 and "cannot reach" in nobody.stderr
    assert not (Path(os.environ["HSDESK_CONFIG_DIR"]) / "connection.json").exists()
