"""Frozen records of channels and content items, as the fronts see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.content import (
    TAKEDOWN_HOURS,
    ChannelRef,
    ContentState,
    Decision,
    Platform,
    TakedownReason,
)
from hsdesk.domain.content_actions import ItemFacts
from hsdesk.domain.photo_records import PhotoRecord


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    id: int
    text: str
    agreed_on: date
    minute_ref: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ChannelRecord:
    id: int
    name: str
    platform: Platform
    scope: ConsentScope
    url: str
    active: bool
    notes: str
    history: tuple[PrivacySettings, ...] = ()  # oldest first

    @property
    def settings(self) -> PrivacySettings | None:
        """The settings in force: the latest the trustees agreed."""
        return self.history[-1] if self.history else None

    @property
    def ref(self) -> ChannelRef:
        return ChannelRef(self.id, self.name, self.scope)


@dataclass(frozen=True, slots=True)
class ChannelInput:
    name: str
    platform: Platform
    scope: ConsentScope
    url: str = ""
    active: bool = True
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SettingsInput:
    text: str
    agreed_on: date
    minute_ref: str


@dataclass(frozen=True, slots=True)
class ContentInput:
    """What the content editor supplies."""

    title: str
    body: str
    channel_ids: tuple[int, ...] = ()
    photo_ids: tuple[int, ...] = ()
    planned_on: date | None = None


@dataclass(frozen=True, slots=True)
class SignOff:
    """A signer's own username and password, typed at the PC whoever is signed in."""

    username: str
    password: str


class Queue(StrEnum):
    AWAITING = "awaiting"
    READY = "ready"
    TAKEDOWNS = "takedowns"
    MY_DRAFTS = "my_drafts"
    ALL = "all"

    @property
    def label(self) -> str:
        return _QUEUE_LABELS[self]


_QUEUE_LABELS = {
    Queue.AWAITING: "Awaiting my approval",
    Queue.READY: "Ready to upload",
    Queue.TAKEDOWNS: "Takedowns",
    Queue.MY_DRAFTS: "My drafts",
    Queue.ALL: "All content",
}


class SortKey(StrEnum):
    ID = "id"
    TITLE = "title"
    STATE = "state"
    AUTHOR = "author"
    DAY = "day"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class ContentQuery:
    """Which items a list shows, and in what order."""

    queue: Queue = Queue.ALL
    state: ContentState | None = None
    channel_id: int | None = None
    author_id: int | None = None
    day_from: date | None = None
    day_to: date | None = None
    text: str = ""
    sort: SortKey = SortKey.UPDATED
    descending: bool = True


@dataclass(frozen=True, slots=True)
class ContentRow:
    """One line of a content list (read a page at a time)."""

    id: int
    title: str
    state: ContentState
    author: str
    day: date
    updated_at: datetime
    channels: str
    open_takedown: bool
    waiting_channels: int


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: int
    decision: Decision
    signer_name: str
    signer_acting: bool
    decided_at: datetime
    reason: str
    checklist: dict[str, bool]
    content_hash: str
    voided_at: datetime | None


@dataclass(frozen=True, slots=True)
class PublicationRecord:
    channel_id: int
    channel_name: str
    url: str
    posted_at: datetime
    uploader_name: str
    taken_down_on: date | None


@dataclass(frozen=True, slots=True)
class TakedownRecord:
    id: int
    item_id: int
    item_title: str
    reason: TakedownReason
    details: str
    automatic: bool
    raised_at: datetime
    raised_by: str
    channels: str = ""
    done_on: date | None = None
    how: str = ""
    done_by: str = ""

    @property
    def open(self) -> bool:
        return self.done_on is None

    def overdue(self, now: datetime) -> bool:
        return self.open and now - self.raised_at > timedelta(hours=TAKEDOWN_HOURS)


@dataclass(frozen=True, slots=True)
class EventRecord:
    at: datetime
    kind: str
    who: str
    signer: str | None
    actor: str
    comment: str

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())


EVENT_LABELS = {
    "created": "Written",
    "edited": "Changed",
    "submitted": "Submitted for approval",
    "approve": "Approved",
    "changes_requested": "Changes requested",
    "reject": "Rejected",
    "approval_voided": "Approval voided",
    "published": "Uploaded",
    "takedown_requested": "Takedown needed",
    "taken_down": "Taken down",
    "corrected": "Correction written",
}


@dataclass(frozen=True, slots=True)
class ContentDetails:
    id: int
    title: str
    body: str
    planned_on: date | None
    state: ContentState
    author_id: int
    author_name: str
    created_at: datetime
    updated_at: datetime
    content_hash: str
    channels: tuple[ChannelRef, ...]
    photos: tuple[PhotoRecord, ...]
    decisions: tuple[DecisionRecord, ...]
    publications: tuple[PublicationRecord, ...]
    takedowns: tuple[TakedownRecord, ...]
    events: tuple[EventRecord, ...]
    problems: tuple[str, ...] = ()  # why the photos may not go on the channels today
    contributors: frozenset[int] = field(default_factory=frozenset)
    copied_from_id: int | None = None

    @property
    def approval(self) -> DecisionRecord | None:
        """The approval in force: the latest, unless an edit voided it."""
        for decision in reversed(self.decisions):
            if decision.decision is Decision.APPROVE and decision.voided_at is None:
                return decision
        return None

    @property
    def open_takedowns(self) -> tuple[TakedownRecord, ...]:
        return tuple(t for t in self.takedowns if t.open)

    @property
    def unpublished(self) -> tuple[ChannelRef, ...]:
        """Target channels it has not been uploaded to yet."""
        done = {p.channel_id for p in self.publications}
        return tuple(c for c in self.channels if c.id not in done)

    @property
    def live(self) -> tuple[PublicationRecord, ...]:
        return tuple(p for p in self.publications if p.taken_down_on is None)

    @property
    def facts(self) -> ItemFacts:
        """What the rules of :func:`hsdesk.domain.content_actions.may` read."""
        return ItemFacts(
            self.title,
            self.state,
            bool(self.live),
            bool(self.unpublished),
            bool(self.open_takedowns),
        )
