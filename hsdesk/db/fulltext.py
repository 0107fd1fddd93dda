"""Full-text search over content titles and texts, the same on both engines: every word typed
is a prefix of a word in the item, in any case. SQLite uses FTS5 (created by migration 0004, kept
in step by triggers); PostgreSQL its word search over an indexed expression (migration 0008). The
only place that builds search queries."""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import ColumnElement, Engine, or_, select, text

SEARCH_TABLE = "content_fts"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_search_table(name: str | None) -> bool:
    """Tables and indexes Alembic must not compare with the models (the FTS table, its shadow
    tables, the word index on PostgreSQL)."""
    return bool(name) and str(name).startswith(SEARCH_TABLE)


def words(typed: str) -> list[str]:
    return _WORD.findall(typed.lower())


def match_expression(typed: str) -> str:
    """Every word typed, as a prefix: 'walk 4' finds 'walking … 45'."""
    return " ".join(f'"{word}"*' for word in words(typed))


def server_query(typed: str) -> str:
    """The same, in PostgreSQL's tsquery language: 'walk:* & 4:*'."""
    return " & ".join(f"{word}:*" for word in words(typed))


def text_matches(
    engine: Engine, typed: str, id_column: Any, columns: list[Any]
) -> ColumnElement[bool]:
    """A condition on ``id_column`` for items whose title or text contains what was typed."""
    if not words(typed):
        return or_(*(column.contains(typed, autoescape=True) for column in columns))
    if engine.dialect.name == "sqlite":
        ids = (
            select(text("rowid"))
            .select_from(text(SEARCH_TABLE))
            .where(
                text(f"{SEARCH_TABLE} MATCH :fts_query").bindparams(
                    fts_query=match_expression(typed)
                )
            )
        )
        return id_column.in_(ids)
    # PostgreSQL, the other engine hsdesk runs on
    joined = " || ' ' || ".join(f"{c.table.name}.{c.name}" for c in columns)
    found = text(
        f"to_tsvector('simple'::regconfig, {joined}) @@ "
        "to_tsquery('simple'::regconfig, :words_query)"
    ).bindparams(words_query=server_query(typed))
    return cast("ColumnElement[bool]", found)
