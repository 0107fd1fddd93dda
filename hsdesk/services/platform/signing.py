"""The scheme's document-signing certificate: made on this PC the first time a PDF is signed,
its private key kept in the data folder, every certificate ever used trusted by this database."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from hsdesk import SCHEME_NAME
from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import Setting
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.platform import audit
from hsdesk.services.platform.files import add_file, stored_bytes

if TYPE_CHECKING:
    from hsdesk.exports.signing import CertificateSummary

TRUSTED_KEY = "signing_certificates"
KEY_FILE = "hsdesk-signing-key.pem"
CERT_FILE = "hsdesk-signing-certificate.pem"
PEM_END = b"-----END CERTIFICATE-----"


def _signing_dir(db: Database) -> Path:
    return db.data_dir / "signing"


def _split_pems(text: str) -> list[bytes]:
    blocks = text.encode("ascii").split(PEM_END)
    return [block.strip() + b"\n" + PEM_END + b"\n" for block in blocks if block.strip()]


def trusted_certificates(session: Session) -> list[bytes]:
    row = session.get(Setting, TRUSTED_KEY)
    return _split_pems(row.value) if row else []


def _trust(session: Session, cert_pem: bytes) -> bool:
    """Add the certificate to those this database trusts; False if it already was."""
    current = trusted_certificates(session)
    if cert_pem.strip() in [c.strip() for c in current]:
        return False
    value = "".join(c.decode("ascii") for c in [*current, cert_pem])
    row = session.get(Setting, TRUSTED_KEY)
    if row is None:
        session.add(Setting(key=TRUSTED_KEY, value=value))
    else:
        row.value = value
    session.flush()
    return True


def signing_identity(db: Database, actor: Actor) -> tuple[bytes, bytes]:
    """(key PEM, certificate PEM), made and trusted the first time one is needed."""
    from hsdesk.exports.signing import make_certificate, summarise

    folder = _signing_dir(db)
    key_path, cert_path = folder / KEY_FILE, folder / CERT_FILE
    with db.write() as session:  # the write lock keeps two PCs from making two keys at once
        if key_path.is_file() and cert_path.is_file():
            key_pem, cert_pem = key_path.read_bytes(), cert_path.read_bytes()
            made = False
        else:
            key_pem, cert_pem = make_certificate(f"{SCHEME_NAME} (hsdesk)", SCHEME_NAME)
            write_atomic(cert_path, cert_pem)
            write_atomic(key_path, key_pem)
            if os.name == "posix":
                key_path.chmod(0o600)
            made = True
        if _trust(session, cert_pem):
            summary = summarise(cert_pem)
            audit.record(
                session,
                actor,
                "add",
                "signing_certificate",
                summary.fingerprint[:23],
                ("Made" if made else "Trusted") + " the scheme's signing certificate",
                {"fingerprint": summary.fingerprint, "valid_until": summary.valid_until.date()},
            )
    return key_pem, cert_pem


def sign_and_keep(
    db: Database,
    actor: Actor,
    pdf: bytes,
    reason: str,
    file_name: str,
    load_row: Callable[[Session], Any],
    entity: str,
    summary: str,
) -> bytes:
    """Sign ``pdf`` with the scheme's key and keep it in the file store, its SHA-256 on the row
    ``load_row`` finds (which has ``id`` and ``pdf_sha256``), with an audit entry. If another PC
    kept one meanwhile, that one is returned and this one dropped: a record has one signed PDF."""
    from hsdesk.exports.signing import sign_pdf

    key_pem, cert_pem = signing_identity(db, actor)
    data = sign_pdf(pdf, key_pem, cert_pem, reason=reason, location=SCHEME_NAME)
    with db.write() as session:
        row = load_row(session)
        kept = stored_bytes(db, row.pdf_sha256)
        if kept is not None:
            return kept
        stored = add_file(session, db.files, data, file_name, "application/pdf")
        row.pdf_sha256 = stored.sha256
        audit.record(session, actor, "sign", entity, row.id, summary, {"sha256": stored.sha256})
        return data


def current_certificate(db: Database) -> CertificateSummary | None:
    """The summary of the certificate this PC signs with, or None before the first signature."""
    from hsdesk.exports.signing import summarise

    path = _signing_dir(db) / CERT_FILE
    return summarise(path.read_bytes()) if path.is_file() else None


def export_certificate(db: Database, actor: Actor, target: Path) -> None:
    """Write the public certificate (never the key) so others can trust the scheme's PDFs."""
    if not actor.is_admin:
        raise PermissionDenied("Only an administrator can export the signing certificate.")
    path = _signing_dir(db) / CERT_FILE
    if not path.is_file():
        raise ValidationError(
            "There is no signing certificate yet: one is made the first time a PDF is signed."
        )
    write_atomic(target, path.read_bytes())
