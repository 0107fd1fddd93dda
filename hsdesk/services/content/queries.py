"""The content lists, read a page at a time with indexed queries (100,000 items stay quick)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.fulltext import text_matches
from hsdesk.db.models import Channel, ContentChannel, ContentItem, Person
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import ContentState
from hsdesk.domain.content_records import ContentQuery, ContentRow, Queue, SortKey
from hsdesk.domain.text_rules import record_number, searchable

PAGE = 200
DRAFTING = (ContentState.DRAFT, ContentState.CHANGES_REQUESTED)


def queue_filter(queue: Queue, actor: Actor) -> list[Any]:
    me = actor.person_id if actor.person_id is not None else -1
    if queue is Queue.AWAITING:
        return [ContentItem.state == ContentState.SUBMITTED, ContentItem.author_id != me]
    if queue is Queue.READY:
        # A literal 0, as in the index of this queue (a bound value would not match it).
        return [
            ContentItem.waiting_channels > literal_column("0"),
            ContentItem.open_takedown.is_(False),
        ]
    if queue is Queue.TAKEDOWNS:
        return [ContentItem.open_takedown.is_(True)]
    if queue is Queue.MY_DRAFTS:
        return [ContentItem.author_id == me, ContentItem.state.in_(DRAFTING)]
    return []


def _where(query: ContentQuery, actor: Actor, db: Database) -> list[Any]:
    where = queue_filter(query.queue, actor)
    if query.state is not None:
        where.append(ContentItem.state == query.state)
    if query.author_id is not None:
        where.append(ContentItem.author_id == query.author_id)
    if query.channel_id is not None:  # probed per item: a page in date order stops early
        where.append(
            select(ContentChannel.item_id)
            .where(
                ContentChannel.item_id == ContentItem.id,
                ContentChannel.channel_id == query.channel_id,
            )
            .exists()
        )
    if query.day_from is not None:
        where.append(ContentItem.day >= query.day_from)
    if query.day_to is not None:
        where.append(ContentItem.day <= query.day_to)
    text = searchable(query.text).strip()
    if text:
        matches = [
            text_matches(db.engine, text, ContentItem.id, [ContentItem.title, ContentItem.body])
        ]
        number = record_number(text)
        if number is not None:
            matches.append(ContentItem.id == number)
        where.append(or_(*matches))
    return where


_ORDER: dict[SortKey, list[Any]] = {
    SortKey.ID: [ContentItem.id],
    SortKey.TITLE: [ContentItem.title],
    SortKey.STATE: [ContentItem.state],
    SortKey.AUTHOR: [Person.last_name, Person.first_name],
    SortKey.DAY: [ContentItem.day],
    SortKey.UPDATED: [ContentItem.updated_at],
}


def _rows_query(query: ContentQuery, actor: Actor, db: Database):  # type: ignore[no-untyped-def]
    columns = [c.desc() if query.descending else c.asc() for c in _ORDER[query.sort]]
    tie = ContentItem.id.desc() if query.descending else ContentItem.id.asc()
    return (
        select(
            ContentItem.id,
            ContentItem.title,
            ContentItem.state,
            Person.first_name,
            Person.last_name,
            ContentItem.day,
            ContentItem.updated_at,
            ContentItem.open_takedown,
            ContentItem.waiting_channels,
        )
        .join(Person, Person.id == ContentItem.author_id)
        .where(*_where(query, actor, db))
        .order_by(*columns, tie)
    )


def count_items(db: Database, query: ContentQuery, actor: Actor) -> int:
    with db.read() as session:
        plain = replace(query, channel_id=None, sort=SortKey.UPDATED, descending=True)
        if query.channel_id is not None and plain == ContentQuery():
            # Only a channel chosen: its links, one per item, are counted from their index.
            return int(
                session.execute(
                    select(func.count())
                    .select_from(ContentChannel)
                    .where(ContentChannel.channel_id == query.channel_id)
                ).scalar_one()
            )
        return _count(session, _where(query, actor, db))


def _count(session: Session, where: list[Any]) -> int:
    return int(session.execute(select(func.count(ContentItem.id)).where(*where)).scalar_one())


def item_rows(
    db: Database, query: ContentQuery, actor: Actor, offset: int = 0, limit: int = PAGE
) -> list[ContentRow]:
    """One page of the list, with each item's channel names."""
    with db.read() as session:
        found = session.execute(_rows_query(query, actor, db).offset(offset).limit(limit)).all()
        names: dict[int, list[str]] = defaultdict(list)
        if found:
            links = session.execute(
                select(ContentChannel.item_id, Channel.name)
                .join(Channel, Channel.id == ContentChannel.channel_id)
                .where(ContentChannel.item_id.in_([r[0] for r in found]))
                .order_by(Channel.name)
            )
            for item_id, name in links:
                names[item_id].append(name)
        return [
            ContentRow(
                id=r[0],
                title=r[1],
                state=r[2],
                author=f"{r[3]} {r[4]}".strip(),
                day=r[5],
                updated_at=r[6],
                channels=", ".join(names[r[0]]),
                open_takedown=bool(r[7]),
                waiting_channels=r[8],
            )
            for r in found
        ]


def queue_counts(db: Database, actor: Actor) -> dict[Queue, int]:
    with db.read() as session:
        return {queue: _count(session, queue_filter(queue, actor)) for queue in Queue}


def authors(db: Database) -> list[tuple[int, str]]:
    """Everyone who has written content, for the author filter."""
    with db.read() as session:
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .where(Person.id.in_(select(ContentItem.author_id).distinct()))
            .order_by(Person.first_name, Person.last_name)
        )
        return [(pid, f"{first} {last}".strip()) for pid, first, last in rows]
