"""Content approval, as pure rules: channels, item states, the approver's checklist, the
content hash an approval is bound to, and which photos stop an item going online."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hsdesk.domain.consent import ConsentScope
from hsdesk.domain.duties import Citations, D
from hsdesk.domain.photo_records import PhotoRecord

TAKEDOWN_HOURS = 24  # the policy / consent: "immediately"; after this an open takedown is overdue


class Platform(StrEnum):
    WEBSITE = "website"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _PLATFORM_LABELS[self]

    @property
    def default_scope(self) -> ConsentScope:
        return ConsentScope.WEBSITE if self is Platform.WEBSITE else ConsentScope.SOCIAL_MEDIA


_PLATFORM_LABELS = {
    Platform.WEBSITE: "Website",
    Platform.FACEBOOK: "Facebook page",
    Platform.INSTAGRAM: "Instagram",
    Platform.X: "X (Twitter)",
    Platform.LINKEDIN: "LinkedIn",
    Platform.YOUTUBE: "YouTube",
    Platform.OTHER: "Other",
}
# The consent scopes a channel can need: the website, or social media.
CHANNEL_SCOPES = (ConsentScope.WEBSITE, ConsentScope.SOCIAL_MEDIA)


class ContentState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    APPROVED = "approved"
    PUBLISHED = "published"
    TAKEN_DOWN = "taken_down"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def editable(self) -> bool:
        """Whether the author may still change the text, channels or photos."""
        return self in EDITABLE


_STATE_LABELS = {
    ContentState.DRAFT: "Draft",
    ContentState.SUBMITTED: "Awaiting approval",
    ContentState.CHANGES_REQUESTED: "Changes requested",
    ContentState.REJECTED: "Rejected",
    ContentState.APPROVED: "Approved",
    ContentState.PUBLISHED: "Published",
    ContentState.TAKEN_DOWN: "Taken down",
}
EDITABLE = frozenset(
    {
        ContentState.DRAFT,
        ContentState.SUBMITTED,
        ContentState.CHANGES_REQUESTED,
        ContentState.APPROVED,
    }
)
STATE_COLOURS = {
    ContentState.SUBMITTED: "#8a5a00",
    ContentState.CHANGES_REQUESTED: "#8a5a00",
    ContentState.REJECTED: "#a61b1b",
    ContentState.APPROVED: "#1d6b2f",
    ContentState.PUBLISHED: "#1d4f91",
    ContentState.TAKEN_DOWN: "#6b6b6b",
}


class Decision(StrEnum):
    APPROVE = "approve"
    CHANGES = "changes_requested"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return {"approve": "Approve", "changes_requested": "Request changes", "reject": "Reject"}[
            self.value
        ]

    @property
    def state(self) -> ContentState:
        return {
            Decision.APPROVE: ContentState.APPROVED,
            Decision.CHANGES: ContentState.CHANGES_REQUESTED,
            Decision.REJECT: ContentState.REJECTED,
        }[self]


class TakedownReason(StrEnum):
    CONSENT = "consent"
    COMPLAINT = "complaint"
    OUT_OF_DATE = "out_of_date"
    ERROR = "error"
    CORRECTION = "correction"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    TakedownReason.CONSENT: "Consent withdrawn or ended",
    TakedownReason.COMPLAINT: "Complaint",
    TakedownReason.OUT_OF_DATE: "Out of date",
    TakedownReason.ERROR: "Posted in error",
    TakedownReason.CORRECTION: "Replaced by a correction",
}
# What a person may choose when asking for a takedown by hand (consent ones are automatic).
MANUAL_REASONS = (
    TakedownReason.COMPLAINT,
    TakedownReason.OUT_OF_DATE,
    TakedownReason.ERROR,
)


@dataclass(frozen=True, slots=True)
class CheckItem:
    key: str
    text: str
    duties: tuple[str, ...]

    def shown(self, cite: Citations) -> str:
        """The point with the clauses that state it in ``cite``'s version: "…"."""
        return f"{self.text}{cite.cited(*self.duties)}"


# The approver's checklist, taken from the Social Networking Policy (administrators may add more
# points, each citing a clause: hsdesk.services.content.checklist).
CHECKLIST = (
    CheckItem(
        "confidentiality",
        "No breach of the confidentiality or dignity of colleagues, volunteers or families",
        (D.ONLINE_PRESENCE, D.CONFIDENTIALITY),
    ),
    CheckItem(
        "equal_opportunities",
        "Consistent with the equal opportunities policy",
        (D.EQUAL_OPPORTUNITIES,),
    ),
    CheckItem("identity", "The Home-Start name and logo are used correctly", (D.IDENTITY,)),
    CheckItem(
        "families",
        "No supported family can be identified without their consent",
        (D.PHOTO_CONSENT, D.CONFIDENTIALITY),
    ),
    CheckItem("appropriate", "The content is appropriate and up to date", (D.QUARTERLY_CHECKS,)),
)
PHOTO_CHECK = CheckItem(
    "photos_consented",
    "Every person in every attached photo has consent for every target channel",
    (D.PHOTO_CONSENT,),
)


def checklist_gaps(answers: Mapping[str, bool], items: Sequence[CheckItem]) -> list[CheckItem]:
    """The checklist items the approver has not confirmed."""
    return [item for item in items if not answers.get(item.key, False)]


def content_hash(
    title: str, body: str, channel_ids: Iterable[int], photo_sha256s: Iterable[str]
) -> str:
    """The fingerprint an approval is bound to: the title and text, where it goes, which photos.

    Line endings and trailing spaces do not count; anything a reader would see does. (The planned
    date is not part of it: moving a post to another day needs no new approval.)
    """
    text = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n")).strip()
    canonical = json.dumps(
        {
            "title": title.strip(),
            "text": text,
            "channels": sorted(set(channel_ids)),
            "photos": sorted(set(photo_sha256s)),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChannelRef:
    id: int
    name: str
    scope: ConsentScope


def photo_problems(photos: Sequence[PhotoRecord], channels: Sequence[ChannelRef]) -> list[str]:
    """Why these photos may not go on these channels today, one line per photo and use.

    Empty when every person in every photo has consent for every channel's use.
    """
    problems = []
    scopes = sorted({c.scope for c in channels}, key=list(ConsentScope).index)
    for photo in photos:
        for scope in scopes:
            clearance = photo.clearance(scope)
            if not clearance.status.usable:
                names = ", ".join(c.name for c in channels if c.scope is scope)
                problems.append(f"'{photo.title}' on {names}: {'; '.join(clearance.reasons)}")
    return problems
