"""Quarterly reviews (the Vice Chair's duty in the policy): the quarters and their status, starting a review from the
template, answering items with notes and evidence, actions that roll over, and the Vice Chair's
sign-off, after which the review is read-only."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    QuarterlyReview,
    ReviewAction,
    ReviewCarried,
    ReviewEvidence,
    ReviewItem,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.duties import D
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.review import (
    DEFAULT_DUE_DAYS,
    ItemResult,
    Quarter,
    QuarterScheme,
    check_not_future,
    due_on,
    parse_quarter,
    quarter_of,
    review_status,
)
from hsdesk.domain.review_actions import ReviewFacts, ReviewStep, may_review
from hsdesk.domain.review_records import (
    ActionRecord,
    EvidenceRecord,
    ItemRecord,
    QuarterRow,
    ReviewDetails,
)
from hsdesk.services.people.roles import full_name
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations

SCHEME_KEY = "review_quarter_scheme"
DUE_DAYS_KEY = "review_due_days"
MAX_NOTES = 4000


# --- settings --------------------------------------------------------------------------------


def scheme_of(session: Session) -> QuarterScheme:
    row = settings.read_text(session, SCHEME_KEY)
    return QuarterScheme(row) if row in set(QuarterScheme) else QuarterScheme.CALENDAR


def quarter_settings(db: Database) -> tuple[QuarterScheme, int]:
    with db.read() as session:
        return scheme_of(session), settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)


def set_quarter_settings(db: Database, actor: Actor, scheme: QuarterScheme, due_days: int) -> None:
    """How quarters are numbered and how long after a quarter ends its review is due.
    Administrators only; reviews already begun keep the due date they began with."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    if not 1 <= due_days <= 120:
        raise ValidationError(
            "A quarter's review must be due 1 to 120 days after the quarter ends. Choose a "
            "number in that range."
        )
    with db.write() as session:
        settings.write(session, SCHEME_KEY, scheme.value)
        settings.write(session, DUE_DAYS_KEY, str(due_days))
        audit.record(
            session,
            actor,
            "edit",
            "setting",
            SCHEME_KEY,
            f"Quarters now numbered by the {scheme.label.split(' (')[0].lower()}; reviews due "
            f"{due_days} days after the quarter ends",
        )


# --- reading ---------------------------------------------------------------------------------


def _review_query():  # type: ignore[no-untyped-def]
    return select(QuarterlyReview).options(
        selectinload(QuarterlyReview.items).selectinload(ReviewItem.evidence),
        selectinload(QuarterlyReview.actions).selectinload(ReviewAction.owner),
        selectinload(QuarterlyReview.actions).selectinload(ReviewAction.item),
    )


def load_review(session: Session, review_id: int) -> QuarterlyReview:
    review = session.execute(
        _review_query().where(QuarterlyReview.id == review_id)
    ).scalar_one_or_none()
    if review is None:
        raise NotFound("That quarterly review is no longer in the register.")
    return review


def review_of(session: Session, quarter: Quarter) -> QuarterlyReview | None:
    return session.execute(
        _review_query().where(QuarterlyReview.quarter_start == quarter.start)
    ).scalar_one_or_none()


def item_label(item: ReviewItem | None) -> str:
    if item is None:
        return "General"
    return f"{item.channel_name}: {item.text}" if item.channel_name else item.text


def action_record(a: ReviewAction, scheme: QuarterScheme) -> ActionRecord:
    return ActionRecord(
        id=a.id,
        review_id=a.review_id,
        raised_in=Quarter(a.review.quarter_start).name(scheme),
        item_label=item_label(a.item),
        what=a.what,
        owner_id=a.owner_id,
        owner_name=full_name(a.owner),
        due_on=a.due_on,
        done_on=a.done_on,
        done_note=a.done_note,
        done_by=a.done_by,
        done_at=a.done_at,
    )


def evidence_record(e: ReviewEvidence) -> EvidenceRecord:
    return EvidenceRecord(e.id, e.sha256, e.file_name, e.media_type, e.added_by, e.added_at)


def item_record(item: ReviewItem, actions: list[ActionRecord]) -> ItemRecord:
    return ItemRecord(
        id=item.id,
        position=item.position,
        channel_name=item.channel_name,
        clauses=item.clauses,
        text=item.text,
        guidance=item.guidance,
        auto=item.auto,
        agreed_settings=item.agreed_settings,
        found=tuple(json.loads(item.found or "[]")),
        result=item.result,
        notes=item.notes,
        answered_by=item.answered_by,
        answered_at=item.answered_at,
        evidence=tuple(evidence_record(e) for e in item.evidence),
        actions=tuple(a for a in actions),
    )


def carried_actions(session: Session, review: QuarterlyReview) -> list[ReviewAction]:
    """Earlier quarters' actions shown first: frozen at sign-off; until then, those still open
    and those done since the last earlier review was signed off."""
    query = select(ReviewAction).options(
        selectinload(ReviewAction.owner),
        selectinload(ReviewAction.item),
        selectinload(ReviewAction.review),
    )
    if review.signed_at is not None:
        query = query.where(
            ReviewAction.id.in_(
                select(ReviewCarried.action_id).where(ReviewCarried.review_id == review.id)
            )
        )
    else:
        earlier = QuarterlyReview.quarter_start < review.quarter_start
        last_signed = session.scalar(select(func.max(QuarterlyReview.signed_at)).where(earlier))
        query = query.where(
            ReviewAction.review_id.in_(select(QuarterlyReview.id).where(earlier)),
            (ReviewAction.done_at.is_(None))
            | (ReviewAction.done_at > (last_signed or review.started_at)),
        )
    return list(session.execute(query.order_by(ReviewAction.due_on, ReviewAction.id)).scalars())


def details_of(session: Session, review: QuarterlyReview, day: date) -> ReviewDetails:
    scheme = scheme_of(session)
    actions: dict[int | None, list[ActionRecord]] = {}
    for a in review.actions:
        actions.setdefault(a.item_id, []).append(action_record(a, scheme))
    items = tuple(item_record(i, actions.get(i.id, [])) for i in review.items)
    return ReviewDetails(
        id=review.id,
        quarter=Quarter(review.quarter_start),
        scheme=scheme,
        status=review_status(True, review.signed_at is not None, review.due_on, day),
        due_on=review.due_on,
        template_revision=review.template_revision,
        started_by=review.started_by,
        started_at=review.started_at,
        checked_on=review.checked_on,
        items=items,
        carried=tuple(action_record(a, scheme) for a in carried_actions(session, review)),
        signed_on=review.signed_on,
        signed_at=review.signed_at,
        signer_name=review.signer_name,
        signer_acting=review.signer_acting,
        signed_in_user=review.signed_in_user,
        signature_sha256=review.signature_sha256,
        pdf_sha256=review.pdf_sha256,
        policy=citations(session, review.policy_version_id).ref(D.QUARTERLY_CHECKS),
    )


def get_review(db: Database, review_id: int, today: date | None = None) -> ReviewDetails:
    with db.read() as session:
        return details_of(session, load_review(session, review_id), today or clock.today())


def quarter_rows(db: Database, today: date | None = None) -> list[QuarterRow]:
    """Every quarter from the first reviewed (or the last one ended) to today's, newest first."""
    day = today or clock.today()
    with db.read() as session:
        return quarter_rows_in(session, day)


def quarter_rows_in(session: Session, day: date) -> list[QuarterRow]:
    scheme = scheme_of(session)
    days = settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)
    reviews = {r.quarter_start: r for r in session.execute(_review_query()).scalars()}
    current = quarter_of(day)
    first = min([current.previous.start, *reviews]) if reviews else current.previous.start
    rows, quarter = [], current
    while quarter.start >= first:
        review = reviews.get(quarter.start)
        rows.append(_quarter_row(quarter, review, scheme, days, day))
        quarter = quarter.previous
    future = [r for start, r in reviews.items() if start > current.start]  # clock moved back
    rows[:0] = [_quarter_row(Quarter(r.quarter_start), r, scheme, days, day) for r in future]
    return rows


def _quarter_row(
    quarter: Quarter, review: QuarterlyReview | None, scheme: QuarterScheme, days: int, day: date
) -> QuarterRow:
    due = review.due_on if review is not None else due_on(quarter, days)
    status = review_status(
        review is not None, review is not None and review.signed_at is not None, due, day
    )
    if review is None:
        return QuarterRow(quarter, quarter.name(scheme), quarter.key(scheme), due, status)
    return QuarterRow(
        quarter,
        quarter.name(scheme),
        quarter.key(scheme),
        due,
        status,
        review_id=review.id,
        started_on=review.started_at.date(),
        signed_by=review.signer_name,
        signed_on=review.signed_on,
        answered=sum(1 for i in review.items if i.result is not None),
        items=len(review.items),
        issues=sum(1 for i in review.items if i.result is ItemResult.ISSUE),
        open_actions=sum(1 for a in review.actions if a.done_on is None),
    )


def find_quarter(db: Database, text: str, today: date | None = None) -> Quarter:
    """The quarter typed like 2026Q3 under this database's numbering; never a future one."""
    day = today or clock.today()
    with db.read() as session:
        scheme = scheme_of(session)
    quarter = parse_quarter(text, scheme)
    check_not_future(quarter, day, scheme)
    return quarter


# --- starting ----------------------------------------------------------------------------------


# --- answering ---------------------------------------------------------------------------------


def review_title(session: Session, review: QuarterlyReview) -> str:
    return Quarter(review.quarter_start).title(scheme_of(session))


def facts_of(session: Session, review: QuarterlyReview) -> ReviewFacts:
    return ReviewFacts(review_title(session, review), True, review.signed_on)


def open_review(session: Session, actor: Actor, review_id: int) -> QuarterlyReview:
    """The review, if ``actor`` may change it now."""
    review = load_review(session, review_id)
    may_review(actor, ReviewStep.CHANGE, facts_of(session, review)).enforce()
    return review


def open_item(session: Session, actor: Actor, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise NotFound("That checklist item is no longer in the review.")
    open_review(session, actor, item.review_id)
    return item


# --- actions -----------------------------------------------------------------------------------


# --- sign-off ----------------------------------------------------------------------------------
