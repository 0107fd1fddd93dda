"""Frozen records of quarterly reviews that the services hand to the fronts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hsdesk.domain.review import (
    AutoCheck,
    ItemResult,
    Quarter,
    QuarterScheme,
    ReviewStatus,
    answered_from_records,
)
from hsdesk.domain.review_actions import ReviewFacts


@dataclass(frozen=True, slots=True)
class TemplateItem:
    id: int
    position: int
    per_channel: bool
    clauses: str  # the duties' clause numbers in the adopted version: "1.1, 1.5"
    text: str
    guidance: str
    auto: AutoCheck | None
    active: bool
    duties: tuple[str, ...] = ()

    @property
    def asked(self) -> str:
        return "For each channel" if self.per_channel else "Once for the scheme"


@dataclass(frozen=True, slots=True)
class TemplateInput:
    per_channel: bool
    clauses: str  # clause numbers of the adopted version, e.g. "1.1, 1.5"
    text: str
    guidance: str = ""


@dataclass(frozen=True, slots=True)
class QuarterRow:
    """One line of the quarters list: a quarter, whether or not its review has begun."""

    quarter: Quarter
    name: str  # under the scheme's numbering, e.g. "Q3 2026"
    key: str  # e.g. "2026Q3"
    due_on: date
    status: ReviewStatus
    review_id: int | None = None
    started_on: date | None = None
    signed_by: str = ""
    signed_on: date | None = None
    answered: int = 0
    items: int = 0
    issues: int = 0
    open_actions: int = 0

    @property
    def progress(self) -> str:
        return f"{self.answered} of {self.items} answered" if self.items else ""


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    id: int
    sha256: str
    file_name: str
    media_type: str
    added_by: str
    added_at: datetime

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    review_id: int
    raised_in: str  # the quarter's name, e.g. "Q2 2026"
    item_label: str
    what: str
    owner_id: int
    owner_name: str
    due_on: date
    done_on: date | None
    done_note: str
    done_by: str
    done_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today

    def open_at(self, moment: datetime) -> bool:
        """Was it still open at that moment (e.g. a sign-off)?"""
        return self.done_at is None or self.done_at > moment


@dataclass(frozen=True, slots=True)
class ActionInput:
    what: str
    owner_id: int
    due_on: date | None
    item_id: int | None = None


@dataclass(frozen=True, slots=True)
class ItemRecord:
    id: int
    position: int
    channel_name: str  # "" for the items asked once for the scheme
    clauses: str
    text: str
    guidance: str
    auto: AutoCheck | None
    agreed_settings: str
    found: tuple[str, ...]  # what hsdesk's own records show, for automatic items
    result: ItemResult | None
    notes: str
    answered_by: str
    answered_at: datetime | None
    evidence: tuple[EvidenceRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = ()

    @property
    def group(self) -> str:
        return self.channel_name or "The scheme"

    @property
    def label(self) -> str:
        where = f"{self.channel_name}: " if self.channel_name else ""
        return f"{where}{self.text} ({self.clauses})" if self.clauses else where + self.text

    @property
    def answered_automatically(self) -> bool:
        return answered_from_records(self.auto)


@dataclass(frozen=True, slots=True)
class ReviewDetails:
    id: int
    quarter: Quarter
    scheme: QuarterScheme
    status: ReviewStatus
    due_on: date
    template_revision: int
    started_by: str
    started_at: datetime
    checked_on: date | None
    items: tuple[ItemRecord, ...]
    carried: tuple[ActionRecord, ...]  # earlier quarters' actions, listed first
    signed_on: date | None = None
    signed_at: datetime | None = None
    signer_name: str = ""
    signer_acting: bool = False
    signed_in_user: str = ""
    signature_sha256: str | None = None
    pdf_sha256: str | None = None
    policy: str = "the policy"  # the clause asking for the review, in the version it began under

    @property
    def name(self) -> str:
        return self.quarter.name(self.scheme)

    @property
    def title(self) -> str:
        return self.quarter.title(self.scheme)

    @property
    def read_only(self) -> bool:
        return self.signed_at is not None

    @property
    def facts(self) -> ReviewFacts:
        """What the rules of :func:`hsdesk.domain.review_actions.may_review` read."""
        return ReviewFacts(self.title, True, self.signed_on if self.read_only else None)

    @property
    def signer_label(self) -> str:
        return f"{self.signer_name} ({'acting ' if self.signer_acting else ''}Vice Chair)"

    def count(self, result: ItemResult | None) -> int:
        return sum(1 for i in self.items if i.result is result)

    @property
    def summary(self) -> str:
        """e.g. "14 of 16 answered: 12 pass, 1 issue found, 1 not applicable"."""
        answered = len(self.items) - self.count(None)
        parts = [f"{self.count(r)} {r.label.lower()}" for r in ItemResult if self.count(r)]
        text = f"{answered} of {len(self.items)} answered"
        return text + (": " + ", ".join(parts) if parts else "")

    @property
    def actions(self) -> tuple[ActionRecord, ...]:
        return tuple(a for i in self.items for a in i.actions)
