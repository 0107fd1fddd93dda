"""Drafting a new version of a policy: from a text file, from the version in force, or edited
clause by clause."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    PolicyClause,
    PolicyDocument,
    PolicySection,
    PolicyVersion,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.policy import (
    PolicyStatus,
    PolicyText,
    PolicyVersionRecord,
    parse_policy_text,
)
from hsdesk.domain.text_rules import matchable, text_problem
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.versions import load_version, policy_text, version_record


def _check_text(text: PolicyText) -> None:
    problems = text.problems()
    if problems:
        raise ValidationError(" ".join(problems))


def _fill(version: PolicyVersion, text: PolicyText) -> None:
    version.title = text.title.strip()
    version.statement = text.statement.strip()
    version.sections = [
        PolicySection(
            position=n,
            heading=section.heading.strip(),
            clauses=[
                PolicyClause(position=m, text=t.strip()) for m, t in enumerate(section.clauses)
            ],
        )
        for n, section in enumerate(text.sections)
    ]


def _editable(version: PolicyVersion, doing: str) -> None:
    if version.status is not PolicyStatus.DRAFT:
        raise ValidationError(
            f"Version {version.number} of {version.document.name} was adopted on "
            f"{format_date(version.adopted_on)} and is read-only forever, so it cannot be {doing}. "
            "Start a new draft from it instead."
        )


def _no_other_draft(doc: PolicyDocument) -> None:
    for version in doc.versions:
        if version.status is PolicyStatus.DRAFT:
            raise ValidationError(
                f"{doc.name} already has a draft (version {version.number}). "
                "Finish or delete that draft before starting another."
            )


def add_version(
    session: Session, actor: Actor, doc: PolicyDocument, text: PolicyText, based_on: int | None
) -> PolicyVersion:
    _check_text(text)
    _no_other_draft(doc)
    version = PolicyVersion(
        document=doc,
        number=max((v.number for v in doc.versions), default=0) + 1,
        status=PolicyStatus.DRAFT,
        created_at=clock.now(),
        created_by=actor.username,
        based_on_id=based_on,
    )
    _fill(version, text)
    session.add(version)
    session.flush()
    audit.record(
        session,
        actor,
        "add",
        "policy_version",
        version.id,
        f"Started draft version {version.number} of {doc.name}",
        {"clauses": text.clause_count, "based_on": based_on},
    )
    return version


def document_name_for(title: str) -> str:
    """ "Social Networking Policy and Procedure" is filed as "Social Networking Policy"."""
    name = title.strip()
    for tail in (" and Procedures", " and Procedure"):
        if name.lower().endswith(tail.lower()):
            return name[: -len(tail)].strip()
    return name


def document_named(session: Session, actor: Actor, name: str) -> PolicyDocument:
    if matchable(name) is None:
        raise ValidationError(text_problem("policy document's name", name, None) or "")
    doc = session.execute(
        select(PolicyDocument).where(PolicyDocument.name == name)
    ).scalar_one_or_none()
    if doc is None:
        doc = PolicyDocument(name=name, created_at=clock.now())
        session.add(doc)
        session.flush()
        audit.record(
            session, actor, "add", "policy_document", doc.id, f"New policy document {name}"
        )
    return doc


def create_draft(
    db: Database, actor: Actor, text: PolicyText, document_name: str | None = None
) -> PolicyVersionRecord:
    """A new draft of the named document (created if new; named from the title by default)."""
    require(db, actor, Permission.EDIT_POLICY)
    _check_text(text)
    name = (document_name or document_name_for(text.title)).strip()
    if not name:
        raise ValidationError("Give the policy document a name.")
    with db.write() as session:
        version = add_version(session, actor, document_named(session, actor, name), text, None)
        return version_record(version)


def import_text(
    db: Database, actor: Actor, text: str, document_name: str | None = None
) -> PolicyVersionRecord:
    """Read a plain-text policy into a new draft; unreadable text creates nothing."""
    require(db, actor, Permission.EDIT_POLICY)
    return create_draft(db, actor, parse_policy_text(text), document_name)


def new_draft_from(db: Database, actor: Actor, version_id: int) -> PolicyVersionRecord:
    require(db, actor, Permission.EDIT_POLICY)
    with db.write() as session:
        source = load_version(session, version_id)
        version = add_version(session, actor, source.document, policy_text(source), source.id)
        return version_record(version)


def save_draft(
    db: Database, actor: Actor, version_id: int, text: PolicyText
) -> PolicyVersionRecord:
    require(db, actor, Permission.EDIT_POLICY)
    _check_text(text)
    with db.write() as session:
        version = load_version(session, version_id)
        _editable(version, "changed")
        before = policy_text(version)
        if before == text:
            return version_record(version)
        version.sections = []
        session.flush()  # old clauses go before the renumbered ones arrive
        _fill(version, text)
        session.flush()
        audit.record(
            session,
            actor,
            "edit",
            "policy_version",
            version.id,
            f"Saved draft version {version.number} of {version.document.name}",
            {"clauses_before": before.clause_count, "clauses_after": text.clause_count},
        )
        session.expire(version)
        return version_record(load_version(session, version_id))


def delete_draft(db: Database, actor: Actor, version_id: int) -> None:
    require(db, actor, Permission.EDIT_POLICY)
    with db.write() as session:
        version = load_version(session, version_id)
        _editable(version, "deleted")
        doc = version.document
        summary = f"Deleted draft version {version.number} of {doc.name}"
        session.delete(version)
        session.flush()
        audit.record(session, actor, "delete", "policy_version", version_id, summary)
        if not [v for v in doc.versions if v.id != version_id]:
            session.delete(doc)
            audit.record(session, actor, "delete", "policy_document", doc.id, f"Removed {doc.name}")
