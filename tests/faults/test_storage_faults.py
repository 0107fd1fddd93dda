"""Promises 3-7 under fault: files that are not databases, a full disk, a read-only file, a
locked database, a stale lock, shared folders, a newer schema, and logging without a console."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PureWindowsPath

import pytest
from other_user import as_nobody, fixture_db
from sqlalchemy import event, func, select

from hsdesk.db.engine import Database
from hsdesk.db.lock import STALE_AFTER, DatabaseLock, Holder, is_stale
from hsdesk.db.migrate import ensure_schema
from hsdesk.db.models import Person
from hsdesk.db.storage import shared_location
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import DatabaseInUse, DatabaseProblem, DiskFull, HsdeskError
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people
from hsdesk.services.platform.integrity import check

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "hsdesk.cli"]


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("HSDESK_DB", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=timeout)


def _not_databases(folder: Path) -> dict[str, Path]:
    good = fixture_db(folder).read_bytes()
    made = {
        "random bytes": random.Random(1).randbytes(50_000),
        "truncated database": good[: len(good) // 3],
        "PDF renamed .db": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n",
        "zero-byte file": b"",
    }
    files = {}
    for name, data in made.items():
        path = folder / f"{name.replace(' ', '-')}.db"
        path.write_bytes(data)
        files[name] = path
    return files


@pytest.mark.parametrize(
    "kind", ["random bytes", "truncated database", "PDF renamed .db", "zero-byte file"]
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, kind):
    path = _not_databases(tmp_path)[kind]
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem) as refused:
        ensure_schema(Database(str(path)))
    message = str(refused.value)
    assert "has not been changed" in message or "has not changed" in message
    assert path.read_bytes() == before
    result = cli("--db", str(path), "status")
    assert result.returncode == 1 and result.stderr.startswith("hsdesk-cli: error: ")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_disk_full_is_explained_and_keeps_earlier_data(demo_db, admin):
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(Person))
    pages = demo_db.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(demo_db.engine, "connect")
    def _limit(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    demo_db.engine.dispose()
    with pytest.raises(DiskFull, match="Nothing was changed"):
        people.add_person(
            demo_db, admin, PersonInput("Big", "Notes", PersonKind.STAFF, notes="x" * 19_000)
        )
    with demo_db.read() as session:  # still working, nothing half-written
        assert session.scalar(select(func.count()).select_from(Person)) == before
    small = people.add_person(demo_db, admin, PersonInput("Small", "Note", PersonKind.STAFF))
    assert small.id
    assert check(demo_db) == []


def test_disk_full_in_the_window_shows_a_message_and_keeps_the_typing(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hsdesk.ui.people.person_dialog import PersonDialog

    db = ctx.db
    pages = db.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(
        db.engine,
        "connect",
        lambda conn, _r: conn.execute(f"PRAGMA max_page_count={pages + 1}"),
    )
    db.engine.dispose()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.ui.firstName.setText("Ada")
    dialog.ui.lastName.setText("Lovelace")
    dialog.ui.notes.setPlainText("Full " * 3_800)
    dialog.save()
    assert warnings and "disk" in warnings[0] and "Nothing was changed" in warnings[0]
    assert dialog.result() == 0 and dialog.ui.firstName.text() == "Ada"  # still open, kept


def _open_as_nobody(path: Path) -> tuple[str, str]:
    """Open the database as an ordinary user (root ignores file modes): (read result, write)."""

    def work() -> str:
        db = Database(str(path))
        ensure_schema(db)
        with db.read() as session:
            count = session.scalar(select(func.count()).select_from(Person))
        outcome = f"{db.read_only}|{count}|"
        try:
            admin = Actor("admin", None, "Admin", is_admin=True)
            people.add_person(db, admin, PersonInput("No", "Way", PersonKind.STAFF))
            return outcome + "written"
        except HsdeskError as exc:
            return outcome + str(exc)

    reason, count, write = as_nobody(work).split("|", 2)
    return f"{reason}|{count}", write


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_read_only_database_file_opens_read_only_with_a_message(folder_writable):
    folder = Path(tempfile.mkdtemp(prefix="hsdesk-ro-"))
    try:
        path = fixture_db(folder)
        db = Database(str(path))
        ensure_schema(db)
        with db.read() as session:
            count = session.scalar(select(func.count()).select_from(Person))
        db.dispose()
        before = path.read_bytes()
        path.chmod(0o444)
        folder.chmod(0o777 if folder_writable else 0o555)
        opened, write = _open_as_nobody(path)
        reason, seen = opened.split("|")
        assert reason != "failed", seen
        assert "you do not have permission to change" in reason
        assert int(seen) == count
        assert "read-only" in write and "nothing can be changed" in write
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
        shutil.rmtree(folder)  # with the backup taken when the fixture was upgraded


def test_a_write_against_a_locked_database_fails_within_seconds(tmp_path):
    path = fixture_db(tmp_path)
    ensure_schema(Database(str(path)))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        password = tmp_path / "pw"
        password.write_text("long enough password 1\n")
        started = time.monotonic()
        result = cli(
            "--db",
            str(path),
            "user",
            "add",
            "newbie",
            "--person",
            "5",
            "--password-file",
            str(password),
            timeout=30,
        )
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1, result.stderr
    assert "busy" in result.stderr and "Nothing was changed" in result.stderr.replace(
        "nothing", "Nothing"
    )
    assert elapsed < 10, f"waited {elapsed:.1f}s"
    conn = sqlite3.connect(path)
    assert (
        conn.execute("SELECT count(*) FROM user_account WHERE username='newbie'").fetchone()[0] == 0
    )
    conn.close()


def test_the_lock_names_who_holds_it_and_a_dead_holder_is_cleared(tmp_path):
    path = tmp_path / "hsdesk.db"
    path.touch()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from hsdesk.db.lock import DatabaseLock\n"
            f"DatabaseLock(__import__('pathlib').Path({str(path)!r})).acquire('Shazia Khan')\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    lock = DatabaseLock(path)
    with pytest.raises(DatabaseInUse, match=r"in use by Shazia Khan on .+ since \d\d:\d\d today"):
        lock.acquire()
    holder.kill()  # SIGKILL: the lock file stays behind
    holder.wait()
    assert lock.path.exists()
    lock.acquire("Rizwan Akhtar")
    assert lock.cleared is not None and lock.cleared.user == "Shazia Khan"
    assert lock.current() is not None and lock.current().user == "Rizwan Akhtar"
    lock.release()
    assert not lock.path.exists()


def test_a_lock_from_another_computer_is_stale_only_when_it_stops_beating():
    from datetime import datetime

    now = datetime(2026, 11, 25, 10)
    other = Holder("shazia", "OFFICE-PC2", 4242, now, now, "t")
    assert not is_stale(other, now + STALE_AFTER / 2, "THIS-PC", alive=False)
    assert is_stale(other, now + STALE_AFTER * 2, "THIS-PC", alive=False)
    mine = Holder("shazia", "THIS-PC", 4242, now, now, "t")
    assert is_stale(mine, now, "THIS-PC", alive=False)
    assert not is_stale(mine, now, "THIS-PC", alive=True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (PureWindowsPath(r"\\office-nas\shared\hsdesk\hsdesk.db"), "a network share"),
        (PureWindowsPath(r"C:\Users\shazia\OneDrive - Home-Start\hsdesk.db"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\shazia\Dropbox\hsdesk\hsdesk.db"), "Dropbox"),
        (PureWindowsPath(r"G:\My Drive\hsdesk.db"), "Google Drive"),
        (PureWindowsPath(r"Z:\hsdesk\hsdesk.db"), "a mapped network drive (Z:)"),
        (PureWindowsPath(r"C:\Users\shazia\AppData\Local\Home-Start\hsdesk\hsdesk.db"), None),
    ],
)
def test_shared_and_synced_folders_are_recognised(path, expected):
    found = shared_location(
        path,
        environ={},
        drive_is_remote=lambda drive: drive.upper() == "Z:",
        mount_type=lambda _p: None,
    )
    assert found == expected


def test_a_database_in_onedrive_runs_without_wal_and_with_exclusive_locking(
    tmp_path, monkeypatch, admin
):
    folder = tmp_path / "OneDrive - Home-Start"
    folder.mkdir()
    db = Database(str(folder / "hsdesk.db"))
    ensure_schema(db)
    assert db.shared == "OneDrive"
    people.add_person(db, admin, PersonInput("Shared", "Drive", PersonKind.STAFF))
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA locking_mode").scalar() == "exclusive"
    assert not (folder / "hsdesk.db-wal").exists()
    assert check(db) == []
    db.dispose()


def test_a_database_from_a_newer_hsdesk_is_refused_untouched_by_the_cli(tmp_path):
    path = fixture_db(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = cli("--db", str(path), "status")
    assert result.returncode == 1
    assert "written by a newer hsdesk (schema 9999)" in result.stderr
    assert path.read_bytes() == before


def test_logging_works_without_a_console(tmp_path):
    script = (
        "import sys\n"
        "sys.stderr = None\n"
        "from hsdesk.diagnostics import setup_logging, log_exception\n"
        "path = setup_logging('hsdesk')\n"
        "try:\n"
        "    raise ValueError('no console here')\n"
        "except ValueError as exc:\n"
        "    log_exception(type(exc), exc, exc.__traceback__)\n"
        "import logging; logging.getLogger('hsdesk').warning('still logging')\n"
        "print(path)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "HSDESK_LOG_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "hsdesk.log").read_text(encoding="utf-8")
    assert "ValueError: no console here" in text and "still logging" in text


def test_a_failed_export_leaves_the_previous_file_intact(demo_db, admin, tmp_path, monkeypatch):
    from hsdesk.db import filestore
    from hsdesk.services.photos.exports import export_consents_csv

    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "consents.csv"
    target.write_text("last month's export\n", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(filestore.os, "fsync", disk_full)
    with pytest.raises(DiskFull, match="no room left on the disk for .*out. Nothing was changed"):
        export_consents_csv(demo_db, admin, target)
    assert target.read_text(encoding="utf-8") == "last month's export\n"
    assert [p.name for p in target.parent.iterdir()] == ["consents.csv"]  # no temporary file left
