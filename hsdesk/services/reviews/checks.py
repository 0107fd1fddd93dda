"""The checklist items hsdesk answers from its own records: photo consent for everything
published on a channel in the quarter, new people inducted; and what it shows
beside items the reviewer answers: the privacy settings the trustees agreed, and the
quarter's complaints with their reply times."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.models import (
    Channel,
    ContentItem,
    ContentPhoto,
    Induction,
    Person,
    Publication,
    QuarterlyReview,
    ReviewItem,
)
from hsdesk.domain import clock
from hsdesk.domain.content import ChannelRef, photo_problems
from hsdesk.domain.dates import format_date
from hsdesk.domain.induction import COVERED_KINDS, DEFAULT_OVERDUE_DAYS
from hsdesk.domain.review import AutoCheck, ItemResult, Quarter
from hsdesk.services.inductions.records import OVERDUE_DAYS_KEY
from hsdesk.services.people.roles import full_name, role_of
from hsdesk.services.photos.clearance import photo_records
from hsdesk.services.platform import settings
from hsdesk.services.registers import complaints

Found = tuple[ItemResult, list[str]]


def agreed_settings(channel: Channel) -> str:
    if not channel.settings:
        return (
            "No privacy settings have been agreed by the trustees for this channel yet. Record "
            "them in Tools → Channels."
        )
    latest = channel.settings[-1]
    return f"{latest.text}\n(agreed {format_date(latest.agreed_on)}, minute {latest.minute_ref})"


def _photos(count: int) -> str:
    return f"{count} photo{'s' if count != 1 else ''}"


def photo_consent(session: Session, quarter: Quarter, channel: Channel, day: date) -> Found:
    """Was everyone pictured in every photo published on the channel in the quarter (up to
    ``day``) consenting to that use on the day it went online?"""
    last = min(quarter.end, day)
    published = session.execute(
        select(Publication)
        .options(
            selectinload(Publication.item)
            .selectinload(ContentItem.photos)
            .selectinload(ContentPhoto.photo)
        )
        .where(
            Publication.channel_id == channel.id,
            Publication.posted_at.between(
                datetime.combine(quarter.start, time.min), datetime.combine(last, time.max)
            ),
        )
        .order_by(Publication.posted_at)
    ).scalars()
    ref = ChannelRef(channel.id, channel.name, channel.scope)
    lines, issue = [], False
    for pub in published:
        photos = [cp.photo for cp in pub.item.photos]
        if not photos:
            continue
        posted = pub.posted_at.date()
        problems = photo_problems(photo_records(session, photos, posted), [ref])
        head = f"{format_date(posted)} #{pub.item_id} '{pub.item.title}', {_photos(len(photos))}"
        if problems:
            issue = True
            lines.append(f"{head}: CONSENT MISSING. " + " ".join(problems))
        else:
            lines.append(f"{head}: everyone pictured had consent")
    if not lines:
        return ItemResult.NOT_APPLICABLE, [
            f"No photos were published on {channel.name} between {format_date(quarter.start)} "
            f"and {format_date(last)}."
        ]
    return (ItemResult.ISSUE if issue else ItemResult.PASS), lines


def inductions(session: Session, quarter: Quarter, day: date) -> Found:
    """Did everyone who started in the quarter acknowledge the policy in time (as of ``day``)?"""
    last = min(quarter.end, day)
    starters = session.execute(
        select(Person)
        .options(selectinload(Person.holdings))
        .where(Person.kind.in_(COVERED_KINDS), Person.start_date.between(quarter.start, last))
        .order_by(Person.start_date, Person.last_name)
    ).scalars()
    days = settings.read_int(session, OVERDUE_DAYS_KEY, DEFAULT_OVERDUE_DAYS)
    lines, issue = [], False
    for person in starters:
        acks = session.execute(
            select(Induction)
            .where(Induction.person_id == person.id, Induction.acknowledged_on.is_not(None))
            .order_by(Induction.acknowledged_on)
        ).scalars()
        ack = next((a for a in acks if a.acknowledged_on and a.acknowledged_on <= day), None)
        assert person.start_date is not None
        head = (
            f"{full_name(person)}, {role_of(person, person.start_date).lower()}, started "
            f"{format_date(person.start_date)}"
        )
        due = person.start_date + timedelta(days=days)
        if ack is not None:
            lines.append(f"{head}: acknowledged {format_date(ack.acknowledged_on)}")
        elif due < day:
            issue = True
            lines.append(f"{head}: NOT ACKNOWLEDGED, overdue since {format_date(due)}")
        else:
            lines.append(f"{head}: not acknowledged yet, due by {format_date(due)}")
    if not lines:
        return ItemResult.NOT_APPLICABLE, [
            f"No trustee, member of staff or volunteer started between "
            f"{format_date(quarter.start)} and {format_date(last)}."
        ]
    return (ItemResult.ISSUE if issue else ItemResult.PASS), lines


def refresh(
    session: Session, review: QuarterlyReview, day: date, at: datetime | None = None
) -> None:
    """Fill in the automatic items again from the records as they stand on ``day``."""
    quarter = Quarter(review.quarter_start)
    now = at or clock.now()
    for item in review.items:
        found: Found | None = None
        if item.auto is AutoCheck.PHOTO_CONSENT and item.channel_id is not None:
            channel = session.get(Channel, item.channel_id)
            if channel is not None:
                found = photo_consent(session, quarter, channel, day)
        elif item.auto is AutoCheck.INDUCTIONS:
            found = inductions(session, quarter, day)
        elif item.auto is AutoCheck.COMPLAINTS and item.channel_id is not None:
            channel = session.get(Channel, item.channel_id)
            if channel is not None:  # evidence only: the reviewer still checks the site
                lines = complaints.review_lines(session, quarter, channel, day)
                item.found = json.dumps(lines, ensure_ascii=False)
        if found is not None:
            _fill(item, found, now)
    review.checked_on = day


def _fill(item: ReviewItem, found: Found, now: datetime) -> None:
    result, lines = found
    item.found = json.dumps(lines, ensure_ascii=False)
    if item.result is not result:
        item.result = result
        item.answered_by = "hsdesk (from its records)"
        item.answered_at = now
