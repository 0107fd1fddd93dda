"""Policy documents and their versions: drafts, import from text, the Chair's adoption sign-off,
stored signatures and the review reminders on the Dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    PolicyClause,
    PolicyDocument,
    PolicySection,
    PolicyVersion,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import Area
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.policy import (
    PolicyStatus,
    PolicyText,
    PolicyVersionRecord,
    Section,
    parse_policy_text,
    review_reminder,
)
from hsdesk.domain.records import AttentionItem
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer, require, verify_signoff
from hsdesk.services.platform.signatures import SignatureChoice, chosen_signature


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
        query = query.where(PolicyDocument.name == document)
    doc = session.execute(query).scalars().first()
    if doc is None:
        where = f"called '{document}'" if document else "yet"
        raise NotFound(f"There is no policy document {where}. Import the policy text first.")
    for version in doc.versions:
        if number is None and version.status is PolicyStatus.ADOPTED:
            return load_version(session, version.id)
        if version.number == number:
            return load_version(session, version.id)
    if number is None:
        raise NotFound(f"{doc.name} has no adopted version yet: the Chair must adopt one first.")
    raise NotFound(f"{doc.name} has no version {number}.")


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
    require(actor, Permission.EDIT_POLICY)
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
    require(actor, Permission.EDIT_POLICY)
    return create_draft(db, actor, parse_policy_text(text), document_name)


def new_draft_from(db: Database, actor: Actor, version_id: int) -> PolicyVersionRecord:
    require(actor, Permission.EDIT_POLICY)
    with db.write() as session:
        source = load_version(session, version_id)
        version = add_version(session, actor, source.document, policy_text(source), source.id)
        return version_record(version)


def save_draft(
    db: Database, actor: Actor, version_id: int, text: PolicyText
) -> PolicyVersionRecord:
    require(actor, Permission.EDIT_POLICY)
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
    require(actor, Permission.EDIT_POLICY)
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


# --- adoption ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Adoption:
    """What the Chair gives at adoption. Exactly one of ``drawn`` (PNG bytes) or ``stored_id``."""

    username: str
    password: str
    adopted_on: date
    review_due: date
    drawn: bytes | None = None
    stored_id: int | None = None
    keep_drawn: bool = False


def default_review_date(adopted_on: date) -> date:
    try:
        return adopted_on.replace(year=adopted_on.year + 3)
    except ValueError:  # 29 February
        return adopted_on.replace(year=adopted_on.year + 3, day=28)


def adopt(
    db: Database, actor: Actor, version_id: int, given: Adoption, today: date | None = None
) -> PolicyVersionRecord:
    """The Chair's adoption sign-off: their own password, in office on the adoption date, with a
    handwritten signature. The document's previously adopted version becomes superseded."""
    today = today or clock.today()
    with db.write() as session:
        version = load_version(session, version_id)
        _editable(version, "adopted again")
        if policy_text(version).clause_count == 0:
            raise ValidationError(
                f"Version {version.number} has no clauses, so there is nothing to adopt. "
                "Add the policy's clauses first."
            )
        if given.adopted_on > today:
            raise ValidationError(
                f"The adoption date {format_date(given.adopted_on)} is in the future. "
                "The Chair signs on the day of adoption or records a past one."
            )
        if given.review_due <= given.adopted_on:
            raise ValidationError(
                f"The review date {format_date(given.review_due)} must be after the adoption "
                f"date {format_date(given.adopted_on)}."
            )
        current = next(
            (v for v in version.document.versions if v.status is PolicyStatus.ADOPTED), None
        )
        if current is not None and current.adopted_on and given.adopted_on < current.adopted_on:
            raise ValidationError(
                f"Version {current.number} was adopted on {format_date(current.adopted_on)}; "
                "a newer version cannot be adopted before that date."
            )
        signer = verify_signoff(
            session, given.username, given.password, Office.CHAIR, given.adopted_on
        )
        signature = chosen_signature(
            session,
            db,
            actor,
            signer.person_id,
            SignatureChoice(given.drawn, given.stored_id, given.keep_drawn),
            Office.CHAIR.label,
        )
        record_adoption(session, actor, version, signer, given.review_due, signature)
        return version_record(version)


def record_adoption(
    session: Session,
    actor: Actor,
    version: PolicyVersion,
    signer: Signer,
    review_due: date,
    signature_sha256: str,
) -> None:
    """Mark ``version`` adopted by a verified ``signer`` and supersede the one it replaces."""
    current = next((v for v in version.document.versions if v.status is PolicyStatus.ADOPTED), None)
    if current is not None:
        current.status = PolicyStatus.SUPERSEDED
        current.superseded_on = signer.on
    version.status = PolicyStatus.ADOPTED
    version.adopted_on = signer.on
    version.review_due = review_due
    version.chair_person_id = signer.person_id
    version.chair_name = signer.name
    version.chair_acting = signer.acting
    version.signature_sha256 = signature_sha256
    session.flush()
    audit.record(
        session,
        actor,
        "adopt",
        "policy_version",
        version.id,
        f"{signer.name} ({'acting ' if signer.acting else ''}Chair) adopted version "
        f"{version.number} of {version.document.name} on {format_date(signer.on)}; "
        f"review due {format_date(review_due)}",
        {
            "adopted_on": signer.on.isoformat(),
            "review_due": review_due.isoformat(),
            "signature": signature_sha256,
            "superseded": current.id if current is not None else None,
        },
        signer=signer.username,
    )


# --- the Dashboard ------------------------------------------------------------------------------


def policy_review_items(session: Session, day: date) -> list[AttentionItem]:
    items = []
    for doc in session.execute(select(PolicyDocument).order_by(PolicyDocument.id)).scalars():
        adopted = [v for v in doc.versions if v.status is PolicyStatus.ADOPTED]
        if not adopted:
            items.append(
                AttentionItem(
                    "warning",
                    f"{doc.name}: not adopted yet",
                    f"No version of the {doc.name} has been adopted in hsdesk. The Chair adopts "
                    "a version in the Policy tab.",
                    Area.POLICY,
                )
            )
            continue
        version = adopted[0]
        if version.review_due is None:
            continue
        reminder = review_reminder(doc.name, version.review_due, day)
        if reminder:
            severity, title = reminder
            items.append(
                AttentionItem(
                    severity,
                    title,
                    f"Version {version.number}, adopted {format_date(version.adopted_on)}, is to be "
                    f"reviewed by {format_date(version.review_due)}. Revise it as a draft in the "
                    "Policy tab; the Chair then adopts the revised version.",
                    Area.POLICY,
                )
            )
    return items
