"""Content items: written, submitted, decided by the Scheme Development Manager, uploaded by the
Volunteer Development Officer (clause 1.2), with photos only where everyone pictured consented
(clause 1.4). Every rule is enforced here; the window only offers what these functions allow."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import date, datetime
from urllib.parse import urlparse

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Channel,
    ContentChannel,
    ContentDecision,
    ContentEvent,
    ContentItem,
    ContentPhoto,
    Photo,
    Publication,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    PHOTO_CHECK,
    ChannelRef,
    ContentState,
    Decision,
    checklist_gaps,
    content_hash,
    photo_problems,
)
from hsdesk.domain.content_records import (
    ContentDetails,
    ContentInput,
    DecisionRecord,
    EventRecord,
    PublicationRecord,
    SignOff,
    TakedownRecord,
)
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.photo_records import PhotoRecord
from hsdesk.services.people.offices import current_holdings
from hsdesk.services.photos.clearance import full_name, photo_records
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import Signer, require, verify_signoff

MAX_TITLE = 200
MAX_BODY = 20_000
ENTITY = "content_item"


def moment_on(day: date) -> datetime:
    """The time ages are measured at for a list made for ``day``: now, when it is today."""
    return datetime.combine(day, clock.now().time())


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
    session: Session, item: ContentItem, day: date, only: Collection[int] | None = None
) -> list[str]:
    """Whose consent is missing for the item's photos on its channels (or those in ``only``)."""
    return photo_problems(item_photos(session, item, day), channel_refs(item, only))


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
    if not item.state.editable:
        raise ValidationError(_not_editable(item))
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


def _not_editable(item: ContentItem) -> str:
    if item.state is ContentState.REJECTED:
        return (
            f"'{item.title}' was rejected, so it cannot be changed. Use 'Copy as new item' to "
            "start again from its text."
        )
    return (
        f"'{item.title}' is {item.state.label.lower()}, so it cannot be changed: what went online "
        "must stay as it was approved. Use 'Correct…' to write a corrected copy; the one online "
        "is then taken down."
    )


def save_item(
    db: Database, actor: Actor, data: ContentInput, item_id: int | None = None
) -> ContentDetails:
    """Write a new draft, or change one (a change to approved content voids the approval)."""
    require(actor, Permission.WRITE_CONTENT)
    with db.write() as session:
        clean = _clean(session, data)
        if item_id is None:
            item = insert_item(session, actor, clean)
        else:
            item = load_item(session, item_id)
            update_item(session, actor, item, clean)
        return details_of(session, load_item(session, item.id), clock.today())


def submit(db: Database, actor: Actor, item_id: int) -> ContentDetails:
    require(actor, Permission.WRITE_CONTENT)
    with db.write() as session:
        item = load_item(session, item_id)
        submit_item(session, actor, item)
        return details_of(session, item, clock.today())


def submit_item(
    session: Session, actor: Actor, item: ContentItem, at: datetime | None = None
) -> None:
    if item.state not in (ContentState.DRAFT, ContentState.CHANGES_REQUESTED):
        raise ValidationError(
            f"'{item.title}' is {item.state.label.lower()}; only a draft can be submitted."
        )
    if not item.body.strip():
        raise ValidationError("Write the text to post before submitting it for approval.")
    if not item.channels:
        raise ValidationError("Choose at least one channel the item is to go on.")
    item.state = ContentState.SUBMITTED
    item.submitted_at = item.updated_at = at or clock.now()
    add_event(session, actor, item, "submitted", f"Submitted '{item.title}' for approval", at=at)
    refresh_flags(item)


# --- the SDM's decision ------------------------------------------------------------------------


def _holders(session: Session, office: Office, day: date, excluding: frozenset[int]) -> str:
    names = [
        f"{full_name(h.person)}{' (acting)' if h.acting else ''}"
        for h in current_holdings(session, day)
        if h.office is office and h.person_id not in excluding
    ]
    return " or ".join(names)


def _two_person(
    session: Session, signer: Signer, excluded: frozenset[int], why: str, day: date
) -> None:
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


def decide(
    db: Database,
    actor: Actor,
    item_id: int,
    decision: Decision,
    sign: SignOff,
    answers: Mapping[str, bool],
    reason: str = "",
    today: date | None = None,
) -> ContentDetails:
    """The Scheme Development Manager's signed decision on a submitted item."""
    day = today or clock.today()
    with db.write() as session:
        item = load_item(session, item_id)
        if item.state is not ContentState.SUBMITTED:
            raise ValidationError(
                f"'{item.title}' is {item.state.label.lower()}, not awaiting approval; "
                "there is nothing to decide."
            )
        photos_ok = check_decision(session, item, decision, answers, reason, day)
        signer = verify_signoff(session, sign.username, sign.password, Office.SDM, day)
        _two_person(
            session,
            signer,
            contributors(item),
            "wrote or changed this item, so cannot decide on it: the approver is never the author",
            day,
        )
        record_decision(session, actor, item, signer, decision, answers, reason, photos_ok)
        return details_of(session, item, day)


def check_decision(
    session: Session,
    item: ContentItem,
    decision: Decision,
    answers: Mapping[str, bool],
    reason: str,
    day: date,
) -> bool:
    """Refuse a decision that is not complete; returns the automatic photo-consent answer."""
    problems = item_problems(session, item, day)
    if decision is not Decision.APPROVE:
        if not reason.strip():
            raise ValidationError(
                f"Say why you {decision.label.lower()}: the author needs the reason to act on it."
            )
        return not problems
    gaps = checklist_gaps(answers)
    if gaps:
        raise ValidationError(
            "Before approving, confirm every point of the checklist. Not confirmed: "
            + "; ".join(f"{g.text} ({g.clauses})" for g in gaps)
            + ". If one is not true, request changes instead."
        )
    if problems:
        raise ValidationError(
            "This item cannot be approved: not everyone pictured has consent for these channels "
            f"(policy {PHOTO_CHECK.clauses}). {'; '.join(problems)}. Remove those photos, or "
            "record the consent first."
        )
    return True


def record_decision(
    session: Session,
    actor: Actor,
    item: ContentItem,
    signer: Signer,
    decision: Decision,
    answers: Mapping[str, bool],
    reason: str,
    photos_ok: bool,
    at: datetime | None = None,
) -> ContentDecision:
    stamp = at or clock.now()
    checklist = {k: bool(v) for k, v in answers.items()} | {PHOTO_CHECK.key: photos_ok}
    row = ContentDecision(
        item_id=item.id,
        decision=decision,
        content_hash=item.content_hash,
        checklist=json.dumps(checklist, sort_keys=True),
        reason=reason.strip(),
        signer_id=signer.person_id,
        signer_name=signer.name,
        signer_acting=signer.acting,
        signed_in_user=actor.username,
        decided_at=stamp,
    )
    session.add(row)
    item.state = decision.state
    item.updated_at = stamp
    session.flush()
    session.refresh(item)
    acting = "acting " if signer.acting else ""
    add_event(
        session,
        actor,
        item,
        decision.value,
        f"{signer.name} ({acting}SDM): {decision.label.lower()} '{item.title}'",
        reason.strip(),
        signer,
        stamp,
        {"checklist": checklist, "decision_id": row.id},
    )
    refresh_flags(item)
    return row


# --- the VDO's upload --------------------------------------------------------------------------


def check_url(url: str) -> str:
    url = url.strip()
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
        approval, channel = check_upload(session, item, channel_id, posted_at, stamp.date())
        signer = verify_signoff(session, sign.username, sign.password, Office.VDO, posted_at.date())
        _two_person(
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
    if item.state not in (ContentState.APPROVED, ContentState.PUBLISHED) or approval is None:
        raise ValidationError(
            f"'{item.title}' is {item.state.label.lower()}: only content the Scheme Development "
            "Manager approved can be uploaded."
        )
    if approval.content_hash != current_hash(item):
        raise ValidationError(
            f"'{item.title}' changed after it was approved, so the approval no longer holds. "
            "It needs approving again before upload."
        )
    if item.open_takedown:
        raise ValidationError(
            f"'{item.title}' has a takedown open. Do not put it online anywhere else; take it "
            "down first."
        )
    channel = next((c.channel for c in item.channels if c.channel_id == channel_id), None)
    if channel is None:
        raise ValidationError(
            "That channel was not approved for this item. Upload only to the channels approved."
        )
    if any(p.channel_id == channel_id for p in item.publications):
        raise ValidationError(f"'{item.title}' has already been uploaded to {channel.name}.")
    if posted_at < approval.decided_at:
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
