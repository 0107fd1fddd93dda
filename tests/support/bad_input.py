"""What the bad-input property tests share: fixed examples, strategies for anything a keyboard can
deliver, and the rule that a refusal explains itself and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from hsdesk.db.base import Base
from hsdesk.db.engine import Database
from hsdesk.domain.errors import HsdeskError, ValidationError

# The same examples on every run (CI must not land or fail by chance); explore more by hand with
# `pytest tests/services/test_bad_input.py --hypothesis-seed=N` and a larger max_examples.
EXAMPLES = settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Anything a keyboard, a paste or a file can deliver: every code point (control characters,
# NUL, half of a surrogate pair), combining marks, right-to-left and invisible marks, LIKE's
# wildcards, and now and then one character pattern repeated up to 100,000 times.
_awkward = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "\u0301", "\u202e", "\ufeff", "\u200b", "²", "%", "_", "\\"]
)
_any_character = st.one_of(
    st.characters(exclude_categories=()),  # surrogates too, which st.text leaves out
    st.characters(categories=("Mn", "Me")),  # combining marks
    _awkward,
)


def _repeated(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


long_texts = st.builds(
    _repeated, st.text(_any_character, min_size=1, max_size=4), st.integers(1_000, 100_000)
)
texts = st.one_of(st.text(_any_character, max_size=400), long_texts)
short_texts = st.one_of(st.text(_any_character, max_size=120), long_texts)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
optional_dates = st.none() | dates
numbers = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def one_line(value: str) -> str:
    """How a one-line field (a title) is kept: runs of spaces, tabs and line breaks become one
    space; the documented normalisation, not a loss."""
    return " ".join(value.split())


def _snapshot(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        } | {"audit": session.scalar(text("SELECT coalesce(max(seq), 0) FROM audit_entry"))}


def attempt(
    db: Database,
    call: Callable[[], Any],
    check: Callable[[Any], None],
    refusals: tuple[type[HsdeskError], ...] = (ValidationError,),
) -> None:
    """Run ``call``: a refusal must be one of ``refusals`` (hsdesk's own, a ValidationError
    unless said), with words, and change nothing; a success is handed to ``check`` to read the
    values back."""
    before = _snapshot(db)
    try:
        result = call()
    except refusals as exc:
        assert str(exc).strip(), "a refusal without a message"
        assert _snapshot(db) == before, "a refused input left part of itself behind"
        return
    check(result)


def assert_equal(found: object, expected: object) -> None:
    assert found == expected
