"""The signed policy PDF: made once per adopted version, digitally signed, kept in the file
store with its SHA-256 on the version, and handed out unchanged every time after."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk import SCHEME_NAME
from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import PolicyVersion
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import PolicyStatus, PolicyVersionRecord
from hsdesk.services import audit
from hsdesk.services.files import add_file, stored_bytes
from hsdesk.services.policy import find_version, load_version, version_record
from hsdesk.services.signing import matcher, signing_identity


def make_signed_pdf(db: Database, actor: Actor, version: PolicyVersionRecord) -> bytes:
    """Lay out and sign the PDF of an adopted version; the signing key is made if there is none."""
    from hsdesk.exports.policy_pdf import build_policy_pdf
    from hsdesk.exports.signing import sign_pdf

    signature = stored_bytes(db, version.signature_sha256)
    pdf = build_policy_pdf(version, signature)
    key_pem, cert_pem = signing_identity(db, actor)
    return sign_pdf(
        pdf,
        key_pem,
        cert_pem,
        reason=f"{version.document_name} version {version.number} adopted by the Chair on "
        f"{format_date(version.adopted_on)}",
        location=SCHEME_NAME,
    )


def signed_policy_pdf(
    db: Database, actor: Actor, version_id: int
) -> tuple[PolicyVersionRecord, bytes]:
    """The signed PDF of an adopted (or superseded) version, made and kept the first time."""
    with db.read() as session:
        version = version_record(load_version(session, version_id))
    if version.status is PolicyStatus.DRAFT:
        raise ValidationError(
            f"Version {version.number} of {version.document_name} is a draft. Only adopted "
            "versions have a signed PDF: the Chair adopts it first."
        )
    kept = stored_bytes(db, version.pdf_sha256)
    if kept is not None:
        return version, kept
    data = make_signed_pdf(db, actor, version)
    with db.write() as session:
        row = load_version(session, version_id)
        kept = stored_bytes(db, row.pdf_sha256)  # another PC may have made it meanwhile
        if kept is not None:
            return version_record(row), kept
        stored = add_file(
            session, db.files, data, f"policy-v{row.number}-signed.pdf", "application/pdf"
        )
        row.pdf_sha256 = stored.sha256
        audit.record(
            session,
            actor,
            "sign",
            "policy_version",
            row.id,
            f"Made the signed PDF of version {row.number} of {row.document.name}",
            {"sha256": stored.sha256},
        )
        return version_record(row), data


def export_policy(
    db: Database,
    actor: Actor,
    target: Path,
    number: int | None = None,
    document: str | None = None,
) -> PolicyVersionRecord:
    """Write the signed PDF of the adopted version (or version ``number``) to ``target``."""
    with db.read() as session:
        version_id = find_version(session, document, number).id
    version, data = signed_policy_pdf(db, actor, version_id)
    write_atomic(target, data)
    return version


@matcher
def _policy_pdf(session: Session, sha: str) -> str | None:
    row = (
        session.execute(select(PolicyVersion).where(PolicyVersion.pdf_sha256 == sha))
        .scalars()
        .first()
    )
    if row is None:
        return None
    return (
        f"{row.document.name} version {row.number}, adopted {format_date(row.adopted_on)} "
        f"by {row.chair_name}{' (acting Chair)' if row.chair_acting else ''}"
    )
