"""The scheme's document-signing certificate: made on this PC the first time a PDF is signed,
its private key kept in the data folder, every certificate ever used trusted by this database;
and checking a signed PDF against the records it should match."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from hsdesk import SCHEME_NAME
from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import Setting
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services import audit
from hsdesk.services.files import add_file, stored_bytes

if TYPE_CHECKING:
    from hsdesk.exports.signing import CertificateSummary

TRUSTED_KEY = "signing_certificates"
KEY_FILE = "hsdesk-signing-key.pem"
CERT_FILE = "hsdesk-signing-certificate.pem"
PEM_END = b"-----END CERTIFICATE-----"


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    reason: str
    signer: str = ""
    signed_at: datetime | None = None
    matches: str = ""  # the record this exact file belongs to, in words

    def lines(self) -> list[str]:
        out = [("Valid: " if self.ok else "Not valid: ") + self.reason]
        if self.signer:
            when = (
                format_datetime(self.signed_at.astimezone().replace(tzinfo=None))
                if self.signed_at
                else "unknown time"
            )
            out.append(f"Signed by {self.signer} on {when}")
        if self.matches:
            out.append(f"Matches {self.matches}")
        return out


# Each kind of signed record registers how to find the record whose PDF has a given SHA-256.
Matcher = Callable[[Session, str], str | None]
_MATCHERS: list[Matcher] = []


def matcher(func: Matcher) -> Matcher:
    _MATCHERS.append(func)
    return func


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


def verify(db: Database, data: bytes) -> VerifyReport:
    """Is the signature intact and made with a certificate this database trusts, and which of its
    records is this exact file? Valid only when all of that holds."""
    import hsdesk.services.policy_pdf  # noqa: F401  (registers its matcher)
    import hsdesk.services.review_pdf  # noqa: F401
    from hsdesk.exports.signing import check_signature

    with db.read() as session:
        trusted = trusted_certificates(session)
        check = check_signature(data, trusted)
        if not check.ok:
            return VerifyReport(False, check.reason, check.signer, check.signed_at)
        sha = hashlib.sha256(data).hexdigest()
        for match in _MATCHERS:
            words = match(session, sha)
            if words:
                return VerifyReport(True, check.reason, check.signer, check.signed_at, words)
    return VerifyReport(
        False,
        "the signature is intact, but this exact file is not one this database recorded "
        "(it may have been changed, or it comes from another hsdesk database)",
        check.signer,
        check.signed_at,
    )
