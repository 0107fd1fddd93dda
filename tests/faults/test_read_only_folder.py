"""A database in a folder this user may not change: the latest saves (still in the ``-wal``)
are read from a private copy, never silently dropped; a refused file is left as found."""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from other_user import as_nobody, fixture_db
from sqlalchemy import func, select

from hsdesk.db import read_only_copy
from hsdesk.db.engine import Database
from hsdesk.db.migrate import ensure_schema
from hsdesk.db.models import Person
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import DatabaseBusy, DatabaseProblem
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people
from hsdesk.services.platform.backups import backup_now
from hsdesk.services.platform.integrity import check

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="POSIX file modes"),
    pytest.mark.sqlite_only("a database file and its folder"),
]


def _people(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])


def _readable_by_all(folder: Path) -> None:
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            Path(root, name).chmod(0o755)
        for name in files:
            Path(root, name).chmod(0o644)


def test_the_latest_saves_in_the_wal_are_read_from_a_private_copy(demo_db, admin, tmp_path):
    """Another PC saved a person and still has the file open (the save is in the -wal); this
    user may only read the folder. Opened in place as unchanging, the save would be missing."""
    assert demo_db.path is not None
    people.add_person(demo_db, admin, PersonInput("Walter", "Latest", PersonKind.STAFF))
    folder = Path(tempfile.mkdtemp(prefix="hsdesk-ro-wal-"))
    out = Path(tempfile.mkdtemp(prefix="hsdesk-ro-out-"))
    try:
        shutil.copytree(demo_db.path.parent, folder, dirs_exist_ok=True)  # while it is open
        path = folder / demo_db.path.name
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0, "the save is still in the -wal"
        with demo_db.read() as session:
            everyone = session.scalar(select(func.count()).select_from(Person))
        _readable_by_all(folder)
        folder.chmod(0o555)
        out.chmod(0o777)
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

        def work() -> str:
            in_place = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
            seen_in_place = _people(in_place)
            in_place.close()
            db = Database(str(path))
            ensure_schema(db)
            with db.read() as session:
                names = set(session.scalars(select(Person.last_name)))
                count = session.scalar(select(func.count()).select_from(Person))
            problems = check(db, anchored=False)
            backup = backup_now(db, folder=out)
            backed_up = sqlite3.connect(backup.path)
            in_backup = _people(backed_up)
            backed_up.close()
            assert db.copy is not None
            copy_folder = db.copy.path.parent
            db.dispose()
            return json.dumps(
                {
                    "in_place": seen_in_place,
                    "count": count,
                    "latest": "Latest" in names,
                    "reason": db.read_only,
                    "problems": problems,
                    "in_backup": in_backup,
                    "copy_removed": not copy_folder.exists(),
                }
            )

        found = as_nobody(work)
        assert not found.startswith("failed"), found
        seen = json.loads(found)
        assert seen["in_place"] == everyone - 1  # what immutable=1 showed: the save was lost
        assert seen["count"] == everyone and seen["latest"]
        assert seen["in_backup"] == everyone  # the "checked" backup is complete
        assert seen["problems"] == []
        assert "you do not have permission to change" in seen["reason"]
        assert "showing a copy taken at" in seen["reason"]
        assert "saves made after that are not shown" in seen["reason"]
        assert seen["copy_removed"]
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def test_a_copy_of_a_file_that_keeps_changing_is_refused_in_words(tmp_path, monkeypatch):
    path = fixture_db(tmp_path)
    ticks = itertools.count()
    monkeypatch.setattr(read_only_copy, "_state", lambda _p: next(ticks))
    monkeypatch.setattr(read_only_copy, "STEADY_PAUSE", 0)
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(**kwargs: str) -> str:
        made.append(real_mkdtemp(**kwargs))
        return made[-1]

    monkeypatch.setattr(read_only_copy.tempfile, "mkdtemp", mkdtemp)
    with pytest.raises(DatabaseBusy) as refused:
        read_only_copy.take_copy(path)
    assert "kept changing" in str(refused.value) and "try again in a minute" in str(refused.value)
    assert made and not Path(made[0]).exists()  # the half-made copy is gone


def _wal_mode(data: bytes, folder: Path) -> bytes:
    source = folder / "wal-mode.db"
    source.write_bytes(data)
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    made = source.read_bytes()
    source.unlink()
    return made


@pytest.mark.parametrize("damage", ["truncated", "scribbled", "zeros"])
def test_a_refused_file_gets_no_wal_or_shm_beside_it(tmp_path, damage):
    good = _wal_mode(fixture_db(tmp_path, "good.db").read_bytes(), tmp_path)
    (tmp_path / "good.db").unlink()
    damaged = {
        "truncated": good[: len(good) // 3],
        "scribbled": good[:8192] + random.Random(2).randbytes(4096) + good[12288:],
        "zeros": good[:100] + bytes(len(good) - 100),
    }[damage]
    path = tmp_path / "hsdesk.db"
    path.write_bytes(damaged)
    with pytest.raises(DatabaseProblem):
        ensure_schema(Database(str(path)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hsdesk.db"]
    assert path.read_bytes() == damaged


def test_a_file_from_a_newer_hsdesk_gets_no_wal_or_shm_beside_it(tmp_path):
    path = fixture_db(tmp_path)
    upgraded = Database(str(path))
    ensure_schema(upgraded)
    upgraded.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    shutil.rmtree(tmp_path / "backups")
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="newer"):
        ensure_schema(Database(str(path)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hsdesk.db"]
    assert path.read_bytes() == before
