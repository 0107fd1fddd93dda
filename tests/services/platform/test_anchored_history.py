"""Anchored history: this PC remembers the audit chain head it last verified, so a trail cut
short or rewritten (even with every hash recomputed, the algorithm being public) is reported by
`check`, on opening, and against an earlier backup. On both engines."""

from __future__ import annotations

import pytest
from conftest import person
from sqlalchemy import delete, func, select

from hsdesk.db.models import AuditEntry
from hsdesk.domain.audit_chain import GENESIS, seal_entry
from hsdesk.domain.errors import ValidationError
from hsdesk.services.people import persons as people
from hsdesk.services.platform import anchors
from hsdesk.services.platform.backups import backup_now
from hsdesk.services.platform.integrity import check


def _last(db) -> int:
    with db.read() as session:
        return session.execute(select(func.max(AuditEntry.seq))).scalar() or 0


def _rehash(session) -> None:
    """What someone who knows the algorithm does after changing the trail: every hash again."""
    previous = GENESIS
    for row in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all():
        row.prev_hash = previous
        seal_entry(row)
        session.flush()
        previous = row.hash


def test_deleting_the_last_entries_is_reported_once_this_pc_has_verified_them(demo_db):
    assert check(demo_db) == []
    last = _last(demo_db)
    with demo_db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == last))
    problems = check(demo_db)
    assert problems[0] == (
        f"the audit trail ends at entry {last - 1}, but this PC verified on "
        f"{anchors.seen(demo_db.where).seen_at:%d/%m/%Y %H:%M} entries up to {last}. Entries "
        "were deleted (from the end, or from the middle with the rest renumbered), or an older "
        "copy of the database was put in its place without hsdesk's Restore"
    )
    assert check(demo_db) == problems  # reported until someone deals with it, not forgotten
    with demo_db.write() as session:
        session.execute(delete(AuditEntry))
    assert any("ends at entry 0" in p for p in check(demo_db))


def test_a_pc_that_never_checked_cannot_tell(demo_db, admin):
    """What anchoring cannot see (said in the README): a trail cut before this PC checked it
    (here an entry about a person, which covers no record the chain holds the state of)."""
    people.add_person(demo_db, admin, person("Short", "Lived"))
    with demo_db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == _last(demo_db)))
    assert check(demo_db) == []


def test_an_edit_in_the_middle_with_the_hashes_recomputed_is_reported(demo_db):
    assert check(demo_db) == []
    middle = _last(demo_db) // 2
    with demo_db.write() as session:
        row = session.get(AuditEntry, middle)
        row.summary = "Nothing happened here"
        _rehash(session)
    problems = check(demo_db)
    assert len(problems) == 1 and "is not the one this PC verified" in problems[0]
    assert "hashes recomputed" in problems[0]


def test_an_entry_deleted_and_the_rest_renumbered_is_reported(demo_db):
    assert check(demo_db) == []
    gone = _last(demo_db) // 3
    with demo_db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == gone))
        session.flush()
        later = session.execute(
            select(AuditEntry).where(AuditEntry.seq > gone).order_by(AuditEntry.seq)
        ).scalars()
        for row in later.all():
            row.seq -= 1
            session.flush()
        _rehash(session)
    problems = check(demo_db)
    assert len(problems) == 1 and "renumbered" in problems[0]


def test_opening_verifies_only_what_is_new_and_moves_the_anchor_on(demo_db, admin):
    assert anchors.verified_since_seen(demo_db) is None  # first opening: the whole trail
    first = anchors.seen(demo_db.where)
    people.add_person(demo_db, admin, person("New", "Since"))
    assert anchors.verified_since_seen(demo_db) is None
    assert anchors.seen(demo_db.where).seq == first.seq + 1
    people.add_person(demo_db, admin, person("Newer", "Still"))
    with demo_db.write() as session:  # an entry this PC has not verified yet, edited
        session.get(AuditEntry, first.seq + 2).summary = "Changed before this PC saw it"
    problem = anchors.verified_since_seen(demo_db)
    assert problem == f"audit entry {first.seq + 2} was altered after it was written"
    assert anchors.seen(demo_db.where).seq == first.seq + 1  # not moved past the damage


def test_check_against_an_earlier_backup(demo_db, admin, tmp_path):
    people.add_person(demo_db, admin, person("Kept", "Only"))
    earlier = backup_now(demo_db, folder=tmp_path / "kept").path
    assert anchors.against(demo_db, earlier) == []
    assert anchors.seen(demo_db.where) is None  # this PC never checked here: no anchor
    with demo_db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == _last(demo_db)))
    assert check(demo_db) == []
    problems = anchors.against(demo_db, earlier)
    assert len(problems) == 1 and f"the backup {earlier.name} holds" in problems[0]


def test_check_against_a_signed_pdf(demo_db, admin, tmp_path):
    from hsdesk.services.policy.pdf import export_policy

    pdf = tmp_path / "policy.pdf"
    export_policy(demo_db, admin, pdf)  # signed now, naming the trail's head at this moment
    people.add_person(demo_db, admin, person("After", "Signing"))
    assert anchors.against(demo_db, pdf) == []
    with demo_db.write() as session:
        session.get(AuditEntry, 2).summary = "Rewritten"
        _rehash(session)
    problems = anchors.against(demo_db, pdf)
    assert len(problems) == 1 and f"the signed PDF {pdf.name} names" in problems[0]
    unsigned = tmp_path / "other.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ValidationError, match="names no audit trail to compare"):
        anchors.against(demo_db, unsigned)
