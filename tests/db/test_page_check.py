"""SQLite's page check of the file runs in the background from opening: writes wait for it and
a damaged file takes none; closing hsdesk interrupts a check still running."""

from __future__ import annotations

import sqlite3
import threading
import time

from hsdesk.db import migrate
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import DatabaseDamaged
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people


def test_writes_wait_for_the_check_and_a_damaged_file_takes_none(db, admin, monkeypatch):
    finish = threading.Event()

    def slow_check(_db, opened=None):  # type: ignore[no-untyped-def]
        finish.wait(10)
        return DatabaseDamaged("office.db is damaged and cannot be used as it is.")

    monkeypatch.setattr(migrate, "page_damage", slow_check)
    pages = migrate.PageCheck(db)
    db.before_writing = pages.clear_to_write
    outcome: list[object] = []

    def save() -> None:
        try:
            people.add_person(db, admin, PersonInput("Nia", "Ward", PersonKind.VOLUNTEER))
            outcome.append("saved")
        except DatabaseDamaged as exc:
            outcome.append(exc)

    writer = threading.Thread(target=save)
    writer.start()
    time.sleep(0.3)
    assert writer.is_alive() and outcome == []  # waiting for the check
    finish.set()
    writer.join(10)
    assert len(outcome) == 1 and "is damaged" in str(outcome[0])
    assert not [p for p in people.list_people(db) if p.last_name == "Ward"]


def test_a_sound_file_is_written_once_checked(db, admin):
    pages = migrate.PageCheck(db)
    db.before_writing = pages.clear_to_write
    people.add_person(db, admin, PersonInput("Nia", "Ward", PersonKind.VOLUNTEER))
    assert pages.done and pages.result() is None
    assert [p.first_name for p in people.list_people(db) if p.last_name == "Ward"] == ["Nia"]


def test_closing_interrupts_a_check_still_running(db, monkeypatch, tmp_path):
    def long_check(_db, opened=None):  # type: ignore[no-untyped-def]
        conn = sqlite3.connect(tmp_path / "long.db")
        assert opened is not None
        opened(conn)
        try:  # a check that would take minutes
            conn.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                "WHERE x < 1000000000) SELECT count(*) FROM n"
            ).fetchone()
        except sqlite3.OperationalError as exc:  # interrupted
            return DatabaseDamaged(str(exc))
        finally:
            conn.close()
        return None

    monkeypatch.setattr(migrate, "page_damage", long_check)
    pages = migrate.PageCheck(db)
    time.sleep(0.3)
    began = time.monotonic()
    pages.stop()
    assert time.monotonic() - began < 3 and pages.done
    assert pages.result() is None  # stopped: not taken for damage


def test_on_a_shared_drive_there_is_no_check_to_wait_for_or_stop():
    from types import SimpleNamespace

    pages = migrate.PageCheck(SimpleNamespace(shared="a network drive"))  # checked on opening
    assert pages.done and pages.result() is None
    pages.clear_to_write()
    pages.stop()  # closing: nothing running, nothing refused
