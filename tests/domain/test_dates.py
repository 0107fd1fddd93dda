"""Dates are typed as dd/mm/yyyy; a date typed in that form that does not exist says why, not
that it should be typed in the form it is already in."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hsdesk.domain.dates import parse_date, parse_datetime
from hsdesk.domain.errors import ValidationError


def refusal(parse, text: str) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        parse(text, "Planned date")
    return str(refused.value)


def test_dates_in_either_form_are_read():
    assert parse_date("24/11/2026") == date(2026, 11, 24)
    assert parse_date(" 2026-11-24 ") == date(2026, 11, 24)
    assert parse_date("") is None
    assert parse_datetime("24/11/2026  09:30") == datetime(2026, 11, 24, 9, 30)


def test_a_day_the_month_does_not_have_is_explained():
    message = refusal(parse_date, "31/02/2026")
    assert message == (
        "Planned date '31/02/2026': February 2026 has 28 days, so there is no day 31."
    )
    assert "has 29 days" in refusal(parse_date, "30/02/2028")  # a leap year
    assert "no day 31" in refusal(parse_datetime, "31/04/2026 10:00")


def test_month_and_day_swapped_says_which_comes_first():
    message = refusal(parse_date, "11/24/2026")
    assert "no month 24" in message and "the day first" in message


def test_a_time_past_the_day_is_explained():
    assert "25:00 is not a time of day" in refusal(parse_datetime, "24/11/2026 25:00")


def test_text_that_is_no_date_at_all_shows_the_form():
    assert "Type it as dd/mm/yyyy" in refusal(parse_date, "next Tuesday")
    assert "Type it as dd/mm/yyyy hh:mm" in refusal(parse_datetime, "24/11/2026")
