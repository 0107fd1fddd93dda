"""How long a complaint may wait for its private reply before it is overdue: an office-wide
setting the administrators keep."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.domain.registers import DEFAULT_REPLY_HOURS
from hsdesk.services.platform import settings

REPLY_HOURS_KEY = "complaint_reply_hours"
MAX_REPLY_HOURS = 24 * 30


def reply_hours_in(session: Session) -> int:
    return settings.read_int(session, REPLY_HOURS_KEY, DEFAULT_REPLY_HOURS)


def reply_hours(db: Database) -> int:
    with db.read() as session:
        return reply_hours_in(session)


def set_reply_hours(db: Database, actor: Actor, hours: int) -> None:
    """How long a complaint may wait for its private reply before it is overdue. Administrators."""
    settings.save_number(
        db,
        actor,
        REPLY_HOURS_KEY,
        hours,
        range(1, MAX_REPLY_HOURS + 1),
        f"A private reply must be due within 1 to {MAX_REPLY_HOURS} hours (30 days). Choose a "
        "number in that range.",
        f"Complaints now need a private reply within {hours} hours",
    )
