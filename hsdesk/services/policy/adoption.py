"""The Chair's adoption of a version: the signed-off record, the version it supersedes, the next
review date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    PolicyVersion,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import (
    PolicyStatus,
    PolicyVersionRecord,
)
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer, verify_signoff
from hsdesk.services.platform.signatures import SignatureChoice, chosen_signature
from hsdesk.services.policy.drafts import _editable
from hsdesk.services.policy.duties import flagged_message, proposals, store_links, unconfirmed
from hsdesk.services.policy.versions import load_version, policy_text, version_record


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
    # the Chair's changes to the proposed links: duty key → clause number, or None for "dropped"
    links: Mapping[str, str | None] = field(default_factory=dict)


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
        found = proposals(session, version)
        flagged = unconfirmed(found, given.links)
        if flagged:
            raise ValidationError(flagged_message(version.number, flagged))
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
        record_adoption(session, actor, version, signer, given.review_due, signature, given.links)
        return version_record(version)


def record_adoption(
    session: Session,
    actor: Actor,
    version: PolicyVersion,
    signer: Signer,
    review_due: date,
    signature_sha256: str,
    links: Mapping[str, str | None] | None = None,
) -> None:
    """Mark ``version`` adopted by a verified ``signer`` and supersede the one it replaces; its
    clauses are linked to the duties as proposed and changed by ``links``."""
    linked = store_links(session, version, links or {})
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
            "links": linked,
        },
        signer=signer.username,
    )
