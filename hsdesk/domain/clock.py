"""The one clock: every "now" and "today" in hsdesk comes from here, so tests can set it.

In normal use it is the computer's local time. Tests stop it at a moment of their choosing with
:func:`freeze`, and ``HSDESK_NOW`` (an ISO date and time) stops it in the processes they start, so
no test depends on the hour it runs, and date rules can be tried at midnight or on 29 February.
"""

from __future__ import annotations

import os
from datetime import date, datetime

NOW_VARIABLE = "HSDESK_NOW"


def _from_environment() -> datetime | None:
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        return None


_frozen = _from_environment()


def now() -> datetime:
    """Local time now, to the second (what hsdesk stores and shows)."""
    return _frozen if _frozen is not None else datetime.now().replace(microsecond=0)


def today() -> date:
    return now().date()


def moment_on(day: date) -> datetime:
    """The time ages are measured at for a list made for ``day``: now's time of day on it."""
    return datetime.combine(day, now().time())


def freeze(moment: datetime) -> None:
    """Stop the clock at ``moment`` until it is frozen again or reset."""
    global _frozen
    _frozen = moment.replace(microsecond=0)


def frozen() -> datetime | None:
    """The moment the clock is stopped at, or None when it runs with the computer's."""
    return _frozen


def reset() -> None:
    """Back to the computer's own time."""
    global _frozen
    _frozen = None
