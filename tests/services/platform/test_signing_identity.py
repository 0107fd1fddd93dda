"""The scheme's one signing identity, kept in the database."""

from __future__ import annotations

import pytest

from hsdesk.exports.signing import make_certificate
from hsdesk.services.platform import signing


@pytest.mark.sqlite_only("an older hsdesk kept the key in a folder beside the database file")
def test_a_key_an_older_hsdesk_kept_beside_the_file_is_taken_into_the_database(db, admin):
    key_pem, cert_pem = make_certificate("Older hsdesk", "Home-Start")
    folder = db.data_dir / "signing"
    folder.mkdir()
    (folder / signing.KEY_FILE).write_bytes(key_pem)
    (folder / signing.CERT_FILE).write_bytes(cert_pem)
    assert signing.signing_identity(db, admin) == (key_pem, cert_pem)
    assert cert_pem.strip() in [c.strip() for c in _trusted(db)]
    for name in (signing.KEY_FILE, signing.CERT_FILE):
        (folder / name).unlink()  # from now on the database holds it
    assert signing.signing_identity(db, admin) == (key_pem, cert_pem)


def test_the_identity_is_made_once_and_the_same_for_every_caller(db, admin):
    assert signing.current_certificate(db) is None
    first = signing.signing_identity(db, admin)
    assert signing.signing_identity(db, admin) == first
    summary = signing.current_certificate(db)
    assert summary is not None and len(_trusted(db)) == 1


def _trusted(db) -> list[bytes]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return signing.trusted_certificates(session)
