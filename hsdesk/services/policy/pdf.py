"""The signed policy PDF: made once per adopted version, digitally signed, kept in the file
store with its SHA-256 on the version, and handed out unchanged every time after."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import PolicyVersion
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import PolicyStatus, PolicyVersionRecord
from hsdesk.services.platform.files import stored_bytes
from hsdesk.services.platform.signing import sign_and_keep
from hsdesk.services.policy.versions import find_version, load_version, version_record


def signed_policy_pdf(
    db: Database, actor: Actor, version_id: int
) -> tuple[PolicyVersionRecord, bytes]:
    """The signed PDF of an adopted (or superseded) version, made and kept the first time."""
    from hsdesk.exports.policy_pdf import build_policy_pdf

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
    pdf = build_policy_pdf(version, stored_bytes(db, version.signature_sha256))
    data = sign_and_keep(
        db,
        actor,
        pdf,
        reason=f"{version.document_name} version {version.number} adopted by the Chair on "
        f"{format_date(version.adopted_on)}",
        file_name=f"policy-v{version.number}-signed.pdf",
        load_row=lambda session: load_version(session, version_id),
        entity="policy_version",
        summary=f"Made the signed PDF of version {version.number} of {version.document_name}",
    )
    with db.read() as session:
        return version_record(load_version(session, version_id)), data


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


def policy_version_with_pdf(session: Session, sha: str) -> str | None:
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
