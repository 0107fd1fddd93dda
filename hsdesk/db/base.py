"""The one declarative base; named constraints so Alembic batch migrations can alter them; and
the one check every text written goes through, on both engines (SQLite keeps any length)."""

from typing import Any

from sqlalchemy import Enum, MetaData, String, event
from sqlalchemy.orm import DeclarativeBase, Mapper

from hsdesk.domain.errors import ValidationError
from hsdesk.domain.text_rules import field_words, text_problem

# A text column without a length of its own holds at most this much unless its ``info`` names
# another ``limit`` (or None: text hsdesk writes itself, such as the audit trail's data).
TEXT_LIMIT = 20_000

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(cls: type, name: str) -> Enum:
    # Stored as the value strings, checked by a named constraint on every dialect.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


def _checked_text(_mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    """Refuse, in words, text a column cannot hold: too long for it, or with characters that
    cannot be stored (whichever service wrote it)."""
    for column in target.__table__.columns:
        value = getattr(target, column.key, None)
        if not isinstance(value, str) or not isinstance(column.type, String):
            continue
        limit = column.info.get("limit", column.type.length or TEXT_LIMIT)
        problem = text_problem(field_words(column.key), value, limit)
        if problem is not None:
            raise ValidationError(problem)


event.listen(Base, "before_insert", _checked_text, propagate=True)
event.listen(Base, "before_update", _checked_text, propagate=True)
