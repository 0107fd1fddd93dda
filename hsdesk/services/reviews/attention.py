"""What quarterly reviews put on the Dashboard and in `status --json`: reviews overdue, the next
review due, and actions past their due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import ReviewAction
from hsdesk.domain import clock
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.dates import format_date
from hsdesk.domain.records import AttentionItem
from hsdesk.domain.review import Quarter, ReviewStatus
from hsdesk.domain.review_records import QuarterRow
from hsdesk.services.people.roles import full_name
from hsdesk.services.reviews.quarterly import quarter_rows_in, scheme_of

AREA = Area.REVIEWS
SOON_DAYS = 30  # a review due within this many days is a warning, not just information


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _next_due(rows: list[QuarterRow], day: date) -> QuarterRow | None:
    """The earliest quarter whose review is not signed off and not yet overdue."""
    waiting = [r for r in rows if r.status in (ReviewStatus.NOT_STARTED, ReviewStatus.IN_PROGRESS)]
    return min(waiting, key=lambda r: r.quarter.start, default=None)


def _overdue_actions(session: Session, day: date) -> list[ReviewAction]:
    return list(
        session.execute(
            select(ReviewAction)
            .options(selectinload(ReviewAction.owner), selectinload(ReviewAction.review))
            .where(ReviewAction.done_on.is_(None), ReviewAction.due_on < day)
            .order_by(ReviewAction.due_on, ReviewAction.id)
        ).scalars()
    )


def review_items(session: Session, day: date) -> list[AttentionItem]:
    rows = quarter_rows_in(session, day)
    items = [
        AttentionItem(
            "warning",
            f"Quarterly review of {r.name} overdue",
            f"The Vice Chair's check of {r.quarter.months} was due by {format_date(r.due_on)} "
            f"({'not started' if r.review_id is None else r.progress}). Complete it in Reviews "
            "and the Vice Chair signs it off.",
            AREA,
        )
        for r in sorted(rows, key=lambda r: r.quarter.start)
        if r.status is ReviewStatus.OVERDUE
    ]
    nxt = _next_due(rows, day)
    if nxt is not None:
        left = (nxt.due_on - day).days
        ended = nxt.quarter.end < day
        items.append(
            AttentionItem(
                "warning" if ended and left <= SOON_DAYS else "info",
                f"Quarterly review of {nxt.name} due in {_days(left)}",
                f"Due by {format_date(nxt.due_on)}; "
                + (nxt.progress or "not started")
                + (
                    ". The quarter has ended: the Vice Chair checks the website and social "
                    "media and signs the review off."
                    if ended
                    else f". It can be signed off once the quarter ends on "
                    f"{format_date(nxt.quarter.end)}."
                ),
                AREA,
            )
        )
    late = _overdue_actions(session, day)
    if late:
        scheme = scheme_of(session)
        lines = [
            f"{a.what} ({full_name(a.owner)}, due {format_date(a.due_on)}, from "
            f"{Quarter(a.review.quarter_start).name(scheme)})"
            for a in late
        ]
        count = len(late)
        items.append(
            AttentionItem(
                "warning",
                f"{count} review action{'s' if count != 1 else ''} overdue",
                listed(lines) + ". Record each one done in Reviews when it is.",
                AREA,
            )
        )
    return items


def review_summary(db: Database, today: date | None = None) -> dict[str, Any]:
    """The quarters' reviews and the overdue actions, for `status --json`."""
    day = today or clock.today()
    with db.read() as session:
        rows = quarter_rows_in(session, day)
        nxt = _next_due(rows, day)
        late = _overdue_actions(session, day)
        return {
            "next_due": None
            if nxt is None
            else {
                "quarter": nxt.key,
                "name": nxt.name,
                "status": nxt.status.value,
                "due_on": nxt.due_on.isoformat(),
                "days_left": (nxt.due_on - day).days,
            },
            "quarters": [
                {
                    "quarter": r.key,
                    "name": r.name,
                    "status": r.status.value,
                    "due_on": r.due_on.isoformat(),
                    "signed_by": r.signed_by or None,
                    "signed_on": r.signed_on.isoformat() if r.signed_on else None,
                    "open_actions": r.open_actions,
                }
                for r in rows
            ],
            "actions_overdue": [
                {
                    "action": a.id,
                    "what": a.what,
                    "owner": full_name(a.owner),
                    "due_on": a.due_on.isoformat(),
                }
                for a in late
            ],
        }
