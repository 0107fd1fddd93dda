"""A restore checks the backup first — its audit chain and every stored file it needs — and a
backup that fails is refused before anything live is touched: the database stays byte for byte
as it was. A restore killed half-way leaves no half-written copy behind."""

from __future__ import annotations

import sqlite3

import pytest

from hsdesk.domain.errors import DatabaseProblem
from hsdesk.services.platform.backups import backup_now, restore
from hsdesk.services.platform.restore_check import backup_problems

pytestmark = pytest.mark.sqlite_only("restores a database file (the server's own test is apart)")


def _backup(db, tmp_path):
    backup = backup_now(db, folder=tmp_path / "kept").path
    db.dispose()
    return backup


def test_a_backup_with_an_edited_audit_entry_is_refused_and_nothing_changes(
    demo_db, admin, tmp_path
):
    backup = _backup(demo_db, tmp_path)
    assert backup_problems(backup) == []
    conn = sqlite3.connect(backup)
    with conn:
        conn.execute("UPDATE audit_entry SET summary = 'Nothing to see' WHERE seq = 5")
    conn.close()
    before = demo_db.path.read_bytes()
    with pytest.raises(DatabaseProblem, match="audit entry 5 was altered after it was written"):
        restore(demo_db.path, backup, admin)
    assert demo_db.path.read_bytes() == before
    assert not list(demo_db.path.parent.glob("backups/*before-restore*"))  # not even that


def test_a_backup_missing_a_stored_file_is_refused_and_nothing_changes(demo_db, admin, tmp_path):
    backup = _backup(demo_db, tmp_path)
    kept = sorted((backup.parent / "files").rglob("*"))
    gone = next(p for p in kept if p.is_file())
    gone.unlink()
    live = demo_db.path.parent / "files"
    for copy in live.rglob(gone.name):  # not on this PC either
        copy.unlink()
    before = demo_db.path.read_bytes()
    with pytest.raises(DatabaseProblem, match=r"stored file \w+… is missing or damaged"):
        restore(demo_db.path, backup, admin)
    assert demo_db.path.read_bytes() == before


def test_a_half_written_copy_from_a_killed_restore_is_cleared_by_the_next(demo_db, admin, tmp_path):
    backup = _backup(demo_db, tmp_path)
    stale = demo_db.path.with_name(f".{demo_db.path.name}.k1ll3d.tmp")
    stale.write_bytes(b"SQLite format 3\x00 half")
    restore(demo_db.path, backup, admin)
    assert not stale.exists()
