"""How the Policy tab describes a version above its text."""

from __future__ import annotations

from hsdesk.domain.dates import format_date
from hsdesk.domain.policy import PolicyStatus, PolicyVersionRecord


def describe(r: PolicyVersionRecord) -> str:
    """The heading and status of a version, as the Policy tab shows it above its text."""
    head = f"<h3>{r.document_name} — version {r.number}</h3>"
    if r.status is PolicyStatus.DRAFT:
        return head + (
            f"Draft started {format_date(r.created_at.date())} by {r.created_by}. "
            "Edit it below; the Chair adopts it when it is ready."
        )
    chair = r.chair_name + (" (acting Chair)" if r.chair_acting else "")
    words = (
        f"Adopted {format_date(r.adopted_on)} by {chair}. "
        f"Review due {format_date(r.review_due)}. Read-only."
    )
    if r.status is PolicyStatus.SUPERSEDED:
        words = f"Superseded {format_date(r.superseded_on)}. " + words
    return head + words
