"""The signed review PDF: made once per signed-off review, digitally signed, kept in the file store
with its SHA-256 on the review, and handed out unchanged every time after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.filestore import write_atomic
from hsdesk.db.models import QuarterlyReview
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.review import Quarter
from hsdesk.domain.review_records import ReviewDetails
from hsdesk.services.content.exports import content_log
from hsdesk.services.platform.files import stored_bytes
from hsdesk.services.platform.signing import sign_and_keep
from hsdesk.services.reviews.quarterly import (
    details_of,
    find_quarter,
    load_review,
    review_of,
    scheme_of,
)

LOGGED = ("Uploaded", "Takedown asked for", "Taken down")


def make_review_pdf(db: Database, review: ReviewDetails) -> bytes:
    """Lay out a review (signed off or not) without the digital signature."""
    from hsdesk.exports.review_pdf import LogLine, build_review_pdf

    log = [
        LogLine(e.at, e.what, f"#{e.item_id} {e.title}", e.channel, e.details)
        for e in content_log(db, review.quarter.start, review.quarter.end)
        if e.what in LOGGED
    ]
    signature = stored_bytes(db, review.signature_sha256)
    return build_review_pdf(review, signature, log, lambda sha: stored_bytes(db, sha))


def signed_review_pdf(
    db: Database, actor: Actor, review_id: int, today: date | None = None
) -> tuple[ReviewDetails, bytes]:
    """The signed PDF of a signed-off review, made and kept the first time."""
    day = today or clock.today()
    with db.read() as session:
        review = details_of(session, load_review(session, review_id), day)
    if not review.read_only:
        raise ValidationError(
            f"The review of {review.title} is not signed off yet, so it has no signed PDF. "
            "The Vice Chair signs it off first."
        )
    kept = stored_bytes(db, review.pdf_sha256)
    if kept is not None:
        return review, kept
    data = sign_and_keep(
        db,
        actor,
        make_review_pdf(db, review),
        reason=f"Quarterly review of {review.title} signed off by {review.signer_label} on "
        f"{format_date(review.signed_on)}",
        file_name=f"review-{review.quarter.start}-signed.pdf",
        load_row=lambda session: load_review(session, review_id),
        entity="quarterly_review",
        summary=f"Made the signed PDF of the review of {review.title}",
    )
    with db.read() as session:
        return details_of(session, load_review(session, review_id), day), data


def export_review(
    db: Database, actor: Actor, quarter_text: str, target: Path, today: date | None = None
) -> ReviewDetails:
    """Write the signed PDF of the quarter typed like 2026Q3 to ``target``."""
    quarter = find_quarter(db, quarter_text, today)
    with db.read() as session:
        scheme = scheme_of(session)
        row = review_of(session, quarter)
        if row is None:
            raise ValidationError(
                f"{quarter.title(scheme)} has not been reviewed: its review has not begun."
            )
        review_id = row.id
    review, data = signed_review_pdf(db, actor, review_id, today)
    write_atomic(target, data)
    return review


def review_with_pdf(session: Session, sha: str) -> str | None:
    row = (
        session.execute(select(QuarterlyReview).where(QuarterlyReview.pdf_sha256 == sha))
        .scalars()
        .first()
    )
    if row is None:
        return None
    acting = " (acting Vice Chair)" if row.signer_acting else " (Vice Chair)"
    return (
        f"the quarterly review of {Quarter(row.quarter_start).title(scheme_of(session))}, "
        f"signed off {format_date(row.signed_on)} by {row.signer_name}{acting}"
    )
