"""Content items as the register holds them: loading with their details, the timeline, the flags
that follow from their state, and the two-person rule shared by approval and upload."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    ContentChannel,
    ContentDecision,
    ContentEvent,
    ContentItem,
    ContentPhoto,
    Publication,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    ChannelRef,
    ContentState,
    Decision,
    content_hash,
    photo_problems,
)
from hsdesk.domain.content_actions import ItemFacts
from hsdesk.domain.content_records import (
    ContentDetails,
    DecisionRecord,
    EventRecord,
    PublicationRecord,
    TakedownRecord,
)
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import NotFound, PermissionDenied, WriteConflict
from hsdesk.domain.photo_records import PhotoRecord
from hsdesk.services.people.offices import current_holdings
from hsdesk.services.people.roles import full_name
from hsdesk.services.photos.clearance import photo_records
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer

MAX_TITLE = 200
MAX_BODY = 20_000
ENTITY = "content_item"


# --- reading --------------------------------------------------------------------------------------


def items_with_details() -> Select[ContentItem]:
    """Content items with everything their details show, loaded in a few queries however many."""
    return select(ContentItem).options(
        selectinload(ContentItem.channels).selectinload(ContentChannel.channel),
        selectinload(ContentItem.photos).selectinload(ContentPhoto.photo),
        selectinload(ContentItem.decisions),
        selectinload(ContentItem.publications).selectinload(Publication.channel),
        selectinload(ContentItem.takedowns),
        selectinload(ContentItem.events),
        selectinload(ContentItem.author),
    )


def load_item(session: Session, item_id: int) -> ContentItem:
    item = session.execute(
        items_with_details().where(ContentItem.id == item_id)
    ).scalar_one_or_none()
    if item is None:
        raise NotFound(f"Content item {item_id} is no longer in the register.")
    return item


def channel_refs(item: ContentItem, only: Collection[int] | None = None) -> list[ChannelRef]:
    """The item's target channels (or those of them in ``only``), by name."""
    refs = [
        ChannelRef(c.channel.id, c.channel.name, c.channel.scope)
        for c in item.channels
        if only is None or c.channel_id in only
    ]
    return sorted(refs, key=lambda r: r.name.casefold())


def item_photos(session: Session, item: ContentItem, day: date) -> list[PhotoRecord]:
    return photo_records(session, [cp.photo for cp in item.photos], day)


def item_problems(
    session: Session,
    item: ContentItem,
    day: date,
    only: Collection[int] | None = None,
    records: Mapping[int, PhotoRecord] | None = None,
) -> list[str]:
    """Whose consent is missing for the item's photos on its channels (or those in ``only``);
    ``records``: its photos' consent already worked out (by photo id), for many items at once."""
    found = (
        item_photos(session, item, day)
        if records is None
        else [records[cp.photo.id] for cp in item.photos]
    )
    return photo_problems(found, channel_refs(item, only))


def current_hash(item: ContentItem) -> str:
    return content_hash(
        item.title,
        item.body,
        [c.channel_id for c in item.channels],
        [cp.photo.sha256 for cp in item.photos],
    )


def current_approval(item: ContentItem) -> ContentDecision | None:
    for decision in reversed(item.decisions):
        if decision.decision is Decision.APPROVE and decision.voided_at is None:
            return decision
    return None


def contributors(item: ContentItem) -> frozenset[int]:
    """Everyone who wrote or changed what the item says, where or with which photos."""
    return frozenset(
        e.person_id for e in item.events if e.kind in ("created", "edited") and e.person_id
    )


def _decision_record(d: ContentDecision) -> DecisionRecord:
    return DecisionRecord(
        id=d.id,
        decision=d.decision,
        signer_name=d.signer_name,
        signer_acting=d.signer_acting,
        decided_at=d.decided_at,
        reason=d.reason,
        checklist=json.loads(d.checklist or "{}"),
        content_hash=d.content_hash,
        voided_at=d.voided_at,
    )


def takedown_records(item: ContentItem) -> tuple[TakedownRecord, ...]:
    out = []
    for t in item.takedowns:
        covered = [p.channel.name for p in item.publications if p.takedown_id == t.id]
        live = [p.channel.name for p in item.publications if p.taken_down_on is None]
        out.append(
            TakedownRecord(
                id=t.id,
                item_id=item.id,
                item_title=item.title,
                reason=t.reason,
                details=t.details,
                automatic=t.automatic,
                raised_at=t.raised_at,
                raised_by=t.raised_by,
                channels=", ".join(covered if t.done_on else live),
                done_on=t.done_on,
                how=t.how,
                done_by=t.done_by,
            )
        )
    return tuple(out)


def details_of(session: Session, item: ContentItem, day: date) -> ContentDetails:
    refs = channel_refs(item)
    photos = item_photos(session, item, day)
    return ContentDetails(
        id=item.id,
        title=item.title,
        body=item.body,
        planned_on=item.planned_on,
        state=item.state,
        author_id=item.author_id,
        author_name=full_name(item.author),
        created_at=item.created_at,
        updated_at=item.updated_at,
        content_hash=item.content_hash,
        channels=tuple(refs),
        photos=tuple(photos),
        decisions=tuple(_decision_record(d) for d in item.decisions),
        publications=tuple(
            PublicationRecord(
                p.channel_id, p.channel.name, p.url, p.posted_at, p.uploader_name, p.taken_down_on
            )
            for p in item.publications
        ),
        takedowns=takedown_records(item),
        events=tuple(
            EventRecord(e.at, e.kind, e.who, e.signer, e.actor, e.comment) for e in item.events
        ),
        problems=tuple(photo_problems(photos, refs)),
        contributors=contributors(item),
        copied_from_id=item.copied_from_id,
    )


def get_item(db: Database, item_id: int, today: date | None = None) -> ContentDetails:
    with db.read() as session:
        return details_of(session, load_item(session, item_id), today or clock.today())


# --- the timeline and its audit entries --------------------------------------------------------


def add_event(
    session: Session,
    actor: Actor,
    item: ContentItem,
    kind: str,
    summary: str,
    comment: str = "",
    signer: Signer | None = None,
    at: datetime | None = None,
    data: dict[str, object] | None = None,
) -> None:
    """One timeline line and its audit entry (with the signer, for sign-offs), in one go."""
    person_id = signer.person_id if signer else actor.person_id
    who = signer.name if signer else actor.display_name
    item.events.append(
        ContentEvent(
            item_id=item.id,
            at=at or clock.now(),
            kind=kind,
            actor=actor.username,
            person_id=person_id,
            who=who,
            signer=signer.name if signer else None,
            comment=comment,
        )
    )
    session.flush()
    audit.record(
        session,
        actor,
        kind,
        ENTITY,
        item.id,
        summary,
        {"hash": item.content_hash, "comment": comment, **(data or {})},
        signer=signer.username if signer else None,
    )


def refresh_flags(item: ContentItem) -> None:
    """Keep the indexed queue flags in step with the item's records."""
    approval = current_approval(item)
    waiting = 0
    if item.state in (ContentState.APPROVED, ContentState.PUBLISHED) and approval is not None:
        posted = {p.channel_id for p in item.publications}
        waiting = sum(1 for c in item.channels if c.channel_id not in posted)
    item.waiting_channels = waiting
    item.open_takedown = any(t.done_on is None for t in item.takedowns)


# --- writing and editing -----------------------------------------------------------------------


# --- the SDM's decision ------------------------------------------------------------------------


# --- the VDO's upload --------------------------------------------------------------------------


def _holders(session: Session, office: Office, day: date, excluding: frozenset[int]) -> str:
    names = [
        f"{full_name(h.person)}{' (acting)' if h.acting else ''}"
        for h in current_holdings(session, day)
        if h.office is office and h.person_id not in excluding
    ]
    return " or ".join(names)


def two_person_rule(
    session: Session, signer: Signer, excluded: frozenset[int], why: str, day: date
) -> None:
    """The policy's two-person rule: refuse ``signer`` if among ``excluded`` (the item's authors,
    or its approver), naming who else can sign."""
    if signer.person_id not in excluded:
        return
    others = _holders(session, signer.office, day, excluded)
    who = (
        f"{others} can."
        if others
        else f"Ask the Chair to record an acting {signer.office.label} in People → Offices; "
        "they can then sign."
    )
    raise PermissionDenied(f"{signer.name} {why}. {who}")


def facts_of(item: ContentItem) -> ItemFacts:
    """What the rules of :func:`hsdesk.domain.content_actions.may` read of an item."""
    done = {p.channel_id for p in item.publications}
    return ItemFacts(
        item.title,
        item.state,
        any(p.taken_down_on is None for p in item.publications),
        any(c.channel_id not in done for c in item.channels),
        item.open_takedown,
    )


_DONE = {
    "approve": "approved",
    "changes_requested": "asked for changes to",
    "reject": "rejected",
    "edited": "changed",
    "approval_voided": "changed",
    "submitted": "submitted",
}


def overtaken(item: ContentItem, action: str) -> WriteConflict:
    """The refusal for someone whose screen showed the item as it was before another person's
    change (made on another PC, or a moment ago on this one): who did what, and when."""
    last = max(item.events, key=lambda e: (e.at, e.id))
    done = _DONE.get(last.kind, "changed")
    return WriteConflict(
        f"{last.who} {done} '{item.title}' at {last.at:%H:%M}, after you opened it, so you "
        f"cannot {action} what you saw; nothing was saved. The list has been refreshed: look at "
        "the item again."
    )
