"""What the content workflow puts on the Dashboard: takedowns first, then approvals waiting,
approved items blocked by consent since, and approved items not yet uploaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import ContentChannel, ContentItem, ContentPhoto, Person, Photo, PhotoSubject
from hsdesk.domain import clock
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.content import ContentState
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.records import AttentionItem
from hsdesk.services.content.items import channel_refs, item_problems
from hsdesk.services.content.takedowns import open_takedowns
from hsdesk.services.photos.clearance import photo_records

AREA = Area.CONTENT


def _age(since: datetime, moment: datetime) -> str:
    hours = int((moment - since).total_seconds() // 3600)
    if hours < 24:
        return f"{max(hours, 0)} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True, slots=True)
class Waiting:
    id: int
    title: str
    author: str
    submitted_at: datetime
    waiting: str


def waiting_for_approval(session: Session, day: date) -> list[Waiting]:
    moment = clock.moment_on(day)
    rows = session.execute(
        select(
            ContentItem.id,
            ContentItem.title,
            Person.first_name,
            Person.last_name,
            ContentItem.submitted_at,
            ContentItem.updated_at,
        )
        .join(Person, Person.id == ContentItem.author_id)
        .where(ContentItem.state == ContentState.SUBMITTED)
        .order_by(ContentItem.submitted_at)
    )
    out = []
    for item_id, title, first, last, submitted, updated in rows:
        since = submitted or updated
        out.append(Waiting(item_id, title, f"{first} {last}".strip(), since, _age(since, moment)))
    return out


def approvals_waiting(db: Database, today: date | None = None) -> list[Waiting]:
    with db.read() as session:
        return waiting_for_approval(session, today or clock.today())


def takedown_items(session: Session, day: date) -> list[AttentionItem]:
    moment = clock.moment_on(day)
    tasks = open_takedowns(session)
    if not tasks:
        return []
    overdue = [t for t in tasks if t.overdue(moment)]
    lines = [
        f"'{t.item_title}' from {t.channels or 'where it is online'} — {t.reason.label.lower()}, "
        f"asked for {format_datetime(t.raised_at)}{' (OVERDUE)' if t.overdue(moment) else ''}"
        for t in tasks
    ]
    count = len(tasks)
    late = f", {len(overdue)} overdue" if overdue else ""
    return [
        AttentionItem(
            "urgent",
            f"Take down now: {count} item{'s' if count != 1 else ''} online{late}",
            f"{listed(lines)}. Take them down at once, then record it done in Content → "
            "Takedowns (takedowns are overdue after 24 hours).",
            AREA,
        )
    ]


def awaiting_approval_items(session: Session, day: date) -> list[AttentionItem]:
    waiting = waiting_for_approval(session, day)
    if not waiting:
        return []
    lines = [f"'{w.title}' by {w.author}, waiting {w.waiting}" for w in waiting]
    count = len(waiting)
    return [
        AttentionItem(
            "warning",
            f"{count} item{'s' if count != 1 else ''} awaiting approval",
            f"{listed(lines)}. The Scheme Development Manager approves them in Content → "
            "Awaiting my approval.",
            AREA,
        )
    ]


def approved_items(session: Session, day: date) -> list[AttentionItem]:
    # Every approved item waiting, with what is needed here, in a few queries however many;
    # and the consent of everyone pictured in any of them worked out once.
    waiting_items = (
        session.execute(
            select(ContentItem)
            .where(ContentItem.waiting_channels > 0, ContentItem.open_takedown.is_(False))
            .order_by(ContentItem.id)
            .options(
                selectinload(ContentItem.channels).selectinload(ContentChannel.channel),
                selectinload(ContentItem.publications),
                selectinload(ContentItem.photos)
                .selectinload(ContentPhoto.photo)
                .selectinload(Photo.subjects)
                .selectinload(PhotoSubject.person),
            )
        )
        .scalars()
        .all()
    )
    photos = {cp.photo.id: cp.photo for item in waiting_items for cp in item.photos}
    records = dict(zip(photos, photo_records(session, list(photos.values()), day), strict=True))
    blocked, ready = [], []
    for item in waiting_items:
        posted = {p.channel_id for p in item.publications}
        waiting = {c.channel_id for c in item.channels} - posted
        problems = item_problems(session, item, day, waiting, records)
        if problems:
            blocked.append(f"'{item.title}' ({'; '.join(problems)})")
        else:
            names = ", ".join(c.name for c in channel_refs(item, waiting))
            ready.append(f"'{item.title}' to {names}")
    items = []
    if blocked:
        items.append(
            AttentionItem(
                "warning",
                f"{len(blocked)} approved item{'s' if len(blocked) != 1 else ''} now blocked "
                "by consent",
                f"Consent changed after approval: {listed(blocked)}. Do not upload these; "
                "remove the photo (it then needs approving again) or record renewed consent.",
                AREA,
            )
        )
    if ready:
        items.append(
            AttentionItem(
                "info",
                f"{len(ready)} approved item{'s' if len(ready) != 1 else ''} not yet uploaded",
                f"{listed(ready)}. The Volunteer Development Officer uploads them and records "
                "it in Content → Ready to upload.",
                AREA,
            )
        )
    return items
