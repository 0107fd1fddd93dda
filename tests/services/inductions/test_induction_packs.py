"""Induction packs read back with pypdf: the person, the whole policy, the acknowledgement form,
page numbers per pack, extra documents per role, and a batch that survives one failure."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import stored_files
from induction_office import TODAY, InductionOffice, build_induction_office
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.inductions import packs as induction_packs
from hsdesk.services.inductions import recording
from hsdesk.services.inductions import records as inductions
from hsdesk.services.inductions.packs import PacksCancelled


@pytest.fixture
def office(db, admin) -> InductionOffice:
    return build_induction_office(db, admin)


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def _pdf(pages: int, text: str) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for n in range(pages):
        c.drawString(100, 700, f"{text} page {n + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def test_a_pack_holds_the_person_the_whole_policy_and_the_acknowledgement_form(db, office, admin):
    batch = induction_packs.make_packs(db, admin, [office.ids["late"]], today=TODAY)
    pages = _pages(batch.pdf)
    whole = " ".join(pages)
    assert "Induction pack" in pages[0] and "Lia Late" in pages[0] and "Volunteer" in pages[0]
    assert "25/11/2026" in pages[0]
    for number, clause in batch.version.text.numbered():
        assert number in whole
        assert " ".join(clause.split())[:60] in whole
    assert "Date policy adopted: 11/04/2018" in whole and "Margaret Ashworth" in whole
    form = pages[-1]
    assert "Acknowledgement of the policy" in form
    assert "I have received and read the Social Networking Policy and Procedure" in form
    assert "version 2, adopted 11/04/2018" in form
    assert "Lia Late" in form and "Signature" in form and "Date" in form
    total = len(pages)
    assert f"Page 1 of {total}" in pages[0] and f"Page {total} of {total}" in form


def test_a_batch_numbers_each_pack_on_its_own_and_reports_who_failed(db, office, admin):
    ids = [office.ids["late"], office.ids["parent"], office.ids["staff"], office.ids["left"]]
    batch = induction_packs.make_packs(db, admin, ids, today=TODAY)
    assert [p.name for p in batch.people] == ["Lia Late", "Sam Staff"]
    assert [name for name, _why in batch.failed] == ["Pat Parent", "Lee Left"]
    assert "Inductions are for trustees, staff and volunteers" in batch.failed[0][1]
    pages = _pages(batch.pdf)
    firsts = [n for n, text in enumerate(pages) if "Page 1 of" in text]
    assert len(firsts) == 2 and "Sam Staff" in pages[firsts[1]]
    each = firsts[1]
    assert len(pages) == 2 * each  # the same number of pages for each
    assert f"Page {each} of {each}" in pages[-1]
    assert "not made for Pat Parent" in batch.summary


def test_extra_documents_for_a_role_go_before_the_form_and_count_in_the_pages(db, office, admin):
    induction_packs.add_pack_document(
        db, admin, PersonKind.VOLUNTEER, "Volunteer handbook", _pdf(2, "Handbook"), "hb.pdf"
    )
    induction_packs.add_pack_document(
        db, admin, PersonKind.VOLUNTEER, "Lone working", _pdf(1, "Lone"), "lone.pdf"
    )
    first, second = induction_packs.list_pack_documents(db)
    induction_packs.move_pack_document(db, admin, second.id, -1)
    assert [d.title for d in induction_packs.list_pack_documents(db)] == [
        "Lone working",
        "Volunteer handbook",
    ]
    volunteer = _pages(induction_packs.make_packs(db, admin, [office.ids["late"]]).pdf)
    staff = _pages(induction_packs.make_packs(db, admin, [office.ids["staff"]]).pdf)
    assert len(volunteer) == len(staff) + 3
    assert "Lone working" in volunteer[0] and "Volunteer handbook" in volunteer[0]
    assert volunteer[-4].startswith("Lone page 1")
    assert volunteer[-3].startswith("Handbook page 1")
    assert "Acknowledgement of the policy" in volunteer[-1]
    total = len(volunteer)
    assert f"Page {total} of {total}" in volunteer[-1]
    assert f"of {total}" in volunteer[0]


def test_a_pack_document_must_be_a_readable_pdf_and_only_an_administrator_adds_one(
    db, office, admin, volunteer_actor
):
    with pytest.raises(ValidationError, match="not a PDF"):
        induction_packs.add_pack_document(
            db, admin, PersonKind.VOLUNTEER, "Notes", b"hello", "notes.txt"
        )
    with pytest.raises(ValidationError, match="damaged"):
        induction_packs.add_pack_document(
            db, admin, PersonKind.VOLUNTEER, "Bad", b"%PDF-1.4\n garbage", "bad.pdf"
        )
    with pytest.raises(PermissionDenied):
        induction_packs.add_pack_document(
            db, volunteer_actor, PersonKind.VOLUNTEER, "Hb", _pdf(1, "x"), "x.pdf"
        )
    assert induction_packs.list_pack_documents(db) == []


def test_a_damaged_pack_document_fails_only_that_roles_packs(db, office, admin):
    document = induction_packs.add_pack_document(
        db, admin, PersonKind.STAFF, "Staff handbook", _pdf(1, "Staff"), "staff.pdf"
    )
    stored_files.tamper(db, document.sha256, b"changed on disk")
    batch = induction_packs.make_packs(db, admin, [office.ids["staff"], office.ids["late"]])
    assert [p.name for p in batch.people] == ["Lia Late"]
    assert batch.failed[0][0] == "Sam Staff" and "Staff handbook" in batch.failed[0][1]


def test_nobody_to_pack_is_refused_and_cancel_stops(db, office, admin, volunteer_actor):
    with pytest.raises(ValidationError, match="No induction pack could be made"):
        induction_packs.make_packs(db, admin, [office.ids["parent"]])
    with pytest.raises(PermissionDenied):
        induction_packs.make_packs(db, volunteer_actor, [office.ids["late"]])
    seen: list[tuple[int, int]] = []
    with pytest.raises(PacksCancelled):
        induction_packs.make_packs(
            db,
            admin,
            [office.ids["late"], office.ids["staff"]],
            report=lambda done, total, _name: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 1,
        )
    assert seen == [(0, 2)]


def test_one_file_per_person_and_the_outstanding_export(db, office, admin, tmp_path):
    batch = induction_packs.make_packs(
        db, admin, [office.ids["late"], office.ids["staff"]], separate=True
    )
    written = induction_packs.write_separate(batch, tmp_path)
    assert sorted(p.name for p in written) == [
        "Induction pack - Lia Late.pdf",
        "Induction pack - Sam Staff.pdf",
    ]
    assert "Sam Staff" in _pages(written[1].read_bytes())[0]
    target = tmp_path / "outstanding.pdf"
    exported = induction_packs.export_packs(db, admin, target, outstanding=True, today=TODAY)
    assert {p.name for p in exported.people} == {
        "Margaret Ashworth",
        "Nia New",
        "Lia Late",
        "Rhys Resting",
        "Sam Staff",
    }
    assert exported.people[0].name != "Nia New"  # overdue first
    assert target.read_bytes() == exported.pdf


def test_printing_records_the_day_the_pack_was_printed(db, office, admin):
    batch = induction_packs.make_packs(db, admin, [office.ids["late"]])
    recording.mark_printed(db, admin, batch.person_ids, batch.version.id, TODAY)
    _progress, rows = inductions.induction_rows(db, TODAY + timedelta(days=1))
    late = next(r for r in rows if r.person_id == office.ids["late"])
    assert late.pack_printed_on == TODAY and late.acknowledged_on is None


def test_the_longest_name_a_person_can_have_prints_whole_and_keeps_the_footer_apart(
    db, office, admin
):
    """100 letters each (the most the People register keeps): the name is printed in full on
    the pack and the form, and each page's footer is shortened to leave its page number clear."""
    from conftest import person

    from hsdesk.domain.enums import VolunteerStatus
    from hsdesk.services.people import persons as people

    first, last = "W" * 100, "M" * 100
    data = person(first, last, volunteer_status=VolunteerStatus.ACTIVE, start_date=TODAY)
    added = people.add_person(db, admin, data)
    batch = induction_packs.make_packs(db, admin, [added.id], today=TODAY)
    pages = _pages(batch.pdf)
    assert first in "".join(pages[0].split()) and last in "".join(pages[-1].split())
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        footer = text[text.rindex("Induction pack —") :]
        assert footer.endswith(f"… Page {number} of {total}")
