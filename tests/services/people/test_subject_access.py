"""A subject access export holds every record that names the person (checked against the
database, table by table), their files and the audit entries about them; confidential records
are counted, not given, to those who may not see them; the export is audited, and is written
whole or not at all."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from sqlalchemy import func, select

from hsdesk.db.base import Base
from hsdesk.db.models import AuditEntry, Breach, Person
from hsdesk.domain import clock
from hsdesk.domain.errors import HsdeskError, PermissionDenied
from hsdesk.services.people.held_kinds import KINDS
from hsdesk.services.people.subject_access import export_zip
from hsdesk.services.photos.consents import list_consents
from hsdesk.services.photos.withdrawals import withdraw_consent
from hsdesk.services.platform import auth


def _person(db, first: str, last: str) -> int:
    with db.read() as session:
        return session.scalar(
            select(Person.id).where(Person.first_name == first, Person.last_name == last)
        )


def _csvs(path) -> dict[str, list[dict[str, str]]]:
    """Each CSV in the export, by its kind ('consents', 'audit-trail'…)."""
    with zipfile.ZipFile(path) as archive:
        found = {}
        for name in archive.namelist():
            if name.startswith("records/"):
                key = name.removeprefix("records/")[3:].removesuffix(".csv")
                text = archive.read(name).decode("utf-8-sig")
                found[key] = list(csv.DictReader(io.StringIO(text)))
        return found


def _entries(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_every_column_that_names_a_person_is_in_the_export():
    listed = {(k.table, k.column) for k in KINDS}
    naming = {
        (table.name, fk.parent.name)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name in {"person", "consent"}  # a consent's withdrawal is theirs too
        and table.name != "consent"  # a correction's link to the record it replaces
    }
    assert naming - listed == set(), "add each to held_kinds.KINDS, saying why it is held"
    assert ("family", "id") in listed  # the family is reached through person.family_id


def test_a_family_members_export_holds_every_record_about_them(demo_db, tmp_path):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    kirsty = _person(demo_db, "Kirsty", "Mellor")
    [consent] = [c for c in list_consents(demo_db) if c.subject_id == kirsty]
    withdraw_consent(demo_db, sdm, consent.id, clock.today(), "phone call")
    out = tmp_path / "kirsty.zip"
    access = export_zip(demo_db, sdm, kirsty, out)
    exported = _csvs(out)
    tables = Base.metadata.tables
    with demo_db.read() as session:
        for kind in KINDS:
            if kind.where is not None:
                continue
            column = tables[kind.table].c[kind.column]
            held = session.scalar(select(func.count()).where(column == kirsty))
            assert len(exported.get(kind.key, [])) == held, kind.key
        tagged = session.scalar(
            select(func.count())
            .select_from(tables["photo_subject"])
            .where(tables["photo_subject"].c.person_id == kirsty)
        )
    assert tagged > 0 and len(exported["photos"]) == tagged
    assert exported["details"][0]["first_name"] == "Kirsty"
    assert "password_hash" not in "".join(exported.get("account", [{}])[0])
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert archive.read("summary.pdf").startswith(b"%PDF")
    assert sum(n.startswith("files/photos/") for n in names) == tagged
    assert exported["consent-withdrawals"][0]["how"] == "phone call"
    wording = f"files/consent wording/version {consent.wording_version}.txt"
    assert wording in names  # what she was told when she gave it
    trail = exported["audit-trail"]
    assert any(e["entity"] == "person" and e["entity_id"] == str(kirsty) for e in trail)
    assert access.person_name == "Kirsty Mellor" and access.withheld == ()


def test_breach_records_are_counted_not_given_to_one_who_may_not_see_them(demo_db, tmp_path):
    with demo_db.read() as session:
        concerned = session.scalar(select(Breach.person_id).limit(1))
    vdo = auth.sign_in(demo_db, "vdo", "demo")
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    without = export_zip(demo_db, vdo, concerned, tmp_path / "vdo.zip")
    assert "breaches" not in _csvs(tmp_path / "vdo.zip")
    [part] = without.withheld
    assert part.title.startswith("Breaches") and part.count >= 1
    assert "confidential" in part.why and "Ask them" in part.why
    export_zip(demo_db, sdm, concerned, tmp_path / "sdm.zip")
    assert len(_csvs(tmp_path / "sdm.zip")["breaches"]) == part.count


def test_the_export_is_audited_and_refused_to_one_who_does_not_keep_the_register(demo_db, tmp_path):
    chair = auth.sign_in(demo_db, "chair", "demo")
    kirsty = _person(demo_db, "Kirsty", "Mellor")
    with pytest.raises(PermissionDenied, match="People register"):
        export_zip(demo_db, chair, kirsty, tmp_path / "no.zip")
    assert not (tmp_path / "no.zip").exists()
    export_zip(demo_db, auth.sign_in(demo_db, "sdm", "demo"), kirsty, tmp_path / "yes.zip")
    with demo_db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (last.action, last.entity, last.entity_id) == ("export", "person", str(kirsty))
    assert "subject access export" in last.summary


def test_an_export_that_cannot_be_written_leaves_no_file_and_no_entry(demo_db, tmp_path):
    sdm = auth.sign_in(demo_db, "sdm", "demo")
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    before = _entries(demo_db)
    with pytest.raises(HsdeskError):
        export_zip(demo_db, sdm, _person(demo_db, "Kirsty", "Mellor"), blocked / "out.zip")
    assert _entries(demo_db) == before
    assert blocked.read_text() == "x"
