"""What may be done with a quarter's review now, by whom, and why not: one rule for the Reviews
tab's buttons and for the services that refuse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.permissions import Permission
from hsdesk.domain.verdict import YES, Verdict, needs, no


class ReviewStep(StrEnum):
    START = "start"  # begin the quarter's review
    CHANGE = "change"  # answer, attach, add or remove actions, check again, sign off


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    title: str  # e.g. "Q3 2026 (July to September 2026)"
    begun: bool
    signed_on: date | None = None


def may_review(actor: Actor, step: ReviewStep, review: ReviewFacts) -> Verdict:
    if not (verdict := needs(actor, Permission.CONDUCT_REVIEWS)):
        return verdict
    if step is ReviewStep.START:
        if review.begun:
            return no(f"The review of {review.title} has already begun. Open it from the list.")
        return YES
    if review.signed_on is not None:
        return no(
            f"The review of {review.title} was signed off on {format_date(review.signed_on)} "
            "and can no longer be changed. Record anything new in the current quarter's review."
        )
    return YES


def may_complete_action(actor: Actor, owner_id: int) -> Verdict:
    """An action is recorded done by its owner, or by whoever conducts reviews."""
    if actor.person_id == owner_id or needs(actor, Permission.CONDUCT_REVIEWS):
        return YES
    return Verdict(
        False,
        "Only the action's owner, a trustee, the Scheme Development Manager or an administrator "
        "can record that it was done.",
        needs(actor, Permission.CONDUCT_REVIEWS).refusal,
    )
