"""An office's life on its server: moving onto it, backups that are hsdesk files, restoring into
it, upgrades one PC at a time. These need a real PostgreSQL server (run with --db-url)."""

from __future__ import annotations

import io
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text
from test_server import TestServer

from hsdesk.db import server
from hsdesk.db.engine import BACKUP_FOLDER, Database
from hsdesk.db.migrate import UPGRADED_BY, downgrade, ensure_schema, schema_state
from hsdesk.db.schema import HEAD, upgrade_in
from hsdesk.db.transfer import chain_head, count_rows, stored_shas
from hsdesk.domain.actor import Actor
from hsdesk.domain.backups import BackupKind
from hsdesk.domain.errors import (
    DatabaseProblem,
    PermissionDenied,
    ReadOnlyDatabase,
    ValidationError,
)
from hsdesk.services.platform import settings
from hsdesk.services.platform.backups import AutoBackup, backup_now, list_backups
from hsdesk.services.platform.integrity import check
from hsdesk.services.platform.office_server import (
    CopyCancelled,
    move_to_server,
    restore_into_server,
)

ADMIN = Actor.system("cli:office")
EXTRA_PHOTOS = 500


def _small_photo(n: int) -> bytes:
    image = Image.new("RGB", (64, 48), ((n * 7) % 256, (n * 13) % 256, (n * 29) % 256))
    image.putpixel((n % 64, n // 64 % 48), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture(scope="module")
def office_file(tmp_path_factory: pytest.TempPathFactory, test_server: TestServer | None) -> Path:
    """A PC's database: the demo plus 500 more photos, built once for the module."""
    if test_server is None:
        pytest.skip("needs a PostgreSQL server: run with --db-url")
    from hsdesk.demo.office import load_demo
    from hsdesk.services.photos import library
    from hsdesk.services.photos.files import check_photo

    folder = tmp_path_factory.mktemp("office-pc")
    db = Database(str(folder / "hsdesk.db"), local_dir=folder)
    ensure_schema(db)
    load_demo(db)
    for n in range(EXTRA_PHOTOS):
        library.import_photo(db, ADMIN, check_photo(_small_photo(n), f"extra-{n}.jpg"), "Extra")
    db.dispose()
    return folder


@pytest.fixture
def pc(office_file: Path, tmp_path: Path) -> Iterator[Database]:
    """This PC's database, a fresh copy of the office file."""
    shutil.copytree(office_file, tmp_path / "pc")
    db = Database(str(tmp_path / "pc" / "hsdesk.db"), local_dir=tmp_path / "pc")
    yield db
    db.dispose()


def _facts(db: Database) -> tuple[dict[str, int], object, list[str]]:
    with db.engine.connect() as conn:
        return count_rows(conn), chain_head(conn), stored_shas(conn)


def test_a_move_copies_every_record_file_and_the_chain_then_keeps_the_file_read_only(
    pc: Database, empty_server: str, tmp_path: Path
) -> None:
    before = _facts(pc)
    assert before[0]["photo"] > EXTRA_PHOTOS
    reported: list[tuple[int, int]] = []
    moved = move_to_server(pc, empty_server, ADMIN, report=lambda d, t, _w: reported.append((d, t)))
    assert reported[-1][0] == reported[-1][1]  # the progress reached the end
    office = Database(empty_server, local_dir=tmp_path / "other-pc")
    try:
        counts, head, shas = _facts(office)
        # The server's trail has one more entry: the move itself, after the copied chain.
        assert counts == {**before[0], "audit_entry": before[0]["audit_entry"] + 1}
        with office.read() as session:
            copied = session.execute(
                text("SELECT hash FROM audit_entry WHERE seq = :seq"), {"seq": before[1].seq}
            ).scalar()
        assert copied == before[1].hash
        assert shas == before[2] and len(shas) == moved.files
        assert all(office.files.raw(sha) == pc.files.raw(sha) for sha in shas)
        assert check(office) == []
        assert ensure_schema(office) is None  # already at this release's schema
    finally:
        office.dispose()
    pc.dispose()
    reopened = Database(str(pc.path), local_dir=pc.data_dir)
    try:
        assert reopened.moved_to is not None and "***" not in empty_server
        assert reopened.read_only is not None and reopened.moved_to in reopened.read_only
        with pytest.raises(ReadOnlyDatabase, match="moved to the office server"), reopened.write():
            pass
        assert check(reopened) == []
    finally:
        reopened.dispose()


def test_the_server_keeps_numbering_after_the_copied_records(
    pc: Database, empty_server: str, tmp_path: Path
) -> None:
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.people import persons

    move_to_server(pc, empty_server, ADMIN)
    office = Database(empty_server, local_dir=tmp_path)
    try:
        added = persons.add_person(
            office, ADMIN, PersonInput("New", "Starter", PersonKind.VOLUNTEER)
        )
        assert added.id > _facts(pc)[0]["person"]
    finally:
        office.dispose()


def test_a_server_that_holds_records_is_refused(pc: Database, empty_server: str) -> None:
    move_to_server(pc, empty_server, ADMIN)
    other = Database(str(pc.data_dir / "other.db"), local_dir=pc.data_dir)
    ensure_schema(other)
    with pytest.raises(ValidationError, match="already holds an office's records"):
        move_to_server(other, empty_server, ADMIN)
    other.dispose()


@pytest.mark.parametrize("stop", ["cancel", "failure"])
def test_a_move_stopped_half_way_leaves_the_server_empty_and_the_file_unchanged(
    pc: Database, empty_server: str, stop: str
) -> None:
    before = _facts(pc)
    fresh = Database(empty_server)
    ensure_schema(fresh)  # an empty hsdesk database, as the move itself would make it
    empty = _facts(fresh)
    fresh.dispose()
    calls = []

    def report(done: int, total: int, _what: str) -> None:
        calls.append(done)
        if stop == "failure" and done > total // 2:
            raise OSError("the network went away")

    def cancelled() -> bool:
        return stop == "cancel" and len(calls) > 40

    with pytest.raises(CopyCancelled if stop == "cancel" else OSError):
        move_to_server(pc, empty_server, ADMIN, report=report, cancelled=cancelled)
    office = Database(empty_server)
    try:
        assert _facts(office) == empty
        assert empty[0]["person"] == empty[0]["audit_entry"] == 0 and empty[2] == []
        with office.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM stored_file_content").scalar() == 0
    finally:
        office.dispose()
    assert _facts(pc) == before and pc.moved_to is None
    pc.dispose()
    # And a second try, with nothing in the way, succeeds.
    again = Database(str(pc.path), local_dir=pc.data_dir)
    try:
        move_to_server(again, empty_server, ADMIN)
    finally:
        again.dispose()


def test_only_an_administrator_moves_the_office(pc: Database, empty_server: str) -> None:
    clerk = Actor(username="vdo", person_id=4, display_name="Vdo", is_admin=False)
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        move_to_server(pc, empty_server, clerk)


@pytest.fixture
def office(pc: Database, empty_server: str, tmp_path: Path) -> Iterator[Database]:
    """The office server, after the move, as a PC with its own data folder sees it."""
    move_to_server(pc, empty_server, ADMIN)
    db = Database(empty_server, local_dir=tmp_path / "office-pc")
    yield db
    db.dispose()


def test_a_server_backup_is_an_hsdesk_file_that_opens_and_checks_on_another_pc(
    office: Database, tmp_path: Path
) -> None:
    shared = tmp_path / "shared-backups"
    with office.write() as session:
        settings.write(session, BACKUP_FOLDER, str(shared))
    assert office.backups_dir == shared
    taken = backup_now(office)
    assert taken.path.parent == shared and taken.missing_files == []
    counts, head, shas = _facts(office)
    elsewhere = tmp_path / "laptop"
    shutil.copytree(shared, elsewhere)
    as_file = Database(str(elsewhere / taken.path.name), local_dir=elsewhere)
    try:
        assert schema_state(as_file).revision == HEAD
        assert _facts(as_file) == (counts, head, shas)
        # Its stored files are in the backup folder's store, as for a PC's backups.
        from hsdesk.db.filestore import FolderStore, problem

        store = FolderStore(elsewhere / "files")
        assert [sha for sha in shas if problem(store, sha)] == []
        assert as_file.engine.dialect.name == "sqlite"
    finally:
        as_file.dispose()
    from hsdesk.cli import main

    assert main(["--db", str(elsewhere / taken.path.name), "check"]) == 0


def test_a_backup_restored_into_the_server_replaces_its_data_after_backing_it_up(
    office: Database, tmp_path: Path
) -> None:
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.people import persons

    taken = backup_now(office, folder=tmp_path / "backups")
    counts, head, _shas = _facts(office)
    persons.add_person(office, ADMIN, PersonInput("After", "Backup", PersonKind.VOLUNTEER))
    done = restore_into_server(office, taken.path, ADMIN)
    assert done.previous is not None and done.previous.is_file()
    after, after_head, _ = _facts(office)
    assert after == {**counts, "audit_entry": counts["audit_entry"] + 1}  # + the restore itself
    assert after_head.seq == head.seq + 1
    assert check(office) == []
    with office.read() as session:
        assert "After" not in {
            row[0] for row in session.execute(text("SELECT first_name FROM person"))
        }
    # The backup of the server as it was holds the person added after the first backup.
    conn = sqlite3.connect(done.previous)
    assert conn.execute("SELECT count(*) FROM person WHERE first_name = 'After'").fetchone()[0] == 1
    conn.close()


def test_a_restore_missing_stored_files_is_refused_with_the_server_untouched(
    office: Database, tmp_path: Path
) -> None:
    taken = backup_now(office, folder=tmp_path / "backups")
    shutil.rmtree(tmp_path / "backups" / "files")
    before = _facts(office)
    with pytest.raises(DatabaseProblem, match="cannot be restored.*Nothing was changed"):
        restore_into_server(office, taken.path, ADMIN)
    assert _facts(office) == before


def test_a_backup_with_an_edited_audit_entry_is_refused_with_the_server_untouched(
    office: Database, tmp_path: Path
) -> None:
    taken = backup_now(office, folder=tmp_path / "backups")
    conn = sqlite3.connect(taken.path)
    with conn:
        conn.execute("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 3")
    conn.close()
    before = _facts(office)
    with pytest.raises(DatabaseProblem, match="audit entry 3 was altered.*Nothing was changed"):
        restore_into_server(office, taken.path, ADMIN)
    assert _facts(office) == before


def test_a_failed_restore_leaves_the_server_as_it_was(office: Database, tmp_path: Path) -> None:
    taken = backup_now(office, folder=tmp_path / "backups")
    before = _facts(office)

    def broken(done: int, total: int, _what: str) -> None:
        if done > total // 2:
            raise OSError("the network went away")

    with pytest.raises(OSError):
        restore_into_server(office, taken.path, ADMIN, report=broken)
    assert _facts(office) == before


def test_automatic_backups_are_taken_by_one_pc_at_a_time(
    office: Database, empty_server: str, tmp_path: Path
) -> None:
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.people import persons

    shared = tmp_path / "shared"
    with office.write() as session:
        settings.write(session, BACKUP_FOLDER, str(shared))
    other_pc = Database(empty_server, local_dir=tmp_path / "pc-b")
    try:
        first, second = AutoBackup(office), AutoBackup(other_pc)
        assert first.take() is not None
        assert second.take() is None  # the shared folder already holds the latest change
        persons.add_person(office, ADMIN, PersonInput("One", "More", PersonKind.VOLUNTEER))
        with server.backup_turn(office.engine) as mine:  # the first PC is backing up right now
            assert mine
            assert second.take() is None
        assert second.take() is not None
        assert [b.kind for b in list_backups(shared)] == [BackupKind.AUTOMATIC] * 2
    finally:
        other_pc.dispose()


def test_demo_force_on_a_server_backs_it_up_first(office: Database) -> None:
    from hsdesk.demo.office import load_demo

    counts = _facts(office)[0]
    backup = load_demo(office, force=True)
    assert backup is not None and backup.name.endswith("before-demo.db")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM photo").fetchone()[0] == counts["photo"]
    conn.close()


def test_an_upgrade_of_the_server_backs_it_up_first_at_its_old_schema(
    office: Database, tmp_path: Path
) -> None:
    # A server older than 0008 kept no files (server mode came with 0008): this test's stand-in
    # for an older schema loses them, so their copies come from an earlier backup's folder.
    backup_now(office)
    downgrade(office, "0007")
    with office.engine.connect() as conn:
        people = conn.exec_driver_sql("SELECT count(*) FROM person").scalar()
    backup = ensure_schema(office)
    assert backup is not None and backup.name.endswith("before-upgrade.db")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0007"
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == people
    conn.close()
    assert schema_state(office).is_current
    # That backup restores (upgraded on a copy on the way in).
    restore_into_server(office, backup, ADMIN)
    assert _facts(office)[0]["person"] == people


def test_a_pc_that_meets_another_pcs_upgrade_waits_for_it(
    office: Database, empty_server: str, tmp_path: Path
) -> None:
    downgrade(office, "0007")
    other_pc = Database(empty_server, local_dir=tmp_path / "pc-b")
    waited = threading.Event()
    result: list[object] = []
    holder = office.engine.connect()
    try:
        transaction = holder.begin()
        server.take_write_lock(holder)  # the first PC is upgrading
        thread = threading.Thread(
            target=lambda: result.append(ensure_schema(other_pc, waiting=waited.set))
        )
        thread.start()
        assert waited.wait(10)
        upgrade_in(holder, HEAD)
        transaction.commit()
        thread.join(30)
    finally:
        holder.close()
        other_pc.dispose()
    assert result == [None]  # found it upgraded: no second upgrade, no second backup
    assert schema_state(office).is_current


def test_an_older_hsdesk_is_refused_by_a_newer_server_and_changes_nothing(
    office: Database, empty_server: str
) -> None:
    with office.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0042'"))
        conn.execute(
            text("UPDATE setting SET value = '1.4' WHERE key = :key"), {"key": UPGRADED_BY}
        )
    before = _facts(office)
    newer_pc = Database(empty_server)
    try:
        with pytest.raises(
            DatabaseProblem,
            match=r"(?i)the office server was upgraded to hsdesk 1\.4; install it on this PC",
        ):
            ensure_schema(newer_pc)
    finally:
        newer_pc.dispose()
    assert _facts(office) == before
