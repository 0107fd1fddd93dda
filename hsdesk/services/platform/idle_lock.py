"""How long hsdesk may stand unused before it locks itself (one setting for the whole office,
so every PC on the database agrees; administrators set it)."""

from __future__ import annotations

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.services.platform import settings

LOCK_MINUTES_KEY = "lock_after_minutes"
DEFAULT_LOCK_MINUTES = 10
# Never more than two hours: the breach register and people's details must not stay on show.
LONGEST_LOCK_MINUTES = 120


def lock_minutes(db: Database) -> int:
    with db.read() as session:
        return settings.read_int(session, LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)


def set_lock_minutes(db: Database, actor: Actor, minutes: int) -> None:
    """Lock every PC's hsdesk after ``minutes`` without keyboard or mouse. Administrators only."""
    settings.save_number(
        db,
        actor,
        LOCK_MINUTES_KEY,
        minutes,
        range(1, LONGEST_LOCK_MINUTES + 1),
        f"hsdesk must lock after 1 to {LONGEST_LOCK_MINUTES} minutes without use. Choose a "
        "number in that range.",
        f"hsdesk now locks after {minutes} minutes without use",
    )
