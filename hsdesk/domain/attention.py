"""The Dashboard's vocabulary: the areas of the app an item sends you to, and how items are
ordered and summarised. Services name an :class:`Area`; the window maps each to its tab."""

from __future__ import annotations

from enum import StrEnum


class Area(StrEnum):
    """A part of the app, named as its tab is (``status --json`` shows these names)."""

    DASHBOARD = "Dashboard"
    PEOPLE = "People"
    PHOTOS = "Photos"
    CONTENT = "Content"
    POLICY = "Policy"
    INDUCTIONS = "Inductions"
    REVIEWS = "Reviews"
    REGISTERS = "Registers"


SEVERITY_ORDER = {"urgent": 0, "warning": 1, "info": 2}
# Within a severity: complaints awaiting a private reply first (the policy asks for an immediate
# private reply), then takedown work, then governance, then the register's housekeeping.
AREA_ORDER = {
    Area.REGISTERS: -1,
    Area.CONTENT: 0,
    Area.PHOTOS: 1,
    Area.POLICY: 2,
    Area.INDUCTIONS: 3,
    Area.REVIEWS: 4,
    Area.PEOPLE: 5,
}
LISTED = 5  # how many examples a Dashboard line names before "and N more"


def listed(lines: list[str], total: int | None = None) -> str:
    """The first few lines joined for a Dashboard item's detail, then how many more (of
    ``total``, when only the first few lines were made)."""
    count = len(lines) if total is None else total
    shown = "; ".join(lines[:LISTED])
    return shown + (f"; and {count - LISTED} more" if count > LISTED else "")


def importance(severity: str, area: Area) -> tuple[int, int]:
    """Sort key: the most urgent first, then by area as above."""
    return SEVERITY_ORDER.get(severity, 9), AREA_ORDER.get(area, 9)
