"""The signed policy PDF: its contents, its fonts, its signature, and verification."""

import io
import random

import pytest
from pypdf import PdfReader

from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.platform.signing import current_certificate, export_certificate
from hsdesk.services.policy import versions as policy
from hsdesk.services.policy.pdf import export_policy, signed_policy_pdf
from hsdesk.services.signed_pdfs import verify


@pytest.fixture
def signed(demo_db, admin, tmp_path):
    out = tmp_path / "policy.pdf"
    version = export_policy(demo_db, admin, out)
    return version, out.read_bytes()


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_holds_every_clause_and_the_adoption_block(signed):
    version, data = signed
    text = " ".join(_text(data).split())
    for number, clause in version.text.numbered():
        assert number in text
        assert " ".join(clause.split())[:60] in text
    assert "Date policy adopted: 11/04/2018" in text
    assert "Date policy to be reviewed: 31/03/2021" in text
    assert "Margaret Ashworth" in text
    assert "Page 1 of" in text and "version 2" in text


def test_fonts_are_embedded_dejavu(signed):
    _, data = signed
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object()
    assert fonts and all("DejaVu" in f for f in fonts), fonts


def test_the_signed_pdf_is_kept_and_handed_out_unchanged(demo_db, admin, signed):
    version, data = signed
    again, same = signed_policy_pdf(demo_db, admin, version.id)
    assert same == data and again.pdf_sha256 is not None
    assert policy.get_version(demo_db, version.id).pdf_sha256 == again.pdf_sha256


def test_verify_accepts_the_intact_pdf_and_names_its_record(demo_db, signed):
    report = verify(demo_db, signed[1])
    assert report.ok, report.reason
    assert report.matches.startswith("Social Networking Policy version 2, adopted 11/04/2018")
    assert "hsdesk" in report.signer


def test_any_changed_byte_is_caught(demo_db, signed):
    _, data = signed
    rng = random.Random(7)
    for position in [rng.randrange(len(data)) for _ in range(25)]:
        changed = bytearray(data)
        changed[position] = (changed[position] + 1) % 256
        report = verify(demo_db, bytes(changed))
        assert not report.ok, position


def test_a_pdf_from_another_database_is_not_trusted(demo_db, signed, tmp_path, admin):
    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema
    from hsdesk.demo.office import load_demo

    other = Database(str(tmp_path / "other" / "hsdesk.db"))
    ensure_schema(other)
    load_demo(other)
    report = verify(other, signed[1])
    assert not report.ok and "does not trust" in report.reason
    other.dispose()


def test_drafts_have_no_signed_pdf(demo_db, admin):
    draft = next(v for v in policy.list_versions(demo_db) if v.status.value == "draft")
    with pytest.raises(ValidationError, match="is a draft"):
        signed_policy_pdf(demo_db, admin, draft.id)


def test_only_an_administrator_exports_the_certificate(
    demo_db, signed, tmp_path, volunteer_actor, admin
):
    summary = current_certificate(demo_db)
    assert summary is not None and len(summary.fingerprint) == 95
    with pytest.raises(PermissionDenied):
        export_certificate(demo_db, volunteer_actor, tmp_path / "cert.pem")
    export_certificate(demo_db, admin, tmp_path / "cert.pem")
    assert (tmp_path / "cert.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert b"PRIVATE KEY" not in (tmp_path / "cert.pem").read_bytes()
