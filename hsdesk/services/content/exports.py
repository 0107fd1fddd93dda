"""The content register as CSV (one row per item and channel) and the content log of a period:
what went online and what came down, for the trustees and the quarterly review."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    ContentChannel,
    ContentDecision,
    ContentItem,
    Publication,
    Takedown,
)
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import ContentState, Decision
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.progress import Steps
from hsdesk.services.content.items import current_approval
from hsdesk.services.csv_export import write_csv
from hsdesk.services.people.roles import full_name
from hsdesk.services.platform.auth import require

CSV_HEADERS = (
    "Item",
    "Title",
    "Author",
    "State",
    "Channel",
    "Planned",
    "Approved by",
    "Approved on",
    "Uploaded by",
    "Uploaded on",
    "URL",
    "Taken down on",
    "Reason",
)
LOG_HEADERS = ("When", "What", "Item", "Title", "Channel", "By", "Details")


def _items(session: Session) -> Iterator[ContentItem]:
    query = (
        select(ContentItem)
        .options(
            selectinload(ContentItem.author),
            selectinload(ContentItem.channels).selectinload(ContentChannel.channel),
            selectinload(ContentItem.decisions),
            selectinload(ContentItem.publications),
            selectinload(ContentItem.takedowns),
        )
        .order_by(ContentItem.id)
    )
    yield from session.execute(query).scalars().yield_per(500)


def _reason(item: ContentItem, takedown: Takedown | None) -> str:
    if takedown is not None:
        return f"{takedown.reason.label}: {takedown.details}"
    if item.state in (ContentState.REJECTED, ContentState.CHANGES_REQUESTED) and item.decisions:
        return item.decisions[-1].reason
    return ""


def _rows(session: Session) -> Iterator[tuple[object, ...]]:
    """The register's rows as the items are read, 500 at a time."""
    for item in _items(session):
        approval = current_approval(item)
        posted = {p.channel_id: p for p in item.publications}
        takedowns = {t.id: t for t in item.takedowns}
        links: list[ContentChannel | None] = [
            *sorted(item.channels, key=lambda c: c.channel.name.casefold())
        ]
        for link in links or [None]:
            pub = posted.get(link.channel_id) if link else None
            takedown = takedowns.get(pub.takedown_id) if pub and pub.takedown_id else None
            yield (
                item.id,
                item.title,
                full_name(item.author),
                item.state.label,
                link.channel.name if link else "",
                format_date(item.planned_on),
                approval.signer_name if approval else "",
                format_datetime(approval.decided_at) if approval else "",
                pub.uploader_name if pub else "",
                format_datetime(pub.posted_at) if pub else "",
                pub.url if pub else "",
                format_date(pub.taken_down_on) if pub else "",
                _reason(item, takedown),
            )


def _row_count(session: Session) -> int:
    """One row per item and channel; one for an item with no channel."""
    links = session.execute(select(func.count()).select_from(ContentChannel)).scalar_one()
    bare = session.execute(
        select(func.count()).select_from(ContentItem).where(~ContentItem.channels.any())
    ).scalar_one()
    return int(links) + int(bare)


def content_rows(db: Database, actor: Actor) -> list[tuple[object, ...]]:
    require(db, actor, Permission.WRITE_CONTENT)
    with db.read() as session:
        return list(_rows(session))


def export_content_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    """Write the register atomically as it is read; returns the number of rows."""
    require(db, actor, Permission.WRITE_CONTENT)
    with db.read() as session:
        total = _row_count(session)
        rows = _rows(session)
        return write_csv(target, CSV_HEADERS, rows, total=total, steps=steps)


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime
    what: str  # "Approved", "Uploaded", "Takedown asked for", "Taken down"
    item_id: int
    title: str
    channel: str
    by: str
    details: str


def content_log(db: Database, start: date, end: date) -> list[LogEntry]:
    """Everything approved, put online or taken down between two days (inclusive), in order."""
    if end < start:
        raise ValidationError(
            f"The period ends ({format_date(end)}) before it starts ({format_date(start)})."
        )
    since, until = datetime.combine(start, time.min), datetime.combine(end, time.max)
    entries: list[LogEntry] = []
    with db.read() as session:
        pubs = session.execute(
            select(Publication)
            .options(selectinload(Publication.item), selectinload(Publication.channel))
            .where(Publication.posted_at.between(since, until))
        ).scalars()
        for p in pubs:
            entries.append(
                LogEntry(
                    p.posted_at,
                    "Uploaded",
                    p.item_id,
                    p.item.title,
                    p.channel.name,
                    p.uploader_name,
                    p.url,
                )
            )
        approvals = session.execute(
            select(ContentItem)
            .options(selectinload(ContentItem.decisions))
            .where(
                ContentItem.id.in_(
                    select(ContentDecision.item_id).where(
                        ContentDecision.decided_at.between(since, until),
                        ContentDecision.decision == Decision.APPROVE,
                    )
                )
            )
        ).scalars()
        for item in approvals:
            for d in item.decisions:
                if d.decision is Decision.APPROVE and since <= d.decided_at <= until:
                    entries.append(
                        LogEntry(
                            d.decided_at,
                            "Approved",
                            item.id,
                            item.title,
                            "",
                            d.signer_name,
                            "voided by a later edit" if d.voided_at else "",
                        )
                    )
        takedowns = session.execute(
            select(Takedown)
            .options(
                selectinload(Takedown.item)
                .selectinload(ContentItem.publications)
                .selectinload(Publication.channel)
            )
            .where(
                or_(Takedown.raised_at.between(since, until), Takedown.done_on.between(start, end))
            )
        ).scalars()
        for t in takedowns:
            where = ", ".join(p.channel.name for p in t.item.publications if p.takedown_id == t.id)
            if since <= t.raised_at <= until:
                entries.append(
                    LogEntry(
                        t.raised_at,
                        "Takedown asked for",
                        t.item_id,
                        t.item.title,
                        where,
                        t.raised_by,
                        f"{t.reason.label}: {t.details}",
                    )
                )
            if t.done_on and start <= t.done_on <= end and t.done_at:
                entries.append(
                    LogEntry(
                        t.done_at,
                        "Taken down",
                        t.item_id,
                        t.item.title,
                        where,
                        t.done_by,
                        f"On {format_date(t.done_on)}: {t.how}",
                    )
                )
    return sorted(entries, key=lambda e: (e.at, e.item_id))


def export_content_log(
    db: Database,
    actor: Actor,
    start: date,
    end: date,
    target: Path,
    steps: Steps | None = None,
) -> int:
    require(db, actor, Permission.WRITE_CONTENT)
    entries = content_log(db, start, end)
    rows = [
        (format_datetime(e.at), e.what, e.item_id, e.title, e.channel, e.by, e.details)
        for e in entries
    ]
    return write_csv(target, LOG_HEADERS, rows, steps=steps)
