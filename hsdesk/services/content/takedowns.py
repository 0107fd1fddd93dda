"""Takedowns: raised by hand (complaint, out of date, error, correction) or automatically when
consent for a photo that is online is withdrawn or ends; recorded done by the VDO."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Consent,
    ContentItem,
    ContentPhoto,
    PhotoSubject,
    Publication,
    Setting,
    Takedown,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import (
    MANUAL_REASONS,
    ContentState,
    TakedownReason,
)
from hsdesk.domain.content_actions import ItemAction, can_come_down, may
from hsdesk.domain.content_records import ContentDetails, ContentInput, TakedownRecord
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.content.drafts import insert_item
from hsdesk.services.content.items import (
    add_event,
    details_of,
    facts_of,
    item_problems,
    load_item,
    refresh_flags,
    takedown_records,
)
from hsdesk.services.platform.auth import require

SWEEP_SETTING = "takedown_sweep_day"


def insert_takedown(
    session: Session,
    actor: Actor,
    item: ContentItem,
    reason: TakedownReason,
    details: str,
    automatic: bool = False,
    at: datetime | None = None,
) -> Takedown:
    can_come_down(facts_of(item)).enforce()
    live = [p for p in item.publications if p.taken_down_on is None]
    if not details.strip():
        raise ValidationError(
            "Say why it must come down (the VDO and the trustees will read this)."
        )
    stamp = at or clock.now()
    row = Takedown(
        item_id=item.id,
        reason=reason,
        details=details.strip(),
        automatic=automatic,
        raised_at=stamp,
        raised_by=actor.username,
    )
    session.add(row)
    session.flush()
    session.refresh(item)
    where = ", ".join(p.channel.name for p in live)
    add_event(
        session,
        actor,
        item,
        "takedown_requested",
        f"Takedown of '{item.title}' from {where}: {reason.label}",
        f"{reason.label}: {row.details}",
        at=stamp,
        data={"takedown": row.id, "reason": reason.value, "automatic": automatic},
    )
    refresh_flags(item)
    return row


def request_takedown(
    db: Database, actor: Actor, item_id: int, reason: TakedownReason, details: str
) -> ContentDetails:
    """Ask for an item to come down at once, by hand."""
    require(db, actor, Permission.WRITE_CONTENT)
    if reason not in MANUAL_REASONS:
        raise ValidationError(
            "Choose why it must come down: a complaint, out of date, or posted in error."
        )
    with db.write() as session:
        item = load_item(session, item_id)
        may(actor, ItemAction.TAKEDOWN, facts_of(item)).enforce()
        insert_takedown(session, actor, item, reason, details)
        return details_of(session, item, clock.today())


def complete_takedown(
    db: Database,
    actor: Actor,
    takedown_id: int,
    done_on: date,
    how: str,
    today: date | None = None,
) -> ContentDetails:
    """The VDO records that the item is offline everywhere it was."""
    require(db, actor, Permission.TAKE_DOWN)
    day = today or clock.today()
    with db.write() as session:
        row = session.get(Takedown, takedown_id)
        if row is None:
            raise NotFound("That takedown is no longer in the register.")
        item = load_item(session, row.item_id)
        finish_takedown(session, actor, item, row, done_on, how, day)
        return details_of(session, item, day)


def finish_takedown(
    session: Session,
    actor: Actor,
    item: ContentItem,
    row: Takedown,
    done_on: date,
    how: str,
    today: date,
    at: datetime | None = None,
) -> None:
    if row.done_on is not None:
        raise ValidationError(
            f"This takedown was already recorded done on {format_date(row.done_on)}."
        )
    if not how.strip():
        raise ValidationError("Say how it was taken down (e.g. 'post deleted on Facebook').")
    if done_on > today:
        raise ValidationError("The takedown date is in the future. Record it once it is done.")
    if done_on < row.raised_at.date():
        raise ValidationError(
            f"The takedown date is before it was asked for ({format_date(row.raised_at.date())})."
        )
    row.done_on, row.how = done_on, how.strip()
    row.done_by, row.done_at = actor.display_name, at or clock.now()
    live = [p for p in item.publications if p.taken_down_on is None]
    for publication in live:
        publication.taken_down_on = done_on
        publication.takedown_id = row.id
    item.state = ContentState.TAKEN_DOWN
    item.updated_at = row.done_at
    session.flush()
    add_event(
        session,
        actor,
        item,
        "taken_down",
        f"'{item.title}' taken down from {', '.join(p.channel.name for p in live)} on "
        f"{format_date(done_on)}",
        row.how,
        at=row.done_at,
        data={"takedown": row.id, "done_on": done_on.isoformat()},
    )
    refresh_flags(item)


def copy_item(db: Database, actor: Actor, item_id: int, reason: str = "") -> ContentDetails:
    """A new draft from an item's text, channels and photos. For an item that is online this is
    a correction: the reason is required and the one online is to be taken down."""
    require(db, actor, Permission.WRITE_CONTENT)
    with db.write() as session:
        old = load_item(session, item_id)
        may(actor, ItemAction.COPY, facts_of(old)).enforce()
        live = any(p.taken_down_on is None for p in old.publications)
        if live and not reason.strip():
            raise ValidationError(
                "Say what the correction is for; the item online will be taken down and "
                "replaced by the corrected one once approved."
            )
        data = ContentInput(
            old.title,
            old.body,
            tuple(c.channel_id for c in old.channels),
            tuple(p.photo_id for p in old.photos),
            None,
        )
        new = insert_item(session, actor, data, copied_from=old)
        if live:
            add_event(
                session,
                actor,
                old,
                "corrected",
                f"Correction of '{old.title}' started",
                f"Item {new.id}: {reason.strip()}",
            )
            if not old.open_takedown:
                insert_takedown(
                    session,
                    actor,
                    old,
                    TakedownReason.CORRECTION,
                    f"Replaced by a correction (item {new.id}): {reason.strip()}",
                )
        return details_of(session, load_item(session, new.id), clock.today())


# --- automatic takedowns -----------------------------------------------------------------------


def consent_takedowns(
    session: Session,
    actor: Actor,
    person_ids: Iterable[int],
    day: date,
    at: datetime | None = None,
) -> list[Takedown]:
    """Raise a takedown for every item online with a photo of these people that is no longer
    cleared for the channel it is on. Called in the transaction that changed the consent."""
    people = list(set(person_ids))
    if not people:
        return []
    photos = select(PhotoSubject.photo_id).where(PhotoSubject.person_id.in_(people))
    items = select(ContentPhoto.item_id).where(ContentPhoto.photo_id.in_(photos))
    live = select(Publication.item_id).where(
        Publication.taken_down_on.is_(None), Publication.item_id.in_(items)
    )
    ids = (
        session.execute(
            select(ContentItem.id).where(
                ContentItem.id.in_(live), ContentItem.open_takedown.is_(False)
            )
        )
        .scalars()
        .all()
    )
    raised = []
    for item_id in ids:
        item = load_item(session, item_id)
        online = {p.channel_id for p in item.publications if p.taken_down_on is None}
        problems = item_problems(session, item, day, online)
        if problems:
            raised.append(
                insert_takedown(
                    session,
                    actor,
                    item,
                    TakedownReason.CONSENT,
                    "Consent no longer covers a photo in it: " + "; ".join(problems),
                    automatic=True,
                    at=at,
                )
            )
    return raised


def sweep(db: Database, actor: Actor, today: date | None = None) -> int:
    """Raise takedowns for consents that have ended by date since the last sweep (withdrawals and
    corrections raise theirs at once). Cheap to call often: it looks only at newly ended ones.
    A database open read-only is left as it is: the next writable start raises them."""
    if db.read_only is not None:
        return 0
    with db.write() as session:
        return sweep_session(session, actor, today or clock.today())


def sweep_session(session: Session, actor: Actor, day: date) -> int:
    setting = session.get(Setting, SWEEP_SETTING)
    last = date.fromisoformat(setting.value) if setting and setting.value else None
    if last is not None and last >= day:
        return 0
    query = select(Consent.subject_id).where(Consent.expires_on <= day)
    if last is not None:
        query = query.where(Consent.expires_on > last)
    people = session.execute(query.distinct()).scalars().all()
    raised = consent_takedowns(session, actor, people, day)
    if setting is None:
        session.add(Setting(key=SWEEP_SETTING, value=day.isoformat()))
    else:
        setting.value = day.isoformat()
    return len(raised)


def open_takedowns(session: Session) -> list[TakedownRecord]:
    ids = (
        session.execute(
            select(Takedown.item_id).where(Takedown.done_on.is_(None)).order_by(Takedown.raised_at)
        )
        .scalars()
        .all()
    )
    out: list[TakedownRecord] = []
    for item_id in dict.fromkeys(ids):
        out.extend(t for t in takedown_records(load_item(session, item_id)) if t.open)
    return sorted(out, key=lambda t: t.raised_at)


def list_open_takedowns(db: Database) -> list[TakedownRecord]:
    with db.read() as session:
        return open_takedowns(session)
