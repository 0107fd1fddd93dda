"""The Volunteer Development Officer's record of an upload: the approved text, consent checked
again, never by the approver."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Channel,
    ContentDecision,
    ContentItem,
    Publication,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    ContentState,
)
from hsdesk.domain.content_actions import ItemAction, may
from hsdesk.domain.content_records import (
    ContentDetails,
    SignOff,
)
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import ValidationError
from hsdesk.services.content.items import (
    add_event,
    current_approval,
    current_hash,
    details_of,
    facts_of,
    item_problems,
    load_item,
    refresh_flags,
    two_person_rule,
)
from hsdesk.services.platform.auth import Signer, verify_signoff


def check_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise ValidationError(
            "Type the address of the post: copy it from the browser's address bar (it starts "
            "with https://)."
        )
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise ValidationError(
            f"'{url}' is not the address of the post. Copy it from the browser's address bar "
            "(it starts with https://)."
        )
    return url


def upload(
    db: Database,
    actor: Actor,
    item_id: int,
    channel_id: int,
    url: str,
    posted_at: datetime,
    sign: SignOff,
    at: datetime | None = None,
) -> ContentDetails:
    """The Volunteer Development Officer's signed record that an approved item went online."""
    stamp = at or clock.now()
    url = check_url(url)
    if posted_at > stamp:
        raise ValidationError(
            f"The time posted ({format_datetime(posted_at)}) is in the future. Record an upload "
            "once it has happened."
        )
    with db.write() as session:
        item = load_item(session, item_id)
        may(actor, ItemAction.UPLOAD, facts_of(item)).enforce()
        approval, channel = check_upload(session, item, channel_id, posted_at, stamp.date())
        signer = verify_signoff(session, sign.username, sign.password, Office.VDO, posted_at.date())
        two_person_rule(
            session,
            signer,
            frozenset({approval.signer_id}),
            "approved this item, so cannot also record its upload: approval and upload are done "
            "by two different people",
            posted_at.date(),
        )
        record_upload(session, actor, item, channel, signer, approval, url, posted_at, stamp)
        return details_of(session, item, stamp.date())


def check_upload(
    session: Session, item: ContentItem, channel_id: int, posted_at: datetime, day: date
) -> tuple[ContentDecision, Channel]:
    approval = current_approval(item)
    if approval is None:
        raise ValidationError(
            f"'{item.title}' has no approval in force: only content the Scheme Development "
            "Manager approved can be uploaded."
        )
    if approval.content_hash != current_hash(item):
        raise ValidationError(
            f"'{item.title}' changed after it was approved, so the approval no longer holds. "
            "It needs approving again before upload."
        )
    channel = next((c.channel for c in item.channels if c.channel_id == channel_id), None)
    if channel is None:
        raise ValidationError(
            "That channel was not approved for this item. Upload only to the channels approved."
        )
    if any(p.channel_id == channel_id for p in item.publications):
        raise ValidationError(f"'{item.title}' has already been uploaded to {channel.name}.")
    # The time posted is typed to the minute: the minute of the approval itself is after it.
    if posted_at < approval.decided_at.replace(second=0, microsecond=0):
        raise ValidationError(
            f"The time posted is before the approval ({format_datetime(approval.decided_at)}). "
            "Content goes online only after it is approved."
        )
    problems = item_problems(session, item, day, {channel.id})
    if problems:
        raise ValidationError(
            "Do not upload: consent has changed since approval. "
            f"{'; '.join(problems)}. Remove the photo (the item then needs approving again) "
            "or record the renewed consent."
        )
    return approval, channel


def record_upload(
    session: Session,
    actor: Actor,
    item: ContentItem,
    channel: Channel,
    signer: Signer,
    approval: ContentDecision,
    url: str,
    posted_at: datetime,
    at: datetime | None = None,
) -> Publication:
    stamp = at or clock.now()
    row = Publication(
        item_id=item.id,
        channel_id=channel.id,
        decision_id=approval.id,
        url=url,
        posted_at=posted_at,
        uploader_id=signer.person_id,
        uploader_name=signer.name,
        uploader_acting=signer.acting,
        signed_in_user=actor.username,
        recorded_at=stamp,
    )
    session.add(row)
    item.state = ContentState.PUBLISHED
    item.updated_at = stamp
    session.flush()
    session.refresh(item)
    add_event(
        session,
        actor,
        item,
        "published",
        f"{signer.name} (VDO) uploaded '{item.title}' to {channel.name} on "
        f"{format_datetime(posted_at)}",
        f"{channel.name}: {url}",
        signer,
        stamp,
        {"channel": channel.id, "url": url, "posted_at": posted_at.isoformat()},
    )
    refresh_flags(item)
    return row
