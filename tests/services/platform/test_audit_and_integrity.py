from datetime import date

import pytest
import stored_files
from conftest import office_actor, person
from sqlalchemy import text

from hsdesk.domain import clock
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import PermissionDenied
from hsdesk.services.people import persons as people
from hsdesk.services.platform import audit, files
from hsdesk.services.platform.audit import AuditFilter
from hsdesk.services.platform.integrity import check


def test_demo_database_checks_ok(demo_db):
    assert check(demo_db) == []


def test_altering_any_audit_entry_is_detected(demo_db):
    with demo_db.write() as session:
        session.execute(text("UPDATE audit_entry SET summary = 'nothing to see' WHERE seq = 5"))
    assert check(demo_db) == ["audit entry 5 was altered after it was written"]


def test_deleting_an_audit_entry_is_detected(demo_db):
    with demo_db.write() as session:
        session.execute(text("DELETE FROM audit_entry WHERE seq = 3"))
    assert check(demo_db) == ["audit entry 3 is missing (next found is 4)"]


def test_audit_filters(db, admin):
    people.add_person(db, admin, person("Zoë", "Ní Bhriain"))
    people.add_person(db, admin, person("Janet", "Wood"))
    assert [e.summary for e in audit.list_entries(db, admin, AuditFilter(text="zoë"))] == [
        "Added volunteer Zoë Ní Bhriain"
    ]
    assert audit.list_entries(db, admin, AuditFilter(entity="family")) == []
    assert (
        len(audit.list_entries(db, admin, AuditFilter(since=clock.today(), until=clock.today())))
        == 2
    )
    assert audit.list_entries(db, admin, AuditFilter(until=date(2000, 1, 1))) == []


def test_audit_is_not_for_everyone(db, volunteer_actor):
    with pytest.raises(PermissionDenied, match="audit trail"):
        audit.list_entries(db, volunteer_actor)
    audit.list_entries(db, office_actor(Office.VICE_CHAIR))


def test_damaged_stored_file_is_reported(db):
    with db.write() as session:
        row = files.add_file(session, db.files, b"signed form scan", "form.pdf", "application/pdf")
        sha = row.sha256
    with db.write() as session:  # the same bytes again find the same record
        assert (
            files.add_file(
                session, db.files, b"signed form scan", "again.pdf", "application/pdf"
            ).sha256
            == sha
        )
    assert check(db) == []
    stored_files.tamper(db, sha, b"tampered")
    assert check(db) == [f"stored file {sha[:12]}… has been changed or damaged in {db.files.where}"]
    stored_files.lose(db, sha)
    assert "is missing" in check(db)[0]


def test_the_trail_is_read_newest_first_a_page_at_a_time(demo_db, admin):
    everything = audit.list_entries(demo_db, admin)
    assert [e.seq for e in everything] == sorted((e.seq for e in everything), reverse=True)
    pages, before = [], None
    while True:
        page = audit.list_entries(demo_db, admin, AuditFilter(limit=100, before=before))
        if not page:
            break
        pages += page
        before = page[-1].seq
    assert [e.seq for e in pages] == [e.seq for e in everything]


def test_the_kinds_of_record_are_those_the_trail_holds_in_order(demo_db):
    """The audit trail's 'Record type' list: every kind in the trail once, in order (found by
    stepping along the index, the same as reading every entry)."""
    with demo_db.read() as session:
        every = sorted(set(session.execute(text("SELECT entity FROM audit_entry")).scalars()))
    assert audit.entity_names(demo_db) == every and len(every) > 10
