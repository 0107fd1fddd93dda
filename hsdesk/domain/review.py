"""Quarterly review rules: quarters under either numbering, when each review is due,
its status, item results and what sign-off needs. Pure: no database, no Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hsdesk.domain.errors import ValidationError

DEFAULT_DUE_DAYS = 30  # a quarter's review is due this many days after the quarter ends
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class QuarterScheme(StrEnum):
    """How quarters are numbered. The periods are the same three-month blocks either way
    (January, April, July, October); only their names differ."""

    CALENDAR = "calendar"
    FINANCIAL = "financial"  # the year runs from 1 April: Q1 is April to June

    @property
    def label(self) -> str:
        return _SCHEME_LABELS[self]


_SCHEME_LABELS = {
    QuarterScheme.CALENDAR: "Calendar year (Q1 is January to March)",
    QuarterScheme.FINANCIAL: "Financial year from April (Q1 is April to June)",
}


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """Three months from ``start`` (always the 1st of January, April, July or October)."""

    start: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.start.month not in (1, 4, 7, 10):
            raise ValueError(f"{self.start} does not start a quarter")

    @property
    def end(self) -> date:
        return self.next.start - timedelta(days=1)

    @property
    def next(self) -> Quarter:
        month = self.start.month + 3
        year = self.start.year + (month > 12)
        return Quarter(date(year, (month - 1) % 12 + 1, 1))

    @property
    def previous(self) -> Quarter:
        month = self.start.month - 3
        year = self.start.year - (month < 1)
        return Quarter(date(year, (month - 1) % 12 + 1, 1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def number(self, scheme: QuarterScheme) -> int:
        calendar = (self.start.month - 1) // 3 + 1
        return calendar if scheme is QuarterScheme.CALENDAR else (calendar + 2) % 4 + 1

    def year(self, scheme: QuarterScheme) -> int:
        """The year the quarter is counted in: the financial year is named by its April."""
        if scheme is QuarterScheme.FINANCIAL and self.start.month < 4:
            return self.start.year - 1
        return self.start.year

    def key(self, scheme: QuarterScheme) -> str:
        """The short name typed at the command line, e.g. 2026Q3."""
        return f"{self.year(scheme)}Q{self.number(scheme)}"

    def name(self, scheme: QuarterScheme) -> str:
        """e.g. "Q3 2026", or "Q3 2026/27" for financial years."""
        year = self.year(scheme)
        if scheme is QuarterScheme.FINANCIAL:
            return f"Q{self.number(scheme)} {year}/{(year + 1) % 100:02d}"
        return f"Q{self.number(scheme)} {year}"

    @property
    def months(self) -> str:
        """e.g. "July to September 2026"."""
        return f"{MONTHS[self.start.month - 1]} to {MONTHS[self.end.month - 1]} {self.end.year}"

    def title(self, scheme: QuarterScheme) -> str:
        return f"{self.name(scheme)} ({self.months})"


def quarter_of(day: date) -> Quarter:
    return Quarter(date(day.year, (day.month - 1) // 3 * 3 + 1, 1))


_KEY = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


def parse_quarter(text: str, scheme: QuarterScheme) -> Quarter:
    """The quarter named like 2026Q3 under the scheme's numbering."""
    found = _KEY.match(text or "")
    if not found:
        raise ValidationError(
            f"'{text}' is not a quarter. Type the year and the quarter number, e.g. 2026Q3."
        )
    year, number = int(found.group(1)), int(found.group(2))
    if not 1900 <= year <= 9998:
        raise ValidationError(f"'{text}' is not a quarter hsdesk can review: the year {year}.")
    if scheme is QuarterScheme.CALENDAR:
        return Quarter(date(year, (number - 1) * 3 + 1, 1))
    month = (number - 1) * 3 + 4  # Q1 of financial year Y starts in April of Y
    return Quarter(date(year + (month > 12), (month - 1) % 12 + 1, 1))


def due_on(quarter: Quarter, due_days: int) -> date:
    return quarter.end + timedelta(days=due_days)


def check_not_future(quarter: Quarter, today: date, scheme: QuarterScheme) -> None:
    if quarter.start > today:
        raise ValidationError(
            f"{quarter.title(scheme)} has not begun yet, so it cannot be reviewed. Choose the "
            "current quarter or an earlier one."
        )


class ReviewStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SIGNED_OFF = "signed_off"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


STATUS_COLOURS = {
    ReviewStatus.OVERDUE: "#a61b1b",
    ReviewStatus.NOT_STARTED: "#5b6170",
    ReviewStatus.IN_PROGRESS: "#8a5a00",
    ReviewStatus.SIGNED_OFF: "#1d6b32",
}


def review_status(started: bool, signed: bool, due: date, today: date) -> ReviewStatus:
    if signed:
        return ReviewStatus.SIGNED_OFF
    if today > due:
        return ReviewStatus.OVERDUE
    return ReviewStatus.IN_PROGRESS if started else ReviewStatus.NOT_STARTED


class ItemResult(StrEnum):
    PASS = "pass"
    ISSUE = "issue"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _RESULT_LABELS[self]


_RESULT_LABELS = {
    ItemResult.PASS: "Pass",
    ItemResult.ISSUE: "Issue found",
    ItemResult.NOT_APPLICABLE: "Not applicable",
}

RESULT_COLOURS = {
    ItemResult.PASS: "#1d6b32",
    ItemResult.ISSUE: "#a61b1b",
    ItemResult.NOT_APPLICABLE: "#5b6170",
}


class AutoCheck(StrEnum):
    """Items hsdesk answers itself from its own records."""

    PHOTO_CONSENT = "photo_consent"  # 1.4: every photo published had consent
    INDUCTIONS = "inductions"  # 2.9, 3.7: new people inducted
    PRIVACY = "privacy"  # 1.3: not answered, but shows the agreed settings beside the item
    COMPLAINTS = "complaints"  # 1.7: not answered, but lists the quarter's complaints


def answered_from_records(auto: AutoCheck | None) -> bool:
    """Items whose result hsdesk sets from its records; the reviewer adds notes and actions."""
    return auto in (AutoCheck.PHOTO_CONSENT, AutoCheck.INDUCTIONS)


@dataclass(frozen=True, slots=True)
class ItemState:
    """Just enough of an item to judge sign-off."""

    label: str
    result: ItemResult | None
    has_note: bool
    has_action: bool


def signoff_problems(items: list[ItemState]) -> list[str]:
    """Why a review cannot be signed off yet, one line each; empty when it can."""
    problems = [f"{i.label}: not answered" for i in items if i.result is None]
    problems += [
        f"{i.label}: an issue was found but there is no note or action"
        for i in items
        if i.result is ItemResult.ISSUE and not (i.has_note or i.has_action)
    ]
    return problems
