"""The Dashboard: what each feature puts on it, in one explicit list, and the one call that
computes it for the window and for `hsdesk-cli status` alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import importance
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import AttentionItem
from hsdesk.services.content import attention as content
from hsdesk.services.content.takedowns import sweep
from hsdesk.services.inductions import attention as inductions
from hsdesk.services.people import offices, retention
from hsdesk.services.photos import attention as photos
from hsdesk.services.policy import attention as policy
from hsdesk.services.registers import attention as registers
from hsdesk.services.reviews import attention as reviews

Provider = Callable[[Session, date], list[AttentionItem]]

# Everyone's items, feature by feature ...
PROVIDERS: tuple[Provider, ...] = (
    offices.office_items,
    photos.lost_clearance_items,
    photos.expiring_items,
    photos.unchecked_items,
    photos.unidentified_items,
    content.takedown_items,
    content.awaiting_approval_items,
    content.approved_items,
    inductions.induction_items,
    policy.policy_review_items,
    registers.complaint_items,
    registers.connection_items,
    reviews.review_items,
)
# ... and those only people with a permission may see.
RESTRICTED: tuple[tuple[Permission, Provider], ...] = (
    (Permission.HANDLE_BREACHES, registers.breach_items),
    (Permission.ERASE_PERSONAL_DATA, retention.retention_items),
)


def needs_attention(
    db: Database, today: date | None = None, actor: Actor | None = None
) -> list[AttentionItem]:
    """Everyone's items, and those only ``actor`` may see (none when no actor is given)."""
    day = today or clock.today()
    producers = list(PROVIDERS) + [
        produce
        for permission, produce in RESTRICTED
        if actor is not None and allowed(actor, permission)
    ]
    with db.read() as session:
        items = [item for produce in producers for item in produce(session, day)]
    return sorted(items, key=lambda i: importance(i.severity, i.area))


def dashboard(db: Database, sweeper: Actor, viewer: Actor | None) -> list[AttentionItem]:
    """The Dashboard as it is now: consents that ended since the last look first raise their
    takedowns (recorded as ``sweeper``'s), then every item, with those ``viewer`` may see."""
    sweep(db, sweeper)
    return needs_attention(db, actor=viewer)
