"""Small settings kept in the database (so every PC on the same file agrees)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import Setting
from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import audit
from hsdesk.services.platform.standing import require


def read_int(session: Session, key: str, default: int) -> int:
    row = session.get(Setting, key)
    return int(row.value) if row is not None and row.value.isdigit() else default


def write(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)


def read_text(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def save_number(
    db: Database, actor: Actor, key: str, value: int, within: range, refusal: str, summary: str
) -> None:
    """An administrator sets an office-wide number: refused in ``refusal``'s words outside
    ``within``; kept, and said in the audit trail as ``summary``."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    if value not in within:
        raise ValidationError(refusal)
    with db.write() as session:
        write(session, key, str(value))
        audit.record(session, actor, "edit", "setting", key, summary)
