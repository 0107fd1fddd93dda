"""The scheme's document-signing certificate: made the first time a PDF is signed and kept with
the data (in the database, on a server as beside a file), so every PC signs as the one office and
a PDF signed on any PC verifies on every PC. Every certificate ever used is trusted by the
database. A signed PDF, once recorded, is never signed over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk import SCHEME_NAME
from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import Setting, SigningIdentity
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import DatabaseProblem, PermissionDenied, ValidationError
from hsdesk.services.platform import anchors, audit
from hsdesk.services.platform.files import add_file, stored_bytes

if TYPE_CHECKING:
    from hsdesk.exports.signing import CertificateSummary

TRUSTED_KEY = "signing_certificates"
KEY_FILE = "hsdesk-signing-key.pem"
CERT_FILE = "hsdesk-signing-certificate.pem"
PEM_END = b"-----END CERTIFICATE-----"


def _legacy_dir(db: Database) -> Path | None:
    """Where hsdesk 0.x kept the key beside an SQLite file (taken into the database once)."""
    return db.data_dir / "signing" if db.path is not None else None


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


def _kept(session: Session) -> SigningIdentity | None:
    newest = select(SigningIdentity).order_by(SigningIdentity.id.desc()).limit(1)
    return session.execute(newest).scalar_one_or_none()


def _pems(row: SigningIdentity) -> tuple[bytes, bytes]:
    return row.key_pem.encode("ascii"), row.certificate_pem.encode("ascii")


def _legacy_identity(db: Database) -> tuple[bytes, bytes] | None:
    folder = _legacy_dir(db)
    if folder is None:
        return None
    key_path, cert_path = folder / KEY_FILE, folder / CERT_FILE
    if key_path.is_file() and cert_path.is_file():
        return key_path.read_bytes(), cert_path.read_bytes()
    return None


def signing_identity(db: Database, actor: Actor) -> tuple[bytes, bytes]:
    """(key PEM, certificate PEM), made and trusted the first time one is needed."""
    from hsdesk.exports.signing import make_certificate, summarise

    with db.read() as session:
        row = _kept(session)
        if row is not None:
            return _pems(row)
    with db.write() as session:  # the write lock keeps two PCs from making two keys at once
        row = _kept(session)
        if row is not None:  # another PC made it a moment ago
            return _pems(row)
        legacy = _legacy_identity(db)
        made = legacy is None
        key_pem, cert_pem = legacy or make_certificate(f"{SCHEME_NAME} (hsdesk)", SCHEME_NAME)
        session.add(
            SigningIdentity(
                key_pem=key_pem.decode("ascii"),
                certificate_pem=cert_pem.decode("ascii"),
                made_at=clock.now(),
            )
        )
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


def keep_legacy_identity(db: Database, actor: Actor) -> None:
    """Take the key an older hsdesk kept beside the file into the database, if there is one and
    the database has none yet (before the records move somewhere that folder is not)."""
    if _legacy_identity(db) is not None:
        signing_identity(db, actor)


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
    with db.read() as session:
        head = anchors.head_of(session)
    data = sign_pdf(
        pdf,
        key_pem,
        cert_pem,
        reason=reason,
        location=SCHEME_NAME,
        audit_head=anchors.head_text(head) if head else None,
    )
    with db.write() as session:
        row = load_row(session)
        if row.pdf_sha256:  # another PC kept one meanwhile
            kept = stored_bytes(db, row.pdf_sha256)
            if kept is None:
                raise DatabaseProblem(
                    f"The signed PDF this database recorded is missing or damaged in "
                    f"{db.files.where}. It has not been signed again, because copies already "
                    "given out would then no longer verify: restore the latest backup (or ask "
                    "whoever looks after the server), then try again."
                )
            return kept
        stored = add_file(session, db.files, data, file_name, "application/pdf")
        row.pdf_sha256 = stored.sha256
        audit.record(session, actor, "sign", entity, row.id, summary, {"sha256": stored.sha256})
        return data


def current_certificate(db: Database) -> CertificateSummary | None:
    """The summary of the certificate the office signs with, or None before the first signature."""
    from hsdesk.exports.signing import summarise

    with db.read() as session:
        row = _kept(session)
        return summarise(row.certificate_pem.encode("ascii")) if row is not None else None


def export_certificate(db: Database, actor: Actor, target: Path) -> None:
    """Write the public certificate (never the key) so others can trust the scheme's PDFs."""
    if not actor.is_admin:
        raise PermissionDenied("Only an administrator can export the signing certificate.")
    with db.read() as session:
        row = _kept(session)
        if row is None:
            raise ValidationError(
                "There is no signing certificate yet: one is made the first time a PDF is signed."
            )
        certificate = row.certificate_pem.encode("ascii")
    write_atomic(target, certificate)
