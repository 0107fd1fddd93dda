"""Policy documents and their versions: drafts, import from text, the Chair's adoption sign-off,
stored signatures and the review reminders on the Dashboard."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    PolicyDocument,
    PolicySection,
    PolicyVersion,
)
from hsdesk.domain.errors import NotFound
from hsdesk.domain.policy import (
    PolicyStatus,
    PolicyText,
    PolicyVersionRecord,
    Section,
)
from hsdesk.domain.text_rules import matchable, quoted


def policy_text(version: PolicyVersion) -> PolicyText:
    return PolicyText(
        title=version.title,
        statement=version.statement,
        sections=tuple(
            Section(s.heading, tuple(c.text for c in s.clauses)) for s in version.sections
        ),
    )


def version_record(v: PolicyVersion) -> PolicyVersionRecord:
    return PolicyVersionRecord(
        id=v.id,
        document_id=v.document_id,
        document_name=v.document.name,
        number=v.number,
        status=v.status,
        text=policy_text(v),
        created_at=v.created_at,
        created_by=v.created_by,
        adopted_on=v.adopted_on,
        review_due=v.review_due,
        chair_name=v.chair_name,
        chair_acting=v.chair_acting,
        signature_sha256=v.signature_sha256,
        pdf_sha256=v.pdf_sha256,
        superseded_on=v.superseded_on,
    )


def _loaded():  # type: ignore[no-untyped-def]
    return select(PolicyVersion).options(
        selectinload(PolicyVersion.document),
        selectinload(PolicyVersion.sections).selectinload(PolicySection.clauses),
    )


def list_versions(db: Database) -> list[PolicyVersionRecord]:
    """Every version of every policy document, by document then version number."""
    query = _loaded().join(PolicyDocument).order_by(PolicyDocument.id, PolicyVersion.number)
    with db.read() as session:
        return [version_record(v) for v in session.execute(query).scalars()]


def load_version(session: Session, version_id: int) -> PolicyVersion:
    version = session.execute(_loaded().where(PolicyVersion.id == version_id)).scalar_one_or_none()
    if version is None:
        raise NotFound(f"Policy version {version_id} does not exist (it may have been deleted).")
    return version


def get_version(db: Database, version_id: int) -> PolicyVersionRecord:
    with db.read() as session:
        return version_record(load_version(session, version_id))


def find_version(
    session: Session, document: str | None = None, number: int | None = None
) -> PolicyVersion:
    """A document's adopted version, or the numbered one. Without a name: the first document."""
    query = select(PolicyDocument).order_by(PolicyDocument.id)
    if document:
        query = query.where(PolicyDocument.name == matchable(document))
    # A name no document can have (a broken character in it) finds none.
    doc = None if document and matchable(document) is None else session.scalars(query).first()
    if doc is None:
        where = f"called '{quoted(document)}'" if document else "yet"
        raise NotFound(f"There is no policy document {where}. Import the policy text first.")
    for version in doc.versions:
        if number is None and version.status is PolicyStatus.ADOPTED:
            return load_version(session, version.id)
        if version.number == number:
            return load_version(session, version.id)
    if number is None:
        raise NotFound(f"{doc.name} has no adopted version yet: the Chair must adopt one first.")
    raise NotFound(f"{doc.name} has no version {number}.")


# --- adoption ----------------------------------------------------------------------------------


# --- the Dashboard ------------------------------------------------------------------------------


def current_version(session: Session) -> PolicyVersion | None:
    """The adopted version of the scheme's policy (the first policy document) everyone
    acknowledges; None until the Chair has adopted one."""
    try:
        return find_version(session)
    except NotFound:
        return None


def find_version_record(
    db: Database, document: str | None = None, number: int | None = None
) -> PolicyVersionRecord:
    with db.read() as session:
        return version_record(find_version(session, document, number))
