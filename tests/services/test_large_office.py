"""The ten-year office on demand (hsdesk-cli demo --size large): a small one of the same shape,
built on either engine, is whole — `check` finds nothing, every count is what was asked for,
the history runs over ten years, and the settled years written in bulk look to hsdesk exactly
like the months its services wrote."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    AuditEntry,
    Complaint,
    Consent,
    ContentItem,
    Person,
    Photo,
    Publication,
    QuarterlyReview,
)
from hsdesk.demo.large import LARGE, OfficeSize, load_large_office
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import ContentState
from hsdesk.domain.enums import Office
from hsdesk.services.content import queries
from hsdesk.services.content.items import current_hash, get_item, load_item
from hsdesk.services.platform.integrity import check

TODAY = date(2026, 12, 2)
SMALL = OfficeSize(
    people=60, photos=48, consents=150, items=400, reviews=12, complaints=10,
    audit_entries=4_000, photo_bytes=4_000,
)  # fmt: skip


@pytest.fixture
def office(db: Database) -> Database:
    clock.freeze(datetime(2026, 12, 2, 9, 30))
    try:
        load_large_office(db, SMALL, TODAY)
    finally:
        clock.reset()
    return db


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_small_ten_year_office_is_whole_the_size_asked_for_and_reads_as_written(office: Database):
    assert check(office, anchored=False, full=True) == []
    assert _count(office, Person) >= SMALL.people
    assert _count(office, Photo) >= SMALL.photos
    assert _count(office, Consent) >= SMALL.consents
    assert _count(office, ContentItem) >= SMALL.items
    assert _count(office, Complaint) >= SMALL.complaints
    assert _count(office, QuarterlyReview) == SMALL.reviews
    assert _count(office, AuditEntry) >= SMALL.audit_entries
    with office.read() as session:
        first, last = session.execute(
            select(func.min(ContentItem.day), func.max(ContentItem.day))
        ).one()
        published = session.execute(
            select(func.count())
            .select_from(ContentItem)
            .where(ContentItem.state == ContentState.PUBLISHED)
        ).scalar_one()
        uploads = session.execute(select(func.count()).select_from(Publication)).scalar_one()
    assert (TODAY - first).days > 3500 and (TODAY - last).days < 40
    assert published > SMALL.items // 2 and uploads >= published
    _settled_items_read_like_those_the_services_wrote(office)


def _settled_items_read_like_those_the_services_wrote(office: Database) -> None:
    """A settled item's approval is bound to what it says (its fingerprint made again matches),
    its timeline reads as written, submitted, approved, uploaded, and each channel has its
    upload; the Content queues count it as the services' own items are counted."""
    clock.freeze(datetime(2026, 12, 2, 9, 30))
    try:
        with office.read() as session:
            oldest = session.execute(
                select(func.min(ContentItem.id)).where(ContentItem.state == ContentState.PUBLISHED)
            ).scalar_one()
            assert (
                current_hash(load_item(session, oldest)) == load_item(session, oldest).content_hash
            )
        details = get_item(office, oldest, TODAY)
        assert [e.kind for e in details.events][:3] == ["created", "submitted", "approve"]
        assert details.approval is not None
        assert details.approval.content_hash == details.content_hash
        assert {p.channel_id for p in details.publications} == {c.id for c in details.channels}
        sdm = Actor("sdm", None, "Helen Whitworth", offices=frozenset({Office.SDM}))
        assert sum(queries.queue_counts(office, sdm).values()) > 0
    finally:
        clock.reset()


def test_a_fraction_keeps_the_shape_and_refuses_nonsense():
    tenth = LARGE.scaled(0.1)
    assert (tenth.items, tenth.photos, tenth.audit_entries) == (10_000, 2_000, 60_000)
    assert tenth.reviews == LARGE.reviews
    with pytest.raises(ValueError):
        LARGE.scaled(0)
    with pytest.raises(ValueError):
        LARGE.scaled(1.5)
