"""The Vice Chair's sign-off of a quarterly review: what still blocks it, and the signed record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    QuarterlyReview,
    ReviewCarried,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.review import (
    ItemState,
    Quarter,
    signoff_problems,
)
from hsdesk.domain.review_records import (
    ReviewDetails,
)
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer, verify_signoff
from hsdesk.services.platform.signatures import SignatureChoice, chosen_signature
from hsdesk.services.reviews import checks as review_checks
from hsdesk.services.reviews.quarterly import carried_actions, details_of, open_review, review_title


@dataclass(frozen=True, slots=True)
class ReviewSignoff:
    """What the Vice Chair gives: their own username and password, and their signature."""

    username: str
    password: str
    signature: SignatureChoice


def signoff_blockers(review: ReviewDetails) -> list[str]:
    return signoff_problems(
        [ItemState(i.label, i.result, bool(i.notes.strip()), bool(i.actions)) for i in review.items]
    )


def sign_off(
    db: Database, actor: Actor, review_id: int, given: ReviewSignoff, today: date | None = None
) -> ReviewDetails:
    """The Vice Chair's sign-off: in office today, every item answered, every issue explained
    by a note or an action. The automatic items are checked once more first."""
    day = today or clock.today()
    with db.write() as session:
        review = open_review(session, actor, review_id)
        quarter = Quarter(review.quarter_start)
        if day < quarter.end:
            raise ValidationError(
                f"The review of {review_title(session, review)} covers the quarter to "
                f"{format_date(quarter.end)}, so it can be signed off from that day."
            )
        signer = verify_signoff(session, given.username, given.password, Office.VICE_CHAIR, day)
        review_checks.refresh(session, review, day)
        session.flush()
        problems = signoff_blockers(details_of(session, review, day))
        if problems:
            count = len(problems)
            raise ValidationError(
                f"Not signed off: {count} item{'s' if count != 1 else ''} still "
                f"need{'s' if count == 1 else ''} attention.\n- " + "\n- ".join(problems[:12])
            )
        signature = chosen_signature(
            session, db, actor, signer.person_id, given.signature, Office.VICE_CHAIR.label
        )
        record_signoff(session, actor, review, signer, signature, clock.now())
        return details_of(session, review, day)


def record_signoff(
    session: Session,
    actor: Actor,
    review: QuarterlyReview,
    signer: Signer,
    signature_sha256: str,
    at: datetime,
) -> None:
    """Mark the review signed by a verified ``signer``; the rolled-over actions are frozen."""
    for action in carried_actions(session, review):
        session.add(ReviewCarried(review_id=review.id, action_id=action.id))
    review.signed_on = signer.on
    review.signed_at = at
    review.signer_id = signer.person_id
    review.signer_name = signer.name
    review.signer_acting = signer.acting
    review.signed_in_user = actor.username
    review.signature_sha256 = signature_sha256
    session.flush()
    audit.record(
        session,
        actor,
        "sign",
        "quarterly_review",
        review.id,
        f"{signer.name} ({'acting ' if signer.acting else ''}Vice Chair) signed off the review "
        f"of {review_title(session, review)} on {format_date(signer.on)}",
        {"signature": signature_sha256},
        signer=signer.username,
    )
