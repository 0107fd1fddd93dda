"""Promise 2: consistent, checked backups with their stored files; the keeping rule; restore."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hsdesk.db.models import Person
from hsdesk.domain.backups import BackupKind, backup_name, backups_to_keep, parse_backup_name
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import DatabaseInUse, DatabaseProblem, PermissionDenied
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people
from hsdesk.services.platform.backups import (
    AutoBackup,
    backup_now,
    list_backups,
    prune,
    restore,
)
from hsdesk.services.platform.integrity import check

pytestmark = pytest.mark.sqlite_only(
    "backups and restores of a database file (a server's are in test_office_server.py)"
)


def _count(path: Path, table: str = "person") -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_the_keeping_rule_keeps_12_daily_10_weekly_9_monthly():
    start = datetime(2024, 1, 1, 9)
    hourly = [start + timedelta(hours=h) for h in range(0, 2 * 365 * 24, 5)]
    kept = backups_to_keep(hourly)
    newest = max(hourly)
    assert newest in kept
    days = sorted({k.date() for k in kept}, reverse=True)
    assert days[:12] == [newest.date() - timedelta(days=n) for n in range(12)]
    for day in days[:12]:  # the newest of each of those days
        assert max(k for k in kept if k.date() == day) == max(h for h in hourly if h.date() == day)
    months = {(k.year, k.month) for k in kept}
    assert len(months) == 9
    assert len(kept) <= 12 + 10 + 9
    assert min(kept) >= datetime(2025, 4, 1)  # nothing older than the ninth month back
    assert backups_to_keep([]) == set()
    one = [datetime(2026, 1, 1)]
    assert backups_to_keep(one) == set(one)


def test_weekly_backups_cover_ten_weeks():
    stamps = [datetime(2026, 1, 1) + timedelta(days=d) for d in range(200)]
    kept = backups_to_keep(stamps)
    weeks = sorted({s.isocalendar()[:2] for s in kept}, reverse=True)
    latest_weeks = sorted({s.isocalendar()[:2] for s in stamps}, reverse=True)[:10]
    assert set(latest_weeks) <= set(weeks)


def test_backup_names_round_trip():
    when = datetime(2026, 11, 25, 14, 30, 5)
    assert parse_backup_name(backup_name(when, BackupKind.AUTOMATIC)) == (
        when,
        BackupKind.AUTOMATIC,
    )
    assert parse_backup_name(backup_name(when, BackupKind.MANUAL, 2)) == (when, BackupKind.MANUAL)
    assert parse_backup_name("hsdesk.db") is None
    assert parse_backup_name("hsdesk-20261399-000000-manual.db") is None


def test_backup_holds_the_database_and_its_stored_files_and_restores(demo_db, admin, tmp_path):
    result = backup_now(demo_db, folder=tmp_path / "usb")
    assert result.missing_files == []
    assert result.path.parent == tmp_path / "usb"
    assert sqlite3.connect(result.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = list((tmp_path / "usb" / "files").rglob("*"))
    assert sum(1 for p in stored if p.is_file()) == sum(1 for _ in demo_db.files.stored())
    [info] = list_backups(tmp_path / "usb")
    assert info.counts["person"] == _count(demo_db.path) and info.kind is BackupKind.MANUAL
    assert "people" in info.summary and "audit entries" in info.summary

    # The PC loses its files and someone adds a person; the backup puts the database back.
    people.add_person(demo_db, admin, PersonInput("Late", "Arrival", PersonKind.STAFF))
    shutil.rmtree(demo_db.files.root)
    demo_db.dispose()
    done = restore(demo_db.path, result.path, admin)
    assert done.missing_files == []
    assert done.previous is not None and _count(done.previous) == info.counts["person"] + 1
    assert _count(demo_db.path) == info.counts["person"]
    assert check(demo_db) == []


def test_backup_taken_while_another_connection_writes_holds_every_committed_row(db, admin):
    committed: list[int] = []
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            committed.append(
                people.add_person(db, admin, PersonInput("Writer", f"N{n}", PersonKind.STAFF)).id
            )

    thread = threading.Thread(target=write)
    thread.start()
    while len(committed) < 20:
        pass
    before = list(committed)
    result = backup_now(db, folder=db.data_dir / "elsewhere")
    stop.set()
    thread.join()
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {row[0] for row in conn.execute("SELECT id FROM person")}
    conn.close()
    assert set(before) <= ids
    # Restore round trip: exactly the backup's rows come back.
    db.dispose()
    restore(db.path, result.path, admin)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == len(ids)
    assert check(db) == []


def test_restore_is_for_administrators_unless_the_database_is_damaged(
    demo_db, admin, volunteer_actor
):
    backup = backup_now(demo_db).path
    demo_db.dispose()
    before = demo_db.path.read_bytes()
    with pytest.raises(PermissionDenied, match="administrator"):
        restore(demo_db.path, backup, volunteer_actor)
    with pytest.raises(PermissionDenied, match="not damaged"):
        restore(demo_db.path, backup, None)
    assert demo_db.path.read_bytes() == before
    # Damage the file: now it can be replaced by whoever is at the PC, and is kept aside.
    with demo_db.path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    done = restore(demo_db.path, backup, None)
    assert done.previous is not None and done.previous.name.startswith("damaged-")
    assert check(demo_db) == []


def test_restore_refuses_a_bad_backup_and_a_database_in_use(demo_db, admin, tmp_path):
    from hsdesk.db.lock import DatabaseLock

    demo_db.dispose()
    before = demo_db.path.read_bytes()
    fake = tmp_path / "fake.db"
    fake.write_bytes(b"%PDF-1.7 not a database")
    with pytest.raises(DatabaseProblem, match="not an hsdesk database"):
        restore(demo_db.path, fake, admin)
    backup = backup_now(demo_db).path
    demo_db.dispose()
    lock = DatabaseLock(demo_db.path)
    lock.acquire("Shazia Khan")
    try:
        with pytest.raises(DatabaseInUse, match="in use by Shazia Khan"):
            restore(demo_db.path, backup, admin)
    finally:
        lock.release()
    assert demo_db.path.read_bytes() == before


def test_restore_refuses_a_database_another_program_holds_open_and_changes_nothing(demo_db, admin):
    """No lock file (another hsdesk-cli, or a program that does not take it): SQLite itself
    tells, before anything is backed up or replaced (on Windows the file could not be replaced
    at all while it is open)."""
    backup = backup_now(demo_db).path
    demo_db.dispose()
    other = sqlite3.connect(demo_db.path)  # another program with the database open
    try:
        other.execute("SELECT count(*) FROM person").fetchone()
        before = sorted(p.name for p in demo_db.backups_dir.iterdir())
        with pytest.raises(DatabaseInUse, match="open in another program.*Nothing was changed"):
            restore(demo_db.path, backup, admin)
        assert sorted(p.name for p in demo_db.backups_dir.iterdir()) == before
    finally:
        other.close()
    assert restore(demo_db.path, backup, admin).previous is not None  # once it has let go


def test_pruning_deletes_old_automatic_backups_and_files_no_backup_needs(demo_db):
    folder = demo_db.backups_dir
    start = datetime(2026, 1, 1, 12)
    for day in range(40):
        backup_now(demo_db, BackupKind.AUTOMATIC, now=start + timedelta(days=day))
    manual = backup_now(demo_db, BackupKind.MANUAL, now=start - timedelta(days=400)).path
    automatic = [b for b in list_backups(folder) if b.kind is BackupKind.AUTOMATIC]
    assert len(automatic) == len(backups_to_keep(start + timedelta(days=d) for d in range(40)))
    assert manual.exists()  # only automatic backups are thinned out
    orphan = folder / "files" / "00" / ("0" * 64)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left over")
    prune(folder)
    assert not orphan.exists()
    assert sum(1 for _ in (folder / "files").rglob("*") if _.is_file()) == sum(
        1 for _ in demo_db.files.stored()
    )


def test_a_backup_open_elsewhere_is_left_for_the_next_thinning(demo_db, monkeypatch):
    """Windows will not delete a file another program has open (someone looking at an old
    backup): the thinning carries on and deletes it next time."""
    from hsdesk.services.platform import backups

    folder = demo_db.backups_dir
    start = datetime(2026, 1, 1, 12)
    with monkeypatch.context() as taking:
        taking.setattr(backups, "prune", lambda _folder: [])
        for hour in range(3):  # three on one day: the keeping rule lets the older two go
            backup_now(demo_db, BackupKind.AUTOMATIC, now=start + timedelta(hours=hour))
    opened = min(folder.glob("hsdesk-*.db"))
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path == opened:
            raise PermissionError(32, "The process cannot access the file", str(path))
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    deleted = prune(folder)
    assert opened.exists() and opened not in deleted and len(deleted) == 1
    monkeypatch.setattr(Path, "unlink", unlink)
    assert prune(folder) == [opened] and not opened.exists()


def test_automatic_backups_only_when_something_changed(db, admin):
    auto = AutoBackup(db)
    assert auto.take() is None  # an empty database: nothing to keep
    people.add_person(db, admin, PersonInput("First", "Person", PersonKind.STAFF))
    assert auto.take(datetime(2026, 11, 25, 9)) is not None
    assert auto.take(datetime(2026, 11, 25, 9, 30)) is None  # nothing changed since
    assert AutoBackup(db).due() is False  # a new session knows the newest backup is current
    people.add_person(db, admin, PersonInput("Second", "Person", PersonKind.STAFF))
    assert AutoBackup(db).due() is True
    assert [b.kind for b in list_backups(db.backups_dir)] == [BackupKind.AUTOMATIC]


def test_upgrades_are_backed_up_first_with_the_stored_files(demo_db):
    from hsdesk.db import migrate

    migrate.downgrade(demo_db, "0005")
    backup = migrate.ensure_schema(demo_db)
    assert backup is not None and parse_backup_name(backup.name)[1] is BackupKind.BEFORE_UPGRADE
    assert (backup.parent / "files").is_dir()
    assert migrate.schema_state(demo_db).is_current


def test_a_second_backup_reads_only_the_stored_files_it_does_not_hold(
    demo_db, admin, tmp_path, monkeypatch
):
    """A backup's cost follows what changed: files the backup folder already holds are known
    by their names (their hashes) and not read or hashed again."""
    from hsdesk.db import backup as backup_module

    folder = tmp_path / "usb"
    backup_now(demo_db, folder=folder)
    held = sum(1 for p in (folder / "files").rglob("*") if p.is_file())
    assert held > 5
    read: list[str] = []
    real_read = backup_module.read
    monkeypatch.setattr(
        backup_module, "read", lambda store, sha: read.append(sha) or real_read(store, sha)
    )
    people.add_person(demo_db, admin, PersonInput("Late", "Arrival", PersonKind.STAFF))
    backup_now(demo_db, folder=folder, now=datetime(2026, 11, 25, 11, 0))
    assert read == []  # nothing new to copy, nothing re-read
    assert check(demo_db) == []


def test_a_restore_puts_back_a_damaged_stored_file_from_the_backup(demo_db, admin, tmp_path):
    result = backup_now(demo_db, folder=tmp_path / "usb")
    sha = next(iter(demo_db.files.stored()))
    live = demo_db.files.path_for(sha)
    good = live.read_bytes()
    live.write_bytes(b"damaged")
    demo_db.dispose()
    done = restore(demo_db.path, result.path, admin)
    assert done.missing_files == [] and live.read_bytes() == good
