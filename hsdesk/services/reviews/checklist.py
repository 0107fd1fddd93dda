"""Working through a quarter's checklist: starting the review, answers, notes and evidence."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Channel,
    QuarterlyReview,
    ReviewEvidence,
    ReviewItem,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.review import (
    DEFAULT_DUE_DAYS,
    AutoCheck,
    ItemResult,
    Quarter,
    answered_from_records,
    check_not_future,
    due_on,
)
from hsdesk.domain.review_actions import ReviewFacts, ReviewStep, may_review
from hsdesk.domain.review_records import (
    EvidenceRecord,
    ItemRecord,
    ReviewDetails,
)
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import require
from hsdesk.services.platform.files import add_file, checked_scan
from hsdesk.services.policy.duties import in_force_id
from hsdesk.services.reviews import checks as review_checks
from hsdesk.services.reviews import template as review_template
from hsdesk.services.reviews.quarterly import (
    DUE_DAYS_KEY,
    MAX_NOTES,
    details_of,
    evidence_record,
    item_label,
    item_record,
    load_review,
    open_item,
    open_review,
    review_of,
    review_title,
    scheme_of,
)


def start_review(
    db: Database, actor: Actor, quarter: Quarter, today: date | None = None
) -> ReviewDetails:
    """Begin a quarter's review: its checklist is built from the template as it stands, per
    active channel, and the automatic items are filled in from the records."""
    require(db, actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = insert_review(session, actor, quarter, day, clock.now())
        review_checks.refresh(session, review, day)
        session.flush()
        return details_of(session, load_review(session, review.id), day)


def insert_review(
    session: Session, actor: Actor, quarter: Quarter, day: date, at: datetime
) -> QuarterlyReview:
    scheme = scheme_of(session)
    check_not_future(quarter, day, scheme)
    begun = review_of(session, quarter) is not None
    may_review(actor, ReviewStep.START, ReviewFacts(quarter.title(scheme), begun)).enforce()
    number, template = review_template.snapshot(session)
    if not template:
        raise ValidationError(
            "The checklist template has no items. An administrator adds them in Reviews → "
            "Checklist template."
        )
    channels = list(
        session.execute(
            select(Channel)
            .options(selectinload(Channel.settings))
            .where(Channel.active.is_(True))
            .order_by(Channel.name)
        ).scalars()
    )
    days = settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)
    review = QuarterlyReview(
        quarter_start=quarter.start,
        due_on=due_on(quarter, days),
        template_revision=number,
        template_snapshot=review_template.snapshot_json(template),
        started_by=actor.display_name,
        started_at=at,
        policy_version_id=in_force_id(session),
    )
    session.add(review)
    session.flush()
    position = 0
    for where in [*channels, None]:
        for t in template:
            if t.per_channel != (where is not None):
                continue
            position += 1
            session.add(
                ReviewItem(
                    review_id=review.id,
                    position=position,
                    channel_id=where.id if where else None,
                    channel_name=where.name if where else "",
                    clauses=t.clauses,
                    text=t.text,
                    guidance=t.guidance,
                    auto=t.auto,
                    agreed_settings=(
                        review_checks.agreed_settings(where)
                        if where is not None and t.auto is AutoCheck.PRIVACY
                        else ""
                    ),
                )
            )
    session.flush()
    session.refresh(review)
    audit.record(
        session,
        actor,
        "add",
        "quarterly_review",
        review.id,
        f"Began the quarterly review of {quarter.title(scheme)} ({position} items, checklist "
        f"template revision {number})",
        {"quarter": quarter.key(scheme), "due_on": review.due_on},
    )
    return review


def check_records_again(
    db: Database, actor: Actor, review_id: int, today: date | None = None
) -> ReviewDetails:
    """Fill in the automatic items again, e.g. after a consent or induction was recorded."""
    require(db, actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = open_review(session, actor, review_id)
        review_checks.refresh(session, review, day)
        audit.record(
            session,
            actor,
            "edit",
            "quarterly_review",
            review.id,
            f"Checked the records again for the review of {review_title(session, review)}",
        )
        return details_of(session, review, day)


def answer_item(
    db: Database, actor: Actor, item_id: int, result: ItemResult | None, notes: str
) -> ItemRecord:
    """Record an item's result and notes. Items hsdesk fills in from its records keep the
    records' result; the reviewer adds notes (and actions) to them."""
    require(db, actor, Permission.CONDUCT_REVIEWS)
    notes = notes.strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError(
            f"The notes are {len(notes)} characters long; keep them within {MAX_NOTES} and "
            "attach anything longer as evidence."
        )
    with db.write() as session:
        item = open_item(session, actor, item_id)
        automatic = answered_from_records(item.auto)
        if automatic and result is not None and result is not item.result:
            raise ValidationError(
                f"'{item.text}' is filled in from hsdesk's records, so its result cannot be "
                "changed by hand. If the records are wrong, correct them and press Check records "
                "again; add a note to explain anything else."
            )
        if result is None and not automatic and item.result is not None:
            raise ValidationError("Choose Pass, Issue found or Not applicable for this item.")
        changed = (result or item.result) is not item.result or notes != item.notes
        if not changed:
            return item_record(item, [])
        if not automatic and result is not None:
            item.result = result
            item.answered_by = actor.display_name
            item.answered_at = clock.now()
        item.notes = notes
        session.flush()
        audit.record(
            session,
            actor,
            "edit",
            "review_item",
            item.id,
            f"{item_label(item)}: {item.result.label if item.result else 'not answered'}",
            {"result": item.result, "notes": notes},
        )
        return item_record(item, [])


def add_evidence(
    db: Database, actor: Actor, item_id: int, data: bytes, file_name: str
) -> EvidenceRecord:
    """Attach a screenshot or a file (an image or a PDF, up to 25 MB) to an item."""
    require(db, actor, Permission.CONDUCT_REVIEWS)
    media_type = checked_scan(data, file_name)
    with db.write() as session:
        item = open_item(session, actor, item_id)
        stored = add_file(session, db.files, data, file_name, media_type)
        if any(e.sha256 == stored.sha256 for e in item.evidence):
            raise ValidationError(f"{file_name} is already attached to this item.")
        row = ReviewEvidence(
            item_id=item.id,
            sha256=stored.sha256,
            file_name=file_name[:260],
            media_type=media_type,
            added_by=actor.username,
            added_at=clock.now(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "add",
            "review_evidence",
            row.id,
            f"Attached {file_name} to '{item_label(item)}'",
            {"sha256": stored.sha256},
        )
        return evidence_record(row)


def remove_evidence(db: Database, actor: Actor, evidence_id: int) -> None:
    require(db, actor, Permission.CONDUCT_REVIEWS)
    with db.write() as session:
        row = session.get(ReviewEvidence, evidence_id)
        if row is None:
            raise NotFound("That evidence is no longer attached.")
        item = open_item(session, actor, row.item_id)
        session.delete(row)
        audit.record(
            session,
            actor,
            "delete",
            "review_evidence",
            evidence_id,
            f"Removed {row.file_name} from '{item_label(item)}'",
            {"sha256": row.sha256},
        )
