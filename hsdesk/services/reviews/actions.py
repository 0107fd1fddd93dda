"""Actions agreed at a quarterly review: owners, due dates, completion, and how they roll over."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Person,
    QuarterlyReview,
    ReviewAction,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.induction import COVERED_KINDS
from hsdesk.domain.permissions import Permission
from hsdesk.domain.review_actions import may_complete_action
from hsdesk.domain.review_records import (
    ActionInput,
    ActionRecord,
)
from hsdesk.services.people.roles import full_name, has_left
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.reviews.quarterly import action_record, open_review, scheme_of


def action_owners(db: Database, today: date | None = None) -> list[tuple[int, str]]:
    """Who can own an action: current trustees, staff and volunteers."""
    day = today or clock.today()
    with db.read() as session:
        people = session.execute(
            select(Person)
            .where(Person.kind.in_(COVERED_KINDS))
            .order_by(Person.last_name, Person.first_name)
        ).scalars()
        return [(p.id, full_name(p)) for p in people if not has_left(p, day)]


def add_action(
    db: Database, actor: Actor, review_id: int, data: ActionInput, today: date | None = None
) -> ActionRecord:
    require(db, actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = open_review(session, actor, review_id)
        row = insert_action(session, actor, review, data, day, clock.now())
        return action_record(row, scheme_of(session))


def insert_action(
    session: Session,
    actor: Actor,
    review: QuarterlyReview,
    data: ActionInput,
    day: date,
    at: datetime,
) -> ReviewAction:
    what = data.what.strip()
    if not what:
        raise ValidationError("Say what is to be done, e.g. 'Update the opening times'.")
    if len(what) > 1000:
        raise ValidationError("Keep the action within 1,000 characters; put detail in the notes.")
    if data.due_on is None:
        raise ValidationError("Give the date the action is due by (dd/mm/yyyy).")
    if data.due_on < review.quarter_start:
        raise ValidationError(
            f"The due date {format_date(data.due_on)} is before the quarter began. Choose a "
            "date from today onwards."
        )
    owner = session.get(Person, data.owner_id)
    if owner is None or owner.kind not in COVERED_KINDS or has_left(owner, day):
        raise ValidationError(
            "An action's owner must be a current trustee, member of staff or volunteer. "
            "Choose one from the list."
        )
    if data.item_id is not None and not any(i.id == data.item_id for i in review.items):
        raise NotFound("That checklist item is not part of this review.")
    row = ReviewAction(
        review_id=review.id,
        item_id=data.item_id,
        what=what,
        owner_id=owner.id,
        due_on=data.due_on,
        created_by=actor.username,
        created_at=at,
    )
    session.add(row)
    session.flush()
    session.refresh(row)
    audit.record(
        session,
        actor,
        "add",
        "review_action",
        row.id,
        f"Action for {full_name(owner)} by {format_date(data.due_on)}: {what}",
        {"review": review.id, "item": data.item_id},
    )
    return row


def remove_action(db: Database, actor: Actor, action_id: int) -> None:
    """Take back an action raised by mistake, while its review is not yet signed off."""
    require(db, actor, Permission.CONDUCT_REVIEWS)
    with db.write() as session:
        row = session.get(ReviewAction, action_id)
        if row is None:
            raise NotFound("That action is no longer in the review.")
        open_review(session, actor, row.review_id)
        session.delete(row)
        audit.record(
            session, actor, "delete", "review_action", action_id, f"Removed the action: {row.what}"
        )


def complete_action(
    db: Database,
    actor: Actor,
    action_id: int,
    done_on: date | None,
    note: str = "",
    today: date | None = None,
) -> ActionRecord:
    """Record an action done: by whoever works on reviews, or by its owner. Allowed after the
    review that raised it was signed off, since that is how roll-over ends."""
    day = today or clock.today()
    with db.write() as session:
        row = session.get(ReviewAction, action_id)
        if row is None:
            raise NotFound("That action is no longer in the register.")
        may_complete_action(actor, row.owner_id).enforce()
        # Kept to the microsecond: roll-over compares it with sign-off times.
        insert_completion(session, actor, row, done_on, note, day, clock.now())
        return action_record(row, scheme_of(session))


def insert_completion(
    session: Session,
    actor: Actor,
    row: ReviewAction,
    done_on: date | None,
    note: str,
    day: date,
    at: datetime,
) -> None:
    if row.done_on is not None:
        raise ValidationError(
            f"This action was already recorded done on {format_date(row.done_on)}."
        )
    if done_on is None:
        raise ValidationError("Give the date the action was done (dd/mm/yyyy).")
    if done_on > day:
        raise ValidationError(
            f"{format_date(done_on)} is in the future. Record the action once it is done."
        )
    if done_on < row.created_at.date():
        raise ValidationError(
            f"The action was raised on {format_date(row.created_at.date())}; it cannot have "
            "been done before that."
        )
    row.done_on, row.done_note = done_on, note.strip()
    row.done_by, row.done_at = actor.username, at
    session.flush()
    audit.record(
        session,
        actor,
        "edit",
        "review_action",
        row.id,
        f"Action done on {format_date(done_on)}: {row.what}",
        {"note": row.done_note},
    )
