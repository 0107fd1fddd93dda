"""en-GB dates: shown and typed as dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime

from hsdesk.domain.errors import ValidationError

DATE_FORMAT = "%d/%m/%Y"
QT_DATE_FORMAT = "dd/MM/yyyy"


def format_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime(f"{DATE_FORMAT} %H:%M") if value else ""


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
        f"{field} '{text}' is not a date. Type it as dd/mm/yyyy, e.g. 24/11/2026."
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
    raise ValidationError(
        f"{field} '{text}' is not a date and time. Type it as dd/mm/yyyy hh:mm, e.g. "
        "24/11/2026 09:30."
    )
