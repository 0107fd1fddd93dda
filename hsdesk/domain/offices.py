"""When an office holding counts as held."""

from __future__ import annotations

from datetime import date


def holds_on(from_date: date, to_date: date | None, day: date) -> bool:
    """A holding covers its first and last day."""
    return from_date <= day and (to_date is None or day <= to_date)
