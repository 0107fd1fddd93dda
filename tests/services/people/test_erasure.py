"""Erasing a volunteer who has left: their details, consent scan, the photo of them (file and
thumbnail), their declared connection and their induction slip go; their name goes out of every
other record's text and out of the audit trail's details; `check` still says all is well, and
their name is found nowhere — not in any text column (both engines), not in the raw bytes of the
database file, the stored files or the thumbnails (a database file). A backup from before,
restored, does not bring them back."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from sqlalchemy import String, func, select

from hsdesk.db.base import Base
from hsdesk.db.engine import Database
from hsdesk.db.migrate import ensure_schema
from hsdesk.db.models import (
    AuditEntry,
    Consent,
    DeclaredConnection,
    Erasure,
    Induction,
    Person,
    Photo,
    StoredFile,
)
from hsdesk.domain import clock
from hsdesk.domain.audit_chain import ERASED_ENTRIES
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.enums import PersonKind, VolunteerStatus
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.induction import AckMethod
from hsdesk.domain.induction_records import AckInput, Evidence
from hsdesk.domain.photo_records import ConsentInput, PhotoDetails
from hsdesk.domain.records import PersonInput
from hsdesk.domain.register_records import ConnectionInput
from hsdesk.services.inductions.recording import record_acknowledgement
from hsdesk.services.people.erasure import erase_person, reapply_logged
from hsdesk.services.people.persons import update_person
from hsdesk.services.photos.consents import record_consent
from hsdesk.services.photos.files import check_photo
from hsdesk.services.photos.library import import_photo, tag_person, thumbnail, update_photo
from hsdesk.services.platform import auth
from hsdesk.services.platform.backups import backup_now, restore
from hsdesk.services.platform.integrity import check
from hsdesk.services.policy.versions import current_version
from hsdesk.services.registers.connections import save_connection

NAMES = ("Émilie Durand", "Émilie", "Emilie", "Durand")


def _id(db: Database, first: str, last: str) -> int:
    with db.read() as session:
        return session.scalar(
            select(Person.id).where(Person.first_name == first, Person.last_name == last)
        )


def _png(text: str) -> bytes:
    """A scan whose bytes carry the name as text (as a scanner's metadata may)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", text)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(out, "JPEG")
    return out.getvalue()


def _her_history(db: Database) -> dict[str, object]:
    """Give Émilie Durand (a volunteer who left) records of every kind that names her."""
    sdm = auth.sign_in(db, "sdm", "demo")
    her = _id(db, "Émilie", "Durand")
    friend = _id(db, "Sandra", "Platt")
    day = clock.today() - timedelta(days=400)
    details = PersonInput(
        "Émilie",
        "Durand",
        PersonKind.VOLUNTEER,
        VolunteerStatus.ACTIVE,
        date(1984, 3, 9),
        "emilie.durand@example.org",
        "07700 900123",
        day - timedelta(days=30),
        notes="Émilie Durand speaks French with families",
    )
    update_person(db, sdm, her, details)  # back to when she volunteered
    consent = record_consent(
        db,
        sdm,
        ConsentInput(
            her,
            her,
            "self",
            ConsentMethod.SIGNED_FORM,
            2,
            frozenset({ConsentScope.WEBSITE}),
            day,
            notes="Émilie Durand is happy to be pictured at coffee mornings",
            evidence=(
                _png("Consent form signed by Émilie Durand"),
                "durand-consent.png",
                "image/png",
            ),
        ),
        day,
    )
    photo_id, _new = import_photo(db, sdm, check_photo(_jpeg(), "emilie-durand-coffee.jpg"))
    tag_person(db, sdm, photo_id, her)
    update_photo(db, sdm, photo_id, PhotoDetails("Émilie Durand pouring tea", "Coffee", day, 0))
    with db.read() as session:
        sha = session.scalar(select(Photo.sha256).where(Photo.id == photo_id))
        version = current_version(session)
        assert version is not None
        version_id = version.id
    made = thumbnail(db, sha)
    ack = record_acknowledgement(
        db,
        sdm,
        AckInput(
            her,
            version_id,
            day,
            AckMethod.IN_PERSON,
            day,
            "Mira (VDO)",
            Evidence(_png("Acknowledged by Émilie Durand"), "slip-durand.png"),
            notes="Émilie asked about Facebook groups",
        ),
        day,
    )
    connection = save_connection(
        db,
        sdm,
        None,
        ConnectionInput(
            her, friend, "friends", "Facebook", 2019, day, "Met at Émilie's leaving do"
        ),
        day,
    )
    from hsdesk.domain.content_records import ContentInput
    from hsdesk.services.content.drafts import save_item

    save_item(db, sdm, ContentInput("Thank you", "Thanks to Émilie Durand for the coffee morning"))
    left = replace(details, volunteer_status=VolunteerStatus.LEFT, end_date=clock.today())
    update_person(db, sdm, her, left)
    return {
        "id": her,
        "consent": consent.id,
        "photo": photo_id,
        "sha": sha,
        "thumbnail": made,
        "induction": ack.id,
        "connection": connection.id,
    }


def _texts_naming(db: Database, names: tuple[str, ...]) -> list[str]:
    """Every text column, in every table, whose value names them, in any case: 'table.column'."""
    found = set()
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String)]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    for name in names:
                        if value and name.casefold() in value.casefold():
                            found.add(f"{table.name}.{column.name} ({name})")
    return sorted(found)


def _raw_bytes_naming(db: Database, names: tuple[str, ...]) -> list[str]:
    """Files of a database on this PC whose raw bytes hold a name, in any case."""
    assert db.path is not None
    folder = db.data_dir
    found = []
    paths = [p for p in folder.glob(db.path.name + "*")]
    paths += [
        p for sub in ("files", "thumbnails") for p in (folder / sub).rglob("*") if p.is_file()
    ]
    for path in paths:
        data = path.read_bytes().lower()
        found += [f"{path.name} ({n})" for n in names if n.lower().encode() in data]
    return found


def _without_secure_delete(db: Database) -> None:
    from sqlalchemy import event

    db.engine.dispose()
    event.listen(
        db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete=OFF")
    )


def test_a_volunteer_who_left_is_erased_and_check_still_says_ok(demo_db, admin):
    held = _her_history(demo_db)
    her = int(held["id"])  # type: ignore[call-overload]
    assert check(demo_db, anchored=False, full=True) == []
    assert _texts_naming(demo_db, NAMES)  # (the search finds her before)
    if not demo_db.is_server:  # as SQLite is built for Windows: deleted bytes stay in free space
        _without_secure_delete(demo_db)

    result = erase_person(demo_db, admin, her, "Her retention period ended")

    assert check(demo_db, anchored=False, full=True) == []
    assert _texts_naming(demo_db, NAMES) == []
    if not demo_db.is_server:
        assert _raw_bytes_naming(demo_db, NAMES) == []
    assert not Path(held["thumbnail"]).exists()  # type: ignore[arg-type]
    assert demo_db.files.raw(str(held["sha"])) is None
    with demo_db.read() as session:
        person = session.get(Person, her)
        assert (person.first_name, person.last_name) == (f"Erased person {result.number}", "")
        assert person.erased_at is not None and person.date_of_birth is None
        assert session.get(Consent, held["consent"]) is None
        assert session.get(Photo, held["photo"]) is None
        assert session.get(DeclaredConnection, held["connection"]) is None
        induction = session.get(Induction, held["induction"])
        assert induction is not None and induction.evidence_sha256 is None  # kept, no slip
        assert (
            session.scalar(
                select(func.count()).select_from(StoredFile).where(StoredFile.sha256 == held["sha"])
            )
            == 0
        )
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        erased = json.loads(entry.data)[ERASED_ENTRIES]
        assert entry.actor == "admin" and "Her retention period ended" in entry.data
        marked = session.scalars(select(AuditEntry.seq).where(AuditEntry.salt.is_(None))).all()
        assert sorted(marked) == erased and len(erased) >= 5
        assert session.scalar(select(Erasure.person_id)) == her
    assert result.photos_deleted == 1 and result.files_deleted == 3


def test_text_changed_outside_hsdesk_under_cover_of_an_erasure_is_reported(demo_db, admin):
    her = _id(demo_db, "Émilie", "Durand")
    erase_person(demo_db, admin, her, "asked on 01/12/2026")
    with demo_db.write() as session:
        entry = session.get(AuditEntry, 40)
        entry.salt, entry.summary = None, "nothing happened here"
    problems = check(demo_db, anchored=False, full=True)
    assert problems == [
        "audit entries 40 had their details removed outside hsdesk (no erasure in the trail "
        "names them)"
    ]


def test_erasing_is_refused_in_words_when_it_may_not_be_done(demo_db, admin):
    vdo = auth.sign_in(demo_db, "vdo", "demo")
    her = _id(demo_db, "Émilie", "Durand")
    with pytest.raises(PermissionDenied, match="Only an administrator can erase"):
        erase_person(demo_db, vdo, her, "no reason")
    with pytest.raises(ValidationError, match="Say why"):
        erase_person(demo_db, admin, her, "   ")
    with demo_db.read() as session:
        active = session.scalar(
            select(Person.id).where(Person.volunteer_status == "active").limit(1)
        )
    with pytest.raises(ValidationError, match="still a volunteer. Record that they have left"):
        erase_person(demo_db, admin, active, "no reason")
    erase_person(demo_db, admin, her, "asked")
    with pytest.raises(ValidationError, match="erased on .* already"):
        erase_person(demo_db, admin, her, "asked again")


@pytest.mark.sqlite_only("a backup is restored over a database file here; a server's below")
def test_a_backup_from_before_the_erasure_does_not_bring_her_back(demo_db, admin):
    _her_history(demo_db)
    her = _id(demo_db, "Émilie", "Durand")
    before = backup_now(demo_db).path
    erase_person(demo_db, admin, her, "Her retention period ended")
    path = demo_db.path
    demo_db.dispose()

    restore(path, before, admin)
    again = Database(str(path))
    try:
        ensure_schema(again)
        [done] = reapply_logged(again)  # as hsdesk and hsdesk-cli do on opening it
        assert done.person_id == her and done.number == 1
        assert _texts_naming(again, NAMES) == []
        assert _raw_bytes_naming(again, NAMES) == []
        assert check(again, anchored=False, full=True) == []
        assert reapply_logged(again) == []  # once is enough
    finally:
        again.dispose()


def test_a_backup_restored_into_the_server_comes_without_her(demo_db, admin, tmp_path):
    from hsdesk.services.platform.office_server import restore_into_server

    if not demo_db.is_server:
        pytest.skip("restoring into an office server (run with --db-url)")
    _her_history(demo_db)
    her = _id(demo_db, "Émilie", "Durand")
    before = backup_now(demo_db, folder=tmp_path).path
    erase_person(demo_db, admin, her, "Her retention period ended")
    restore_into_server(demo_db, before, admin)
    assert _texts_naming(demo_db, NAMES) == []
    assert check(demo_db, anchored=False, full=True) == []
    with demo_db.read() as session:
        assert session.get(Person, her).erased_at is not None


def test_a_family_whose_support_ended_is_anonymised_member_by_member(demo_db, admin):
    from hsdesk.db.models import Family
    from hsdesk.services.people.erasure import erase_family

    with demo_db.read() as session:
        families = session.scalars(select(Family).order_by(Family.id)).all()
        ended = next(f for f in families if f.support_end and f.support_end <= clock.today())
        current = next(f for f in families if f.support_end is None)
        names = tuple(
            f"{p.first_name} {p.last_name}"
            for p in session.scalars(select(Person).where(Person.family_id == ended.id))
        )
        ended_id, reference = ended.id, ended.reference
    with pytest.raises(ValidationError, match="is still supported. Record when their support"):
        erase_family(demo_db, admin, current.id, "asked")
    done = erase_family(demo_db, admin, ended_id, "Support ended six years ago")
    assert len(done) == len(names) >= 2
    assert check(demo_db, anchored=False, full=True) == []
    assert _texts_naming(demo_db, names) == []
    with demo_db.read() as session:
        family = session.get(Family, ended_id)
        assert family.reference == f"ERASED-{ended_id}" != reference and family.notes == ""
        assert session.scalar(select(func.count()).select_from(Erasure)) == len(done)


def test_a_clean_up_that_cannot_run_now_runs_at_the_next_opening(demo_db, admin, monkeypatch):
    from hsdesk.services.people import erasure, erasure_log

    def busy(*_args):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(erasure, "compact", busy)
    result = erase_person(demo_db, admin, _id(demo_db, "Émilie", "Durand"), "asked")
    assert result.warning is not None and "could not tidy itself up" in result.warning
    assert erasure_log.tidy_due(demo_db)
    ran: list[bool] = []
    monkeypatch.setattr(erasure, "compact", lambda _engine, _server, search: ran.append(search))
    assert reapply_logged(demo_db) == []  # as hsdesk does on opening it
    assert ran == [True] and not erasure_log.tidy_due(demo_db)


def test_a_photo_content_uses_is_kept_blocked_and_no_longer_names_them(demo_db, admin):
    from hsdesk.db.models import PhotoSubject
    from hsdesk.domain.content_records import ContentInput
    from hsdesk.services.content.drafts import save_item

    held = _her_history(demo_db)
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    photo = int(held["photo"])  # type: ignore[call-overload]
    save_item(demo_db, sdm, ContentInput("Coffee morning", "Thanks to all", (), (photo,)))
    result = erase_person(demo_db, admin, int(held["id"]), "asked")  # type: ignore[call-overload]
    assert result.photos_deleted == 0
    assert any(k.startswith(f"photo {photo}, used in content item") for k in result.kept)
    with demo_db.read() as session:
        kept = session.get(Photo, photo)
        assert (
            kept is not None and kept.unidentified == 1 and kept.caption == "[erased] pouring tea"
        )
        tagged = (
            select(func.count()).select_from(PhotoSubject).where(PhotoSubject.photo_id == photo)
        )
        assert session.scalar(tagged) == 0
    assert check(demo_db, anchored=False, full=True) == []
    assert _texts_naming(demo_db, NAMES) == []


def test_another_pcs_thumbnails_of_erased_photos_are_pruned(demo_db):
    from hsdesk.services.photos.library import library, prune_thumbnails

    kept = thumbnail(demo_db, library(demo_db)[0].sha256)
    gone = demo_db.data_dir / "thumbnails" / "ab" / f"{'ab' * 32}-160.jpg"  # an erased photo's
    gone.parent.mkdir(parents=True, exist_ok=True)
    gone.write_bytes(b"jpeg")
    assert prune_thumbnails(demo_db) == 1
    assert kept.exists() and not gone.exists()
