"""Small settings kept in the database (so every PC on the same file agrees)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hsdesk.db.models import Setting


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
