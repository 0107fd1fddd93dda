"""en-GB dates: shown and typed as dd/mm/yyyy."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from hsdesk.domain.errors import ValidationError

DATE_FORMAT = "%d/%m/%Y"
QT_DATE_FORMAT = "dd/MM/yyyy"


def format_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime(f"{DATE_FORMAT} %H:%M") if value else ""


_SHAPED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _no_such_day(text: str, field: str) -> str | None:
    """Why ``text``, typed as dd/mm/yyyy, is no date (the 31st of a short month, month 13);
    None if it is a date or not in that shape."""
    shaped = _SHAPED.fullmatch(text)
    if shaped is None:
        return None
    day, month, year = (int(part) for part in shaped.groups())
    if not 1 <= month <= 12:
        return (
            f"{field} '{text}' has no month {month}: type the day first, then the month "
            "(dd/mm/yyyy), e.g. 24/11/2026."
        )
    if year < 1:
        return f"{field} '{text}': type the year in full, e.g. 2026."
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return (
        f"{field} '{text}': {calendar.month_name[month]} {year} has {days} days, "
        f"so there is no day {day}."
    )


def parse_date(text: str, field: str = "Date") -> date | None:
    """Parse dd/mm/yyyy (or ISO yyyy-mm-dd); empty text is no date."""
    text = text.strip()
    if not text:
        return None
    for fmt in (DATE_FORMAT, "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _no_such_day(text, field)
        or f"{field} '{text}' is not a date. Type it as dd/mm/yyyy, e.g. 24/11/2026."
    )


def parse_datetime(text: str, field: str = "Date and time") -> datetime | None:
    """Parse dd/mm/yyyy hh:mm (or ISO yyyy-mm-dd hh:mm); empty text is no time. A date on its
    own is refused: the time matters (e.g. how fast a complaint was answered)."""
    text = " ".join(text.split())
    if not text:
        return None
    for fmt in (f"{DATE_FORMAT} %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    day, _, clock_time = text.partition(" ")
    no_such_day = _no_such_day(day, field)
    if no_such_day:
        raise ValidationError(no_such_day)
    if _SHAPED.fullmatch(day) and re.fullmatch(r"\d{1,2}:\d{2}", clock_time):
        raise ValidationError(
            f"{field} '{text}': {clock_time} is not a time of day. Use the 24-hour clock, "
            "from 00:00 to 23:59."
        )
    raise ValidationError(
        f"{field} '{text}' is not a date and time. Type it as dd/mm/yyyy hh:mm, e.g. "
        "24/11/2026 09:30."
    )
