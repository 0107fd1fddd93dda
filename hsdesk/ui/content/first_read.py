"""What the Content tab shows as it opens, read in one go on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass

from hsdesk.db.engine import Database
from hsdesk.domain.content_records import ContentDetails, ContentQuery, ContentRow, Queue
from hsdesk.services.content import channels
from hsdesk.services.content import items as content
from hsdesk.services.content import queries as content_queries
from hsdesk.ui.context import AppContext


@dataclass(frozen=True)
class FirstRead:
    """What the tab shows when it opens, read on a worker thread."""

    query: ContentQuery
    channels: list[tuple[str, int]]
    authors: list[tuple[str, int]]
    counts: dict[Queue, int]
    total: int
    rows: list[ContentRow]
    first: ContentDetails | None  # the first row's item, shown in the panel


def filter_lists(db: Database) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The channel and author filters' choices: (name, id) each."""
    return (
        [(c.name, c.id) for c in channels.list_channels(db)],
        [(n, pid) for pid, n in content_queries.authors(db)],
    )


def read_first(ctx: AppContext, query: ContentQuery) -> FirstRead:
    db, actor = ctx.db, ctx.actor
    total = content_queries.count_items(db, query, actor)
    rows = content_queries.item_rows(db, query, actor, 0)
    channel_list, authors = filter_lists(db)
    return FirstRead(
        query,
        channel_list,
        authors,
        content_queries.queue_counts(db, actor),
        total,
        rows,
        content.get_item(db, rows[0].id) if rows else None,
    )
