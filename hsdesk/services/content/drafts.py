"""Writing and editing drafts, and submitting them for approval."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Channel,
    ContentChannel,
    ContentItem,
    ContentPhoto,
    Photo,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    ContentState,
    Decision,
)
from hsdesk.domain.content_actions import ItemAction, may
from hsdesk.domain.content_records import (
    ContentDetails,
    ContentInput,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.content.items import (
    MAX_BODY,
    MAX_TITLE,
    add_event,
    current_hash,
    details_of,
    facts_of,
    load_item,
    refresh_flags,
)
from hsdesk.services.platform.auth import require


def _clean(session: Session, data: ContentInput) -> ContentInput:
    title = " ".join(data.title.split())
    if not title:
        raise ValidationError("Give the item a title, so it can be found in the lists.")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"The title is too long; keep it under {MAX_TITLE} characters.")
    if len(data.body) > MAX_BODY:
        raise ValidationError(f"The text is too long; keep it under {MAX_BODY:,} characters.")
    channel_ids = tuple(dict.fromkeys(data.channel_ids))
    if channel_ids:
        found = {
            c.id: c
            for c in session.execute(select(Channel).where(Channel.id.in_(channel_ids))).scalars()
        }
        missing = [i for i in channel_ids if i not in found]
        if missing:
            raise ValidationError("One of the chosen channels is no longer in the register.")
        retired = [found[i].name for i in channel_ids if not found[i].active]
        if retired:
            raise ValidationError(
                f"{', '.join(retired)} is no longer used by the scheme. Untick it, or an "
                "administrator can mark it in use again in the channels register."
            )
    photo_ids = tuple(dict.fromkeys(data.photo_ids))
    if photo_ids:
        count = len(session.execute(select(Photo.id).where(Photo.id.in_(photo_ids))).all())
        if count != len(photo_ids):
            raise ValidationError("One of the attached photos is no longer in the library.")
    return ContentInput(title, data.body.strip(), channel_ids, photo_ids, data.planned_on)


def _set_links(item: ContentItem, data: ContentInput) -> None:
    item.channels = [ContentChannel(channel_id=c) for c in data.channel_ids]
    item.photos = [ContentPhoto(photo_id=p, position=n) for n, p in enumerate(data.photo_ids)]


def insert_item(
    session: Session,
    actor: Actor,
    data: ContentInput,
    at: datetime | None = None,
    copied_from: ContentItem | None = None,
) -> ContentItem:
    if actor.person_id is None:
        raise PermissionDenied("Content is written by a person: sign in with your own account.")
    stamp = at or clock.now()
    item = ContentItem(
        title=data.title,
        body=data.body,
        planned_on=data.planned_on,
        day=data.planned_on or stamp.date(),
        author_id=actor.person_id,
        state=ContentState.DRAFT,
        content_hash="",
        created_at=stamp,
        updated_at=stamp,
        copied_from_id=copied_from.id if copied_from else None,
    )
    session.add(item)
    _set_links(item, data)
    session.flush()
    session.refresh(item)
    item.content_hash = current_hash(item)
    comment = f"Copied from item {copied_from.id}" if copied_from else ""
    add_event(session, actor, item, "created", f"Wrote '{item.title}' (draft)", comment, at=at)
    return item


def update_item(
    session: Session,
    actor: Actor,
    item: ContentItem,
    data: ContentInput,
    at: datetime | None = None,
) -> None:
    may(actor, ItemAction.EDIT, facts_of(item)).enforce()
    before = item.content_hash
    was = item.state
    item.title, item.body, item.planned_on = data.title, data.body, data.planned_on
    item.day = data.planned_on or item.created_at.date()
    _set_links(item, data)
    session.flush()
    session.refresh(item)
    item.content_hash = current_hash(item)
    item.updated_at = at or clock.now()
    if item.content_hash == before:
        return
    add_event(session, actor, item, "edited", f"Changed '{item.title}'", at=at)
    if was in (ContentState.SUBMITTED, ContentState.APPROVED):
        for decision in item.decisions:
            if decision.decision is Decision.APPROVE and decision.voided_at is None:
                decision.voided_at = item.updated_at
        item.state = ContentState.DRAFT
        item.submitted_at = None
        if was is ContentState.APPROVED:
            add_event(
                session,
                actor,
                item,
                "approval_voided",
                f"Approval of '{item.title}' voided by an edit",
                "The text, channels or photos changed after approval, so it must be approved "
                "again.",
                at=item.updated_at,
            )
    refresh_flags(item)


def _check_planned(planned_on: date | None, before: date | None) -> None:
    """A planned date is set for today or later; one that has passed is kept as it was."""
    today = clock.today()
    if planned_on is not None and planned_on != before and planned_on < today:
        raise ValidationError(
            f"The planned date {format_date(planned_on)} has passed. Plan the item for today "
            f"({format_date(today)}) or later, or leave the date empty."
        )


def save_item(
    db: Database, actor: Actor, data: ContentInput, item_id: int | None = None
) -> ContentDetails:
    """Write a new draft, or change one (a change to approved content voids the approval)."""
    require(db, actor, Permission.WRITE_CONTENT)
    with db.write() as session:
        clean = _clean(session, data)
        item = None if item_id is None else load_item(session, item_id)
        _check_planned(clean.planned_on, item.planned_on if item else None)
        if item is None:
            item = insert_item(session, actor, clean)
        else:
            update_item(session, actor, item, clean)
        return details_of(session, load_item(session, item.id), clock.today())


def submit(db: Database, actor: Actor, item_id: int) -> ContentDetails:
    require(db, actor, Permission.WRITE_CONTENT)
    with db.write() as session:
        item = load_item(session, item_id)
        submit_item(session, actor, item)
        return details_of(session, item, clock.today())


def submit_item(
    session: Session, actor: Actor, item: ContentItem, at: datetime | None = None
) -> None:
    may(actor, ItemAction.SUBMIT, facts_of(item)).enforce()
    if not item.body.strip():
        raise ValidationError("Write the text to post before submitting it for approval.")
    if not item.channels:
        raise ValidationError("Choose at least one channel the item is to go on.")
    item.state = ContentState.SUBMITTED
    item.submitted_at = item.updated_at = at or clock.now()
    add_event(session, actor, item, "submitted", f"Submitted '{item.title}' for approval", at=at)
    refresh_flags(item)
