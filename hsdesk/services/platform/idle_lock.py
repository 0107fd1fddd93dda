"""How long hsdesk may stand unused before it locks itself (one setting for the whole office,
so every PC on the database agrees; administrators set it)."""

from __future__ import annotations

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.standing import require

LOCK_MINUTES_KEY = "lock_after_minutes"
DEFAULT_LOCK_MINUTES = 10
# Never more than two hours: the breach register and people's details must not stay on show.
LONGEST_LOCK_MINUTES = 120


def lock_minutes(db: Database) -> int:
    with db.read() as session:
        return settings.read_int(session, LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)


def set_lock_minutes(db: Database, actor: Actor, minutes: int) -> None:
    """Lock every PC's hsdesk after ``minutes`` without keyboard or mouse. Administrators only."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    if not 1 <= minutes <= LONGEST_LOCK_MINUTES:
        raise ValidationError(
            f"hsdesk must lock after 1 to {LONGEST_LOCK_MINUTES} minutes without use. Choose "
            "a number in that range."
        )
    with db.write() as session:
        settings.write(session, LOCK_MINUTES_KEY, str(minutes))
        audit.record(
            session,
            actor,
            "edit",
            "setting",
            LOCK_MINUTES_KEY,
            f"hsdesk now locks after {minutes} minutes without use",
        )
