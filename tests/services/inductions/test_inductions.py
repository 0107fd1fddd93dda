"""Inductions: who is outstanding and overdue (including after a re-adoption), what may be
recorded, and the refusals that leave the database as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import stored_files
from induction_office import TODAY, InductionOffice, build_induction_office
from sqlalchemy import func, select

from hsdesk.db.models import AuditEntry, Induction, Person
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.induction import AckMethod, InductionStatus, due_on
from hsdesk.domain.induction_records import AckInput, Evidence
from hsdesk.domain.scans import evidence_media_type
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.inductions import recording
from hsdesk.services.inductions import records as inductions
from hsdesk.services.inductions.exports import induction_rows_for_csv
from hsdesk.services.platform.auth import Signer
from hsdesk.services.policy.adoption import record_adoption
from hsdesk.services.policy.duties import proposals

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"\0" * 64


@pytest.fixture
def office(db, admin) -> InductionOffice:
    return build_induction_office(db, admin)


def _ack(office: InductionOffice, who: str, on: date = TODAY, **extra: object) -> AckInput:
    values: dict[str, object] = {"method": AckMethod.IN_PERSON, "version_id": office.current}
    values.update(extra)
    return AckInput(person_id=office.ids[who], acknowledged_on=on, **values)  # type: ignore[arg-type]


def _status(db, today: date = TODAY) -> dict[str, InductionStatus]:
    _progress, rows = inductions.induction_rows(db, today)
    return {row.name.split()[0]: row.status for row in rows}


def _counts(db) -> tuple[int, int]:
    with db.read() as session:
        return (
            session.execute(select(func.count()).select_from(Induction)).scalar_one(),
            session.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
        )


def test_due_date_is_the_later_of_start_and_adoption_plus_the_days():
    adopted = date(2018, 4, 11)
    assert due_on(date(2026, 11, 1), adopted, 14) == date(2026, 11, 15)
    assert due_on(date(2015, 1, 1), adopted, 14) == date(2018, 4, 25)
    assert due_on(None, adopted, 30) == date(2018, 5, 11)


def test_evidence_must_be_a_pdf_or_an_image():
    assert evidence_media_type(PDF) == "application/pdf"
    assert evidence_media_type(PNG) == "image/png"
    assert evidence_media_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert evidence_media_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert evidence_media_type(b"PK\x03\x04 a Word file") is None
    assert evidence_media_type(b"Dear Sir") is None


def test_everyone_current_is_listed_outstanding_or_overdue_until_they_acknowledge(
    db, office, admin
):
    status = _status(db)
    # Family members and people who have left are not inducted; resting volunteers are.
    assert set(status) == {"Margaret", "Nia", "Lia", "Rhys", "Sam"}
    assert status["Nia"] is InductionStatus.OUTSTANDING  # started 5 days ago
    assert status["Lia"] is InductionStatus.OVERDUE  # started 20 days ago
    assert status["Sam"] is InductionStatus.OVERDUE
    recording.record_acknowledgement(db, admin, _ack(office, "late"), TODAY)
    assert _status(db)["Lia"] is InductionStatus.DONE
    progress, _rows = inductions.induction_rows(db, TODAY)
    assert progress is not None and progress.text == "1 of 5 acknowledged"
    assert (progress.outstanding, progress.overdue) == (4, 3)


def test_acknowledging_only_the_old_version_leaves_someone_outstanding(db, office, admin):
    recording.record_acknowledgement(
        db, admin, _ack(office, "chair", date(2017, 6, 1), version_id=office.old), TODAY
    )
    _progress, rows = inductions.induction_rows(db, TODAY)
    chair = next(r for r in rows if r.person_id == office.ids["chair"])
    assert chair.status is InductionStatus.OVERDUE
    assert chair.previous == "version 1, 01/06/2017"


def test_a_new_adoption_makes_everyone_outstanding_again_from_its_date(db, office, admin):
    for who in ("chair", "late", "resting", "staff", "new"):
        recording.record_acknowledgement(db, admin, _ack(office, who), TODAY)
    assert set(_status(db).values()) == {InductionStatus.DONE}
    adopted = TODAY - timedelta(days=3)
    with db.write() as session:
        from hsdesk.db.models import PolicyVersion

        chair = session.get(Person, office.ids["chair"])
        signer = Signer("chair", chair.id, "Margaret Ashworth", Office.CHAIR, adopted, False)
        record_adoption(
            session,
            admin,
            session.get(PolicyVersion, office.draft),
            signer,
            date(2029, 3, 31),
            session.get(PolicyVersion, office.current).signature_sha256,
            {
                p.duty.key: None
                for p in proposals(session, session.get(PolicyVersion, office.draft))
                if p.flagged
            },
        )
    status = _status(db)
    assert set(status.values()) == {InductionStatus.OUTSTANDING}  # due 14 days after adoption
    later = TODAY + timedelta(days=12)
    assert set(_status(db, later).values()) == {InductionStatus.OVERDUE}
    progress, _rows = inductions.induction_rows(db, TODAY)
    assert progress is not None and progress.text == "0 of 5 acknowledged"
    assert progress.version_label.endswith("version 3")
    titles = [i.title for i in needs_attention(db, TODAY) if i.area == "Inductions"]
    assert "5 people to induct" in titles
    assert "Policy acknowledgements: 0 of 5 acknowledged" in titles


def test_the_overdue_days_are_a_setting_only_an_administrator_changes(db, office, admin):
    assert _status(db)["Lia"] is InductionStatus.OVERDUE
    inductions.set_overdue_days(db, admin, 30)
    assert _status(db)["Lia"] is InductionStatus.OUTSTANDING
    clerk = Actor("sam", None, "Sam Staff", person_kind=PersonKind.STAFF)
    with pytest.raises(PermissionDenied):
        inductions.set_overdue_days(db, clerk, 7)
    with pytest.raises(ValidationError, match="1 to 365"):
        inductions.set_overdue_days(db, admin, 0)


def test_an_acknowledgement_keeps_its_evidence_and_an_audit_entry(db, office, admin):
    record = recording.record_acknowledgement(
        db,
        admin,
        _ack(
            office,
            "late",
            given_on=TODAY - timedelta(days=2),
            method=AckMethod.PAPER,
            evidence=Evidence(PDF, "slip.pdf"),
        ),
        TODAY,
    )
    assert record.evidence_sha256 and stored_files.problem(db, record.evidence_sha256) is None
    assert record.evidence_name == "slip.pdf"
    assert record.given_on == TODAY - timedelta(days=2) and record.given_by == "Admin"
    assert record.role == "Volunteer"
    with db.read() as session:
        entry = (
            session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        )
    assert entry is not None and entry.action == "acknowledge"
    assert "Lia Late acknowledged version 2" in entry.summary
    history = inductions.history(db, office.ids["late"])
    assert [h.version_number for h in history] == [2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"given_on": TODAY}, "after the acknowledgement date"),
        ({"on": TODAY + timedelta(days=1)}, "in the future"),
        ({"on": date(2018, 4, 1)}, "before version 2 was adopted"),
        ({"method": AckMethod.PAPER}, "Attach the scanned"),
        ({"method": AckMethod.SCREEN}, "Sign in the signature box"),
        (
            {"method": AckMethod.PAPER, "evidence": Evidence(b"PK\x03\x04docx", "slip.docx")},
            "not a PDF or an image",
        ),
        ({"method": AckMethod.PAPER, "evidence": Evidence(b"", "slip.pdf")}, "is empty"),
        ({"who": "left"}, "Lee Left left on"),
        ({"who": "parent"}, "Inductions are for trustees, staff and volunteers"),
        ({"draft": True}, "was never adopted"),
    ],
)
def test_bad_acknowledgements_are_refused_and_change_nothing(db, office, admin, change, message):
    before = _counts(db)
    who = change.pop("who", "late")
    on = change.pop("on", TODAY - timedelta(days=1))
    if change.pop("draft", False):
        change["version_id"] = office.draft
    with pytest.raises(ValidationError, match=message):
        recording.record_acknowledgement(db, admin, _ack(office, who, on, **change), TODAY)
    assert _counts(db) == before


def test_an_acknowledgement_is_recorded_once(db, office, admin):
    recording.record_acknowledgement(db, admin, _ack(office, "late"), TODAY)
    with pytest.raises(ValidationError, match="already acknowledged version 2"):
        recording.record_acknowledgement(db, admin, _ack(office, "late"), TODAY)


def test_only_the_office_records_inductions(db, office, volunteer_actor):
    with pytest.raises(PermissionDenied):
        recording.record_acknowledgement(db, volunteer_actor, _ack(office, "late"), TODAY)
    with pytest.raises(PermissionDenied):
        recording.mark_printed(db, volunteer_actor, [office.ids["late"]], office.current, TODAY)


def test_given_and_printed_are_recorded_and_checked_against_the_acknowledgement(db, office, admin):
    recording.mark_printed(
        db, admin, [office.ids["late"], office.ids["parent"]], office.current, TODAY
    )
    given = recording.record_given(
        db, admin, office.ids["late"], office.current, TODAY - timedelta(days=1), "Daniel", TODAY
    )
    assert (given.pack_printed_on, given.given_on, given.given_by) == (
        TODAY,
        TODAY - timedelta(days=1),
        "Daniel",
    )
    assert inductions.history(db, office.ids["parent"]) == []  # not someone who is inducted
    recording.record_acknowledgement(
        db, admin, _ack(office, "late", TODAY - timedelta(days=1)), TODAY
    )
    with pytest.raises(ValidationError, match="must have been given by then"):
        recording.record_given(db, admin, office.ids["late"], office.current, TODAY, "", TODAY)


def test_the_csv_lists_everyone_current_then_earlier_versions(db, office, admin):
    recording.record_acknowledgement(
        db, admin, _ack(office, "chair", date(2017, 6, 1), version_id=office.old), TODAY
    )
    recording.record_acknowledgement(db, admin, _ack(office, "late"), clock.today())
    rows = induction_rows_for_csv(db, admin)
    by_name = [(r[1], r[3], r[4]) for r in rows]
    assert ("Lia Late", "Social Networking Policy version 2", "Done") in by_name
    assert ("Margaret Ashworth", "Social Networking Policy version 1", "Earlier version") in by_name
    assert all(r[1] != "Pat Parent" for r in rows)
