"""Photo import, tagging and the consent rules, called on the services directly."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
import stored_files
from conftest import person
from PIL import Image
from sqlalchemy import func, select

from hsdesk.db.models import AuditEntry, Consent, Photo, StoredFile
from hsdesk.domain import clock
from hsdesk.domain.consent import Clearance, ConsentMethod, ConsentScope, ConsentStatus
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.photo_records import ConsentInput, PhotoDetails
from hsdesk.services.dashboard import needs_attention
from hsdesk.services.people import persons as people
from hsdesk.services.photos import consents, withdrawals
from hsdesk.services.photos import library as photos
from hsdesk.services.photos.exports import consent_form_pdf, consents_csv
from hsdesk.services.photos.files import read_photo
from hsdesk.services.platform import integrity

TODAY = clock.today()
ALL = frozenset(ConsentScope)


def jpeg(path: Path, colour=(200, 80, 40), size=(320, 240), taken: str | None = None, turned=False):
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    if turned:
        exif[0x0112] = 6
    image.save(path, "JPEG", exif=exif)
    return path


def counts(db) -> tuple[int, int, int, int]:
    with db.read() as s:
        return tuple(
            s.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Photo, StoredFile, Consent, AuditEntry)
        )


@pytest.fixture
def family(db, admin):
    parent = people.add_person(db, admin, person("Leanne", "Booth", PersonKind.FAMILY_MEMBER))
    child = people.add_person(
        db,
        admin,
        person(
            "Alfie",
            "Booth",
            PersonKind.CHILD,
            guardian_id=parent.id,
            date_of_birth=TODAY - timedelta(days=6 * 365),
        ),
    )
    return parent, child


def consent(subject, giver, **extra) -> ConsentInput:
    values = dict(
        subject_id=subject.id,
        given_by_id=giver.id,
        relationship="Self" if subject.id == giver.id else "Parent",
        method=ConsentMethod.EMAIL,  # (a signed form comes with its scan)
        wording_version=2,
        scopes=ALL,
        given_on=TODAY - timedelta(days=10),
    )
    values.update(extra)
    return ConsentInput(**values)


def test_import_reads_exif_date_and_finds_the_same_photo_again(db, admin, tmp_path):
    path = jpeg(tmp_path / "picnic.jpg", taken="2026:07:17 11:02:00", turned=True)
    first, new = photos.import_photo(db, admin, read_photo(path))
    again, new_again = photos.import_photo(db, admin, read_photo(path))
    assert new and not new_again and again == first
    record = photos.get_photo(db, first)
    assert record.taken_on == date(2026, 7, 17) and record.original_name == "picnic.jpg"
    assert counts(db)[:2] == (1, 1)
    thumb = photos.thumbnail(db, record.sha256)
    with Image.open(thumb) as image:  # EXIF orientation 6: the thumbnail stands upright
        assert image.height > image.width


def test_bad_files_are_refused_by_name_and_the_rest_imported(db, admin, tmp_path):
    good = jpeg(tmp_path / "good.jpg")
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo")
    whole = io.BytesIO()
    Image.new("RGB", (400, 300), "blue").save(whole, "JPEG")
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    huge = tmp_path / "huge.png"
    Image.new("1", (10000, 6000)).save(huge, "PNG")  # 60 megapixels, small on disk
    missing = tmp_path / "gone.jpg"
    report = photos.import_files(db, admin, [text, good, truncated, huge, missing])
    assert [name for name, _ in report.imported] == ["good.jpg"]
    refused = dict(report.refused)
    assert set(refused) == {"notes.jpg", "cut.jpg", "huge.png", "gone.jpg"}
    assert "notes.jpg is not a photo" in refused["notes.jpg"]
    assert "cut.jpg is damaged or incomplete" in refused["cut.jpg"]
    assert "60 megapixels" in refused["huge.png"] and "50 megapixels" in refused["huge.png"]
    assert "gone.jpg could not be read" in refused["gone.jpg"]
    assert counts(db)[:2] == (1, 1)
    assert stored_files.count(db) == 1  # nothing half-imported stays in the store
    assert report.summary == "1 photo imported, 4 not imported."


def test_a_failed_record_leaves_no_file_in_the_store(db, admin, tmp_path, monkeypatch):
    photo = read_photo(jpeg(tmp_path / "x.jpg"))

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(photos.audit, "record", broken)
    with pytest.raises(RuntimeError):
        photos.import_photo(db, admin, photo)
    assert counts(db)[:2] == (0, 0)
    assert stored_files.count(db) == 0


def test_cancel_stops_a_batch_between_files(db, admin, tmp_path):
    paths = [jpeg(tmp_path / f"p{n}.jpg", colour=(n * 40, 10, 10)) for n in range(5)]
    seen: list[int] = []
    report = photos.import_files(
        db,
        admin,
        paths,
        progress=lambda done, total, name: seen.append(done),
        cancelled=lambda: len(seen) >= 2,
    )
    assert report.cancelled and len(report.imported) == 2
    assert "cancelled" in report.summary


def test_clearance_follows_tagging_consent_and_withdrawal(db, admin, tmp_path, family):
    parent, child = family
    photo_id, _ = photos.import_photo(db, admin, read_photo(jpeg(tmp_path / "a.jpg")))
    record = photos.tag_person(db, admin, photo_id, child.id)
    assert record.clearance(ConsentScope.WEBSITE).reasons == ("Alfie Booth: not asked",)
    given = consents.record_consent(
        db, admin, consent(child, parent, scopes=frozenset({ConsentScope.WEBSITE}))
    )
    assert given.expires_on == given.given_on.replace(
        year=given.given_on.year + 1
    )  # child: 12 months
    record = photos.get_photo(db, photo_id)
    assert record.clearance(ConsentScope.WEBSITE).status.usable
    assert not record.clearance(ConsentScope.PRESS).status.usable
    record = photos.update_photo(db, admin, photo_id, PhotoDetails("Picnic", "Summer", None, 1))
    assert record.clearance(ConsentScope.WEBSITE).reasons == ("1 unidentified person",)
    photos.update_photo(db, admin, photo_id, PhotoDetails("Picnic", "Summer", None, 0))
    impact = withdrawals.withdraw_consent(db, admin, given.id, TODAY, "Phone call")
    assert [p.id for p in impact.photos] == [photo_id]
    assert impact.consent.status is ConsentStatus.WITHDRAWN
    titles = [i.title for i in needs_attention(db)]
    assert "1 photo lost clearance" in titles
    # With nobody tagged any more the photo is not yet checked, not "nobody": cleared for nothing
    # until someone confirms that nobody can be identified in it.
    untagged = photos.untag_person(db, admin, photo_id, child.id)
    assert untagged.clearance(ConsentScope.WEBSITE).status is Clearance.UNCHECKED
    assert photos.confirm_nobody(db, admin, photo_id).clearance(ConsentScope.WEBSITE).status.usable


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"given_on": TODAY + timedelta(days=1)}, "a date in the future"),
        ({"expires_on": TODAY - timedelta(days=20)}, "not after the day it was given"),
        ({"scopes": frozenset()}, "Tick at least one use"),
        ({"method": ConsentMethod.VERBAL}, "needs a witness"),
        ({"wording_version": 9}, "no consent wording version 9"),
    ],
)
def test_consent_rules_refuse_and_write_nothing(db, admin, family, change, message):
    parent, child = family
    before = counts(db)
    with pytest.raises(ValidationError, match=message):
        consents.record_consent(db, admin, consent(child, parent, **change))
    assert counts(db) == before


def test_a_child_cannot_consent_for_themselves(db, admin, family):
    _parent, child = family
    before = counts(db)
    with pytest.raises(ValidationError, match="under 18 .* parent or guardian"):
        consents.record_consent(db, admin, consent(child, child))
    assert counts(db) == before


def test_only_staff_may_record_consent(db, admin, family, volunteer_actor):
    parent, child = family
    with pytest.raises(PermissionDenied, match="record consent"):
        consents.record_consent(db, volunteer_actor, consent(child, parent))


def test_correction_supersedes_and_keeps_the_old_record(db, admin, family):
    parent, child = family
    wrong = consents.record_consent(db, admin, consent(child, parent))
    with pytest.raises(ValidationError, match="Say why"):
        consents.correct_consent(db, admin, wrong.id, consent(child, parent), " ")
    right = consents.correct_consent(
        db,
        admin,
        wrong.id,
        consent(child, parent, given_on=TODAY - timedelta(days=3)),
        "date misread",
    )
    old = consents.get_consent(db, wrong.id)
    assert old.status is ConsentStatus.SUPERSEDED and old.superseded_by_id == right.id
    assert right.supersedes_id == wrong.id and right.correction_reason == "date misread"
    with pytest.raises(ValidationError, match="already been corrected"):
        consents.correct_consent(db, admin, wrong.id, consent(child, parent), "again")


def test_withdrawal_rules(db, admin, family):
    parent, child = family
    given = consents.record_consent(db, admin, consent(child, parent))
    with pytest.raises(ValidationError, match="future date"):
        withdrawals.withdraw_consent(db, admin, given.id, TODAY + timedelta(days=2), "Email")
    with pytest.raises(ValidationError, match="before the consent was given"):
        withdrawals.withdraw_consent(db, admin, given.id, TODAY - timedelta(days=30), "Email")
    withdrawals.withdraw_consent(db, admin, given.id, TODAY, "Email")
    with pytest.raises(ValidationError, match="already withdrawn"):
        withdrawals.withdraw_consent(db, admin, given.id, TODAY, "Email")


def test_evidence_scan_is_stored(db, admin, family):
    parent, child = family
    record = consents.record_consent(
        db,
        admin,
        consent(child, parent, evidence=(b"%PDF-1.4 scan", "form.pdf", "application/pdf")),
    )
    assert stored_files.read(db, record.evidence_sha256) == b"%PDF-1.4 scan"


def test_evidence_must_be_a_pdf_or_an_image_whatever_its_name(db, admin, family):
    parent, child = family
    with pytest.raises(ValidationError, match="form.pdf is not a PDF or an image"):
        consents.record_consent(
            db,
            admin,
            consent(
                child, parent, evidence=(b"PK\x03\x04 a Word file", "form.pdf", "application/pdf")
            ),
        )
    assert consents.list_consents(db) == []


def test_demo_has_every_consent_state_and_check_finds_an_altered_photo(demo_db, admin):
    records = consents.list_consents(demo_db)
    assert {r.status for r in records} == {
        ConsentStatus.ACTIVE,
        ConsentStatus.EXPIRED,
        ConsentStatus.WITHDRAWN,
        ConsentStatus.SUPERSEDED,
    }
    library = photos.library(demo_db)
    assert 55 <= len(library) <= 65
    reasons = {r for p in library for c in p.clearances for r in c.reasons}
    assert any(r.endswith(": not asked") for r in reasons)
    assert any("unidentified" in r for r in reasons)
    assert integrity.check(demo_db) == []
    sha = library[0].sha256
    stored_files.tamper(
        demo_db, sha, (stored_files.read(demo_db, sha) or b"")[:-10] + b"0123456789"
    )
    assert any("changed or damaged" in p for p in integrity.check(demo_db))


def test_csv_escapes_formulas_and_has_a_bom(db, admin):
    evil = people.add_person(db, admin, person('=HYPERLINK("x")', "@Smith", PersonKind.OTHER))
    consents.record_consent(db, admin, consent(evil, evil))
    data = consents_csv(db, admin)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=" not in text
    assert "Active" in text.splitlines()[1]


def test_consent_form_text(demo_db, tmp_path):
    from pypdf import PdfReader

    blank = PdfReader(io.BytesIO(consent_form_pdf(demo_db))).pages[0].extract_text()
    assert "Photo consent form — wording version 2" in blank
    assert "Our website" in blank and "Local press" in blank
    assert "If the person pictured is under 18: parent or guardian" in blank
    assert "If the person pictured is 18 or over" in blank
    child = next(p for p in people.list_people(demo_db) if p.kind is PersonKind.CHILD)
    filled = PdfReader(io.BytesIO(consent_form_pdf(demo_db, child.id))).pages[0].extract_text()
    assert child.full_name in filled and child.guardian_name in filled
    assert "18 or over" not in filled


def test_the_databases_choice_of_consents_matches_the_rule_on_any_day(demo_db):
    """The Dashboard asks the database for the consents that ended lately and those in force
    (not every consent of ten years); on any day it finds exactly what the rule in Python does."""
    from datetime import timedelta

    from hsdesk.services.photos import attention
    from hsdesk.services.photos.clearance import consent_facts, in_force_on

    with demo_db.read() as session:
        every = [f for found in consent_facts(session).values() for f in found]
        days = [clock.today() + timedelta(days=n) for n in range(-800, 800, 9)]
        lost_seen: set[int] = set()
        for day in days:
            since = day - timedelta(days=90)
            expected = {
                f.id
                for f in every
                if not f.superseded
                and (
                    (f.withdrawn_on is not None and since <= f.withdrawn_on <= day)
                    or (f.withdrawn_on is None and since < f.expires_on <= day)
                )
            }
            assert {f.id for f in attention.ended_recently(session, day, 90)} == expected
            active = {f.id for f in every if f.status(day) is ConsentStatus.ACTIVE}
            found = consent_facts(session, where=in_force_on(day))
            chosen = {f.id for facts in found.values() for f in facts}
            assert {i for i in chosen if i in active} == active  # none in force is missed
            ended = {f.subject_id: f.scopes for f in every if f.id in expected}
            if ended:  # the Dashboard's photos, found by the database: as the rule finds them
                full = [p.id for p in withdrawals.lost_clearance(session, ended, day)]
                assert withdrawals.lost_photo_ids(session, ended, day) == full
                lost_seen.update(full)
    assert len(days) > 100 and every and lost_seen


def test_the_library_read_as_rows_is_the_same_as_from_objects(demo_db):
    """The library's quick read gives the same records as the one the rest of hsdesk uses."""
    from hsdesk.services.photos.clearance import (
        every_photo_record,
        photo_records,
        photos_query,
    )

    with demo_db.read() as session:
        query = photos_query().order_by(Photo.taken_on.desc(), Photo.id.desc())
        for day in (TODAY, TODAY + timedelta(days=400)):  # later: consents have ended
            from_objects = photo_records(session, list(session.execute(query).scalars()), day)
            assert every_photo_record(session, day) == from_objects
            assert {c.status for r in from_objects for c in r.clearances} >= {
                Clearance.CLEARED,
                Clearance.BLOCKED,
            }


def test_a_consent_on_a_signed_form_is_recorded_with_its_scan(db, admin, family):
    parent, child = family
    signed = ConsentMethod.SIGNED_FORM
    with pytest.raises(ValidationError, match="recorded with the scan of the form"):
        consents.record_consent(db, admin, consent(child, parent, method=signed))
    scan = (b"%PDF-1.4 scan", "form.pdf", "application/pdf")
    made = consents.record_consent(db, admin, consent(child, parent, method=signed, evidence=scan))
    assert made.evidence_sha256
