"""A `check` after a clean one digests only the covered records written since, and holds the rest
to the short marks this PC kept of them, so a record changed, added or deleted outside hsdesk is
still reported by name. On both engines."""

from __future__ import annotations

from outside_edits import copy_consent, directly
from sqlalchemy import select

from hsdesk.db import record_marks
from hsdesk.db.models import Complaint, Consent
from hsdesk.db.record_marks import Marks
from hsdesk.services.platform import integrity, last_check
from hsdesk.services.platform.integrity import check


def _ids(db, model) -> list[int]:
    with db.read() as session:
        return list(session.execute(select(model.id).order_by(model.id)).scalars())


def _through_hsdesk(db, complaint_id: int, outcome: str) -> None:
    """A change hsdesk writes: sealed into the audit trail as it commits."""
    with db.write() as session:
        session.get(Complaint, complaint_id).outcome = outcome


def test_only_the_records_written_since_the_last_check_are_digested(demo_db, monkeypatch):
    assert check(demo_db) == []  # the first: the full comparison, and the marks kept
    complaint = _ids(demo_db, Complaint)[0]
    _through_hsdesk(demo_db, complaint, "Resolved by phone")
    digested: list[tuple[str, set[int]]] = []
    real = record_marks.states

    def counted(connection, name, ids=None):  # type: ignore[no-untyped-def]
        digested.append((name, set(ids or ())))
        return real(connection, name, ids)

    monkeypatch.setattr(record_marks, "states", counted)
    monkeypatch.setattr(integrity, "record_problems", lambda _s: [f"{1 / 0}"])  # not called
    assert check(demo_db) == []
    assert digested == [("complaint", {complaint})]


def test_changes_outside_hsdesk_since_a_clean_check_are_reported_as_the_full_check_does(demo_db):
    assert check(demo_db) == []
    consent = _ids(demo_db, Consent)[0]
    first, second, third = _ids(demo_db, Complaint)[:3]
    _through_hsdesk(demo_db, first, "Resolved by phone")  # hsdesk's own: fine
    directly(demo_db, "UPDATE consent SET witness = 'Nobody' WHERE id = :id", id=consent)
    directly(demo_db, "DELETE FROM complaint WHERE id = :id", id=second)
    _through_hsdesk(demo_db, third, "Apologised")
    directly(demo_db, "UPDATE complaint SET outcome = 'Ignored' WHERE id = :id", id=third)
    copy_consent(demo_db, consent)
    added = max(_ids(demo_db, Consent))
    quick = check(demo_db)
    assert sorted(quick) == sorted(
        [
            f"consent record {consent} was changed outside hsdesk (it no longer matches the "
            "audit trail)",
            f"complaint {second} was deleted outside hsdesk",
            f"complaint {third} was changed outside hsdesk (it no longer matches the audit trail)",
            f"consent record {added} is not in the audit trail: it was added outside hsdesk",
        ]
    )
    assert sorted(check(demo_db, full=True)) == sorted(quick)


def test_a_record_hsdesk_deleted_but_put_back_outside_it_is_reported(demo_db):
    complaint = _ids(demo_db, Complaint)[-1]
    table = Complaint.__table__
    with demo_db.engine.connect() as conn:
        columns = dict(conn.execute(table.select().where(table.c.id == complaint)).one()._mapping)
    assert check(demo_db) == []
    with demo_db.write() as session:
        session.delete(session.get(Complaint, complaint))
    assert check(demo_db) == []  # hsdesk's own deletion
    with demo_db.engine.begin() as conn:
        conn.execute(table.insert().values(**columns))
    (found,) = check(demo_db)  # a record the trail has as deleted, there again
    assert found.startswith(f"complaint {complaint} ") and "outside hsdesk" in found


def test_marks_that_are_not_whole_mean_the_full_comparison(demo_db):
    assert check(demo_db) == []
    kept = last_check.load_marks(demo_db.where)
    assert kept is not None and Marks.from_bytes(kept.to_bytes()) == kept
    assert sum(len(found) for found in kept.tables.values()) > 50
    last_check.save_marks(demo_db.where, Marks(kept.seq, kept.revision))
    path = last_check._marks_path(demo_db.where)
    path.write_bytes(path.read_bytes()[:-3])  # cut short
    assert last_check.load_marks(demo_db.where) is None
    consent = _ids(demo_db, Consent)[0]
    directly(demo_db, "UPDATE consent SET witness = 'Nobody' WHERE id = :id", id=consent)
    assert check(demo_db) == [
        f"consent record {consent} was changed outside hsdesk (it no longer matches the audit "
        "trail)"
    ]


def test_a_check_says_how_far_it_has_got_and_stopping_it_keeps_nothing(demo_db):
    from hsdesk.domain.progress import Steps, Stopped
    from hsdesk.services.platform import anchors

    seen: list[tuple[int, str]] = []
    stop = Steps(lambda done, _total, what: seen.append((done, what)), lambda: len(seen) >= 2)
    try:
        check(demo_db, steps=stop)
    except Stopped:
        pass
    else:
        raise AssertionError("the check was not stopped")
    assert anchors.seen(demo_db.where) is None  # stopped: no anchor, no marks kept
    assert last_check.load_marks(demo_db.where) is None
    seen.clear()
    assert check(demo_db, steps=Steps(lambda done, _t, what: seen.append((done, what)))) == []
    done = [d for d, _what in seen]
    assert done == sorted(done) and done[-1] == 100 and seen[-1][1] == "Checked"
    assert seen[0][1] == "Checking the database and its indexes"  # the first check is full
    assert any(what.startswith("Stored file 1 of") for _d, what in seen)
