"""Full-text search over content titles and texts: SQLite FTS5 (created by migration 0004, kept
in step by triggers), LIKE on other databases. The only place that builds FTS queries."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select, text

SEARCH_TABLE = "content_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


def is_search_table(name: str | None) -> bool:
    """Tables Alembic must not compare with the models (the FTS table and its shadow tables)."""
    return bool(name) and str(name).startswith(SEARCH_TABLE)


def match_expression(typed: str) -> str:
    """Every word typed, as a prefix: 'walk 4' finds 'walking … 45'."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(typed))


def text_matches(
    engine: Engine, typed: str, id_column: Any, columns: list[Any]
) -> ColumnElement[bool]:
    """A condition on ``id_column`` for items whose title or text contains what was typed."""
    expression = match_expression(typed)
    if engine.dialect.name == "sqlite" and expression:
        ids = (
            select(text("rowid"))
            .select_from(text(SEARCH_TABLE))
            .where(text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(fts_query=expression))
        )
        return id_column.in_(ids)
    return or_(*(column.contains(typed, autoescape=True) for column in columns))
