"""What the policy puts on the Dashboard: a review date that has come or is coming."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.models import (
    PolicyDocument,
)
from hsdesk.domain.attention import Area
from hsdesk.domain.dates import format_date
from hsdesk.domain.policy import (
    PolicyStatus,
    review_reminder,
)
from hsdesk.domain.records import AttentionItem


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
