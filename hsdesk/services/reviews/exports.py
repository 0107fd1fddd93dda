"""The quarterly reviews as a CSV file for Excel: one row per checklist item of every review
begun, with the quarter's status and sign-off, the item's result, notes, evidence and actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from hsdesk.db.engine import Database
from hsdesk.db.models import QuarterlyReview
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.permissions import Permission
from hsdesk.domain.progress import Steps
from hsdesk.domain.review_records import ActionRecord
from hsdesk.services.csv_export import write_csv
from hsdesk.services.platform.auth import require
from hsdesk.services.reviews.quarterly import details_of, load_review

CSV_HEADERS = (
    "Quarter",
    "Period",
    "Status",
    "Due by",
    "Signed off by",
    "Signed off on",
    "Item number",
    "Channel",
    "Clauses",
    "Item",
    "Result",
    "Notes",
    "From hsdesk's records",
    "Evidence files",
    "Actions",
)


def _action_line(a: ActionRecord) -> str:
    done = f"done {format_date(a.done_on)}" if a.done_on else "open"
    return f"{a.what} ({a.owner_name}, due {format_date(a.due_on)}, {done})"


def review_rows(db: Database, actor: Actor, today: date | None = None) -> list[tuple[object, ...]]:
    require(db, actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    rows: list[tuple[object, ...]] = []
    with db.read() as session:
        ids = session.execute(
            select(QuarterlyReview.id).order_by(QuarterlyReview.quarter_start)
        ).scalars()
        for review_id in list(ids):
            review = details_of(session, load_review(session, review_id), day)
            head = (
                review.quarter.key(review.scheme),
                review.quarter.months,
                review.status.label,
                format_date(review.due_on),
                review.signer_label if review.signer_name else "",
                format_date(review.signed_on),
            )
            for item in review.items:
                rows.append(
                    (
                        *head,
                        item.position,
                        item.channel_name or "The scheme",
                        item.clauses,
                        item.text,
                        item.result.label if item.result else "Not answered",
                        item.notes,
                        "; ".join(item.found),
                        "; ".join(e.file_name for e in item.evidence),
                        "; ".join(_action_line(a) for a in item.actions),
                    )
                )
    return rows


def export_reviews_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    rows = review_rows(db, actor)
    return write_csv(target, CSV_HEADERS, rows, steps=steps)
