"""`check` costs what changed since this PC's last check, not the office's whole history: it
re-hashes the audit entries after the head this PC verified and the stored files whose token
changed; a full check (asked for, on a database never checked here, or every 30 days) re-hashes
everything. On both engines."""

from __future__ import annotations

from datetime import timedelta

import pytest
import stored_files
from sqlalchemy import text

from hsdesk.db import filestore
from hsdesk.domain import clock
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people
from hsdesk.services.platform import integrity, last_check


@pytest.fixture
def counted(monkeypatch):
    """What each check re-hashed: the entries after ``after`` and the stored files."""
    seen: dict[str, list] = {"after": [], "files": []}
    real_chain, real_problem = integrity.chain_problem, filestore.problem

    def chain(session, after_seq=0, after_hash=""):  # type: ignore[no-untyped-def]
        seen["after"].append(after_seq)
        return real_chain(session, after_seq, after_hash) if after_seq else real_chain(session)

    def problem(store, sha):  # type: ignore[no-untyped-def]
        seen["files"].append(sha)
        return real_problem(store, sha)

    monkeypatch.setattr(integrity, "chain_problem", chain)
    monkeypatch.setattr(integrity.filestore, "problem", problem)
    return seen


def _last_seq(db) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT max(seq) FROM audit_entry")).scalar() or 0)


def test_a_second_check_rehashes_only_what_is_new(demo_db, admin, counted):
    assert integrity.check(demo_db) == []
    assert counted["after"] == [0] and len(counted["files"]) > 5  # the first: everything
    head = _last_seq(demo_db)
    people.add_person(demo_db, admin, PersonInput("New", "Since", PersonKind.STAFF))
    counted["after"].clear()
    counted["files"].clear()
    assert integrity.check(demo_db) == []
    assert counted["after"] == [head] and counted["files"] == []


def test_a_stored_file_changed_since_the_last_check_is_found(demo_db, counted):
    assert integrity.check(demo_db) == []
    sha = next(iter(demo_db.files.stored()))
    stored_files.tamper(demo_db, sha, b"not the photo any more")
    counted["files"].clear()
    problems = integrity.check(demo_db)
    assert counted["files"] == [sha]  # only the changed one is read
    assert any(sha[:12] in p and "changed or damaged" in p for p in problems)


def test_an_old_entry_edited_in_place_is_found_by_the_full_check(demo_db):
    """The shortcut trusts entries this PC verified; an edit to one of them that leaves its
    hash as it was is found by a full check: asked for, or due 30 days after the last."""
    assert integrity.check(demo_db) == []
    with demo_db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET summary = 'nothing to see' WHERE seq = 3"))
    assert integrity.check(demo_db) == []  # what the shortcut cannot see (README says so)
    found = integrity.check(demo_db, full=True)
    assert any("entry 3" in p for p in found)
    clock.freeze(clock.now() + last_check.FULL_EVERY + timedelta(days=1))
    assert any("entry 3" in p for p in integrity.check(demo_db))


def test_a_full_check_is_remembered_and_falls_due_after_30_days(demo_db):
    assert last_check.load(demo_db.where).full_at is None
    integrity.check(demo_db)
    state = last_check.load(demo_db.where)
    assert state.full_at == clock.now() and not state.full_due(clock.now())
    assert state.full_due(clock.now() + last_check.FULL_EVERY)
    assert set(state.files) == set(demo_db.files.stored())
