"""The retention schedule: how long the scheme keeps each kind of record once it is no longer
needed for its purpose (UK GDPR article 5(1)(e), storage limitation), and when a record falls
due. The defaults, and where they come from, are in the README ("How long records are kept")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

YEARS = range(1, 51)  # what an administrator may set
CHILD_UNTIL_AGE = 21  # a child's records are kept at least until this birthday


@dataclass(frozen=True)
class RetentionRule:
    key: str
    title: str
    default_years: int
    after: str  # when the years start, in words
    why: str

    def setting(self) -> str:
        return f"retention_years_{self.key}"


SCHEDULE: tuple[RetentionRule, ...] = (
    RetentionRule(
        "volunteers",
        "Volunteers",
        6,
        "after they leave",
        "A claim about their time with the scheme can be brought for six years (Limitation Act "
        "1980); six years after leaving is the usual period for personnel records (CIPD).",
    ),
    RetentionRule(
        "staff",
        "Staff",
        6,
        "after they leave",
        "Six years after employment ends, for claims (Limitation Act 1980); the usual period "
        "for personnel files (CIPD).",
    ),
    RetentionRule(
        "trustees",
        "Trustees",
        6,
        "after they stand down",
        "Six years after they stand down, for the charity's governance records and claims "
        "(Limitation Act 1980).",
    ),
    RetentionRule(
        "families",
        "Families supported (parents and children)",
        6,
        "after the family's support ends",
        "Six years after support ends, for complaints and claims (Limitation Act 1980); a "
        f"child's records at least until they are {CHILD_UNTIL_AGE}, since a claim about a child "
        "can be brought until three years after they turn 18.",
    ),
    RetentionRule(
        "consents",
        "Photo consents that have ended",
        2,
        "after the consent expires or is withdrawn",
        "Long enough to show that each past use of a photo was consented to (ICO: keep a record "
        "of consent for as long as you may need to demonstrate it).",
    ),
)
RULES = {rule.key: rule for rule in SCHEDULE}


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Due:
    """A record and when its retention period ends (or ended)."""

    record: str  # "person:12", "consent:5"
    title: str  # what it is, in words ("Sandra Platt, volunteer")
    rule: str  # the RetentionRule's key
    ended: date  # when its purpose ended (they left, support ended, consent ended)
    due_on: date
    kept_until: date | None = None  # an administrator decided to keep it until then
    kept_reason: str = ""

    @property
    def kind(self) -> str:
        return self.record.split(":", 1)[0]

    @property
    def number(self) -> int:
        return int(self.record.split(":", 1)[1])

    def past(self, today: date) -> bool:
        """Past its retention date and not kept beyond today."""
        return self.due_on <= today and (self.kept_until is None or self.kept_until <= today)
