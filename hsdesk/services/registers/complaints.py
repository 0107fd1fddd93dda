"""The complaints register: a complaint seen on a channel, the private reply and how
long it took, the complaints procedure's outcome, and the takedown of the post it was about."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Channel, Complaint, ContentItem, Person, Publication, Takedown
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import TakedownReason
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.duties import D
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.register_records import ComplaintInput, ComplaintRecord
from hsdesk.domain.registers import ComplaintState, complaint_state, duration
from hsdesk.domain.review import Quarter
from hsdesk.services.content.items import load_item
from hsdesk.services.content.takedowns import insert_takedown
from hsdesk.services.people.roles import full_name
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations, in_force_id
from hsdesk.services.registers.reply_time import reply_hours_in

# --- reading -------------------------------------------------------------------------------------


def _takedown(row: Takedown | None) -> str:
    if row is None:
        return ""
    if row.done_on is not None:
        return f"'{row.item.title}' taken down on {format_date(row.done_on)}"
    return f"takedown of '{row.item.title}' asked for on {format_date(row.raised_at.date())}"


def complaint_record(row: Complaint, at: datetime, hours: int) -> ComplaintRecord:
    state = complaint_state(row.replied_at, row.closed_on, row.seen_at, at, hours)
    waited = (row.replied_at or at) - row.seen_at
    if row.replied_at is None and state is not ComplaintState.CLOSED:
        reply_time = f"waiting {duration(waited)}"
    else:
        reply_time = duration(waited) if row.replied_at else ""
    return ComplaintRecord(
        id=row.id,
        seen_at=row.seen_at,
        channel_id=row.channel_id,
        channel_name=row.channel.name,
        where=row.link,
        summary=row.summary,
        replied_by_id=row.replied_by_id,
        replied_by=full_name(row.replied_by) if row.replied_by else "",
        replied_at=row.replied_at,
        method=row.method,
        procedure_ref=row.procedure_ref,
        outcome=row.outcome,
        closed_on=row.closed_on,
        state=state,
        reply_time=reply_time,
        late=waited > timedelta(hours=hours),
        takedown=_takedown(row.takedown),
        takedown_open=row.takedown is not None and row.takedown.done_on is None,
        item_id=row.item_id,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        policy_version_id=row.policy_version_id,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(Complaint).options(
        selectinload(Complaint.channel),
        selectinload(Complaint.replied_by),
        selectinload(Complaint.takedown).selectinload(Takedown.item),
    )


def complaints_in(session: Session, at: datetime) -> list[ComplaintRecord]:
    hours = reply_hours_in(session)
    rows = session.execute(_query().order_by(Complaint.seen_at.desc())).scalars()
    return [complaint_record(row, at, hours) for row in rows]


def list_complaints(db: Database, at: datetime | None = None) -> list[ComplaintRecord]:
    """Every complaint, newest first (any signed-in user may read the register)."""
    with db.read() as session:
        return complaints_in(session, at or clock.now())


def get_complaint(db: Database, complaint_id: int, at: datetime | None = None) -> ComplaintRecord:
    with db.read() as session:
        row = _load(session, complaint_id)
        return complaint_record(row, at or clock.now(), reply_hours_in(session))


def _load(session: Session, complaint_id: int) -> Complaint:
    row = session.execute(_query().where(Complaint.id == complaint_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("That complaint is no longer in the register.")
    return row


def waiting_for_reply(session: Session, at: datetime) -> list[ComplaintRecord]:
    """Open complaints without a private reply, longest waiting first."""
    hours = reply_hours_in(session)
    rows = session.execute(
        _query()
        .where(Complaint.replied_at.is_(None), Complaint.closed_on.is_(None))
        .order_by(Complaint.seen_at)
    ).scalars()
    return [complaint_record(row, at, hours) for row in rows]


# --- writing -------------------------------------------------------------------------------------


def _checked(session: Session, data: ComplaintInput, at: datetime) -> ComplaintInput:
    if data.seen_at is None:
        raise ValidationError("Give the date and time the complaint was seen (dd/mm/yyyy hh:mm).")
    seen = data.seen_at.replace(second=0, microsecond=0)
    if seen > at:
        raise ValidationError(
            f"The complaint was seen on {format_datetime(seen)}, which is in the future. Check "
            "the date and time."
        )
    if data.channel_id is None or session.get(Channel, data.channel_id) is None:
        raise ValidationError("Choose the channel the complaint was raised on.")
    summary = data.summary.strip()
    if not summary:
        raise ValidationError(
            "Summarise the complaint in a sentence or two (no more personal detail than needed)."
        )
    if len(summary) > 2000:
        raise ValidationError(
            "Keep the summary within 2,000 characters; the detail belongs in "
            "the complaints procedure's own record."
        )
    link = " ".join(data.where.split())
    if len(link) > 1000:
        raise ValidationError("The link is longer than 1,000 characters. Paste just its address.")
    replied_at = data.replied_at.replace(second=0, microsecond=0) if data.replied_at else None
    answered = (data.replied_by_id, replied_at, data.method)
    if any(v is not None for v in answered) and not all(v is not None for v in answered):
        raise ValidationError(
            "To record the private reply give all three: who replied, when (dd/mm/yyyy hh:mm) "
            "and how (message, phone, email or letter)."
        )
    if replied_at is not None:
        if replied_at < seen:
            raise ValidationError(
                f"The reply ({format_datetime(replied_at)}) is before the complaint was seen "
                f"({format_datetime(seen)}). Check both dates and times."
            )
        if replied_at > at:
            raise ValidationError(
                f"The reply time {format_datetime(replied_at)} is in the future. Record the "
                "reply once it has been made."
            )
        responder = session.get(Person, data.replied_by_id)
        if responder is None:
            raise ValidationError("Choose who replied from the People register.")
    ref = " ".join(data.procedure_ref.split())
    if len(ref) > 100:
        raise ValidationError("Keep the complaints procedure reference within 100 characters.")
    outcome = data.outcome.strip()
    if data.closed_on is not None:
        if replied_at is None:
            raise ValidationError(
                "A complaint is closed only after it was answered privately "
                f"({citations(session).ref(D.COMPLAINTS)}). Record the private reply first."
            )
        if data.closed_on < seen.date() or data.closed_on > at.date():
            raise ValidationError(
                f"The closing date must be between the day it was seen "
                f"({format_date(seen.date())}) and today."
            )
        if not outcome:
            raise ValidationError("Say what the outcome was before closing the complaint.")
    return ComplaintInput(
        seen,
        data.channel_id,
        link,
        summary,
        data.replied_by_id,
        replied_at,
        data.method,
        ref,
        outcome,
        data.closed_on,
    )


def save_complaint(
    db: Database,
    actor: Actor,
    complaint_id: int | None,
    data: ComplaintInput,
    at: datetime | None = None,
) -> ComplaintRecord:
    """Log a new complaint (``complaint_id`` None) or update one: the private reply, the
    procedure reference, the outcome, closing it."""
    require(db, actor, Permission.RECORD_COMPLAINTS)
    stamp = at or clock.now()
    with db.write() as session:
        return write_complaint(session, actor, complaint_id, data, stamp)


def write_complaint(
    session: Session,
    actor: Actor,
    complaint_id: int | None,
    data: ComplaintInput,
    stamp: datetime,
) -> ComplaintRecord:
    clean = _checked(session, data, stamp)
    row = _load(session, complaint_id) if complaint_id is not None else None
    was_replied = row is not None and row.replied_at is not None
    was_closed = row is not None and row.closed_on is not None
    if row is None:
        row = Complaint(
            recorded_by=actor.display_name,
            recorded_at=stamp,
            policy_version_id=in_force_id(session),
        )
        session.add(row)
    assert clean.seen_at is not None and clean.channel_id is not None  # checked above
    row.seen_at, row.channel_id, row.link, row.summary = (
        clean.seen_at,
        clean.channel_id,
        clean.where,
        clean.summary,
    )
    row.replied_by_id, row.replied_at, row.method = (
        clean.replied_by_id,
        clean.replied_at,
        clean.method,
    )
    row.procedure_ref, row.outcome, row.closed_on = (
        clean.procedure_ref,
        clean.outcome,
        clean.closed_on,
    )
    row.updated_at = stamp
    session.flush()
    session.refresh(row)
    record = complaint_record(row, stamp, reply_hours_in(session))
    if complaint_id is None:
        what = f"Logged complaint {record.reference} seen on {record.channel_name}"
    elif clean.closed_on is not None and not was_closed:
        what = f"Closed complaint {record.reference}"
    elif clean.replied_at is not None and not was_replied:
        what = f"Recorded the private reply to complaint {record.reference}"
    else:
        what = f"Updated complaint {record.reference}"
    if record.replied_at is not None:
        what += f" (replied in {record.reply_time})"
    audit.record(
        session,
        actor,
        "add" if complaint_id is None else "edit",
        "complaint",
        row.id,
        what,
        {"state": record.state.value, "channel": row.channel_id},
    )
    return record


def live_items(db: Database, channel_id: int | None = None) -> list[tuple[int, str, bool]]:
    """Items online now (on that channel first), for choosing the post a complaint is about:
    (id, title, whether its takedown is already asked for)."""
    with db.read() as session:
        rows = session.execute(
            select(
                ContentItem.id, ContentItem.title, ContentItem.open_takedown, Publication.channel_id
            )
            .join(Publication, Publication.item_id == ContentItem.id)
            .where(Publication.taken_down_on.is_(None))
            .order_by(Publication.posted_at.desc())
        ).all()
    first = [(i, t, bool(going)) for i, t, going, c in rows if c == channel_id]
    rest = [(i, t, bool(going)) for i, t, going, c in rows if c != channel_id]
    return list(dict.fromkeys(first + rest))


def take_down_post(
    db: Database, actor: Actor, complaint_id: int, item_id: int, details: str
) -> ComplaintRecord:
    """Ask for the post the complaint is about to come down; the takedown is linked to the
    complaint, and the VDO records it done in the Content tab as usual. A post whose takedown is
    already asked for (for another reason) is not asked for twice: the complaint joins that one."""
    require(db, actor, Permission.RECORD_COMPLAINTS)
    require(db, actor, Permission.WRITE_CONTENT)
    stamp = clock.now()
    with db.write() as session:
        row = _load(session, complaint_id)
        if row.takedown is not None and row.takedown.done_on is None:
            raise ValidationError(
                f"A takedown of '{row.takedown.item.title}' was already asked for because of "
                "this complaint; the VDO records it done in the Content tab."
            )
        item = load_item(session, item_id)
        pending = next((t for t in item.takedowns if t.done_on is None), None)
        if pending is None:
            reason = details.strip() or row.summary
            takedown = insert_takedown(
                session, actor, item, TakedownReason.COMPLAINT, f"Complaint C-{row.id}: {reason}"
            )
            what = f"Asked for '{item.title}' to be taken down because of complaint C-{row.id}"
        else:
            takedown = pending
            what = (
                f"Linked complaint C-{row.id} to the takedown of '{item.title}' already asked "
                f"for on {format_date(pending.raised_at.date())}"
            )
        row.item_id, row.takedown_id, row.updated_at = item.id, takedown.id, stamp
        session.flush()
        session.refresh(row)
        audit.record(
            session,
            actor,
            "edit",
            "complaint",
            row.id,
            what,
            {"takedown": takedown.id, "item": item.id},
        )
        return complaint_record(row, stamp, reply_hours_in(session))


# --- the quarterly review ------------------------------------------------------------------------


def review_lines(session: Session, quarter: Quarter, channel: Channel, day: date) -> list[str]:
    """The quarter's complaints on a channel with their reply times, for the checklist item
    'Complaints raised on the site were answered privately'."""
    last = min(quarter.end, day)
    hours = reply_hours_in(session)
    at = clock.moment_on(day)
    rows = session.execute(
        _query()
        .where(
            Complaint.channel_id == channel.id,
            Complaint.seen_at.between(
                datetime.combine(quarter.start, time.min), datetime.combine(last, time.max)
            ),
        )
        .order_by(Complaint.seen_at)
    ).scalars()
    lines = []
    for row in rows:
        c = complaint_record(row, at, hours)
        head = f"{format_datetime(c.seen_at)} {c.reference} '{_short(c.summary)}'"
        if c.replied_at is None:
            lines.append(f"{head}: NO PRIVATE REPLY recorded ({c.reply_time})")
        else:
            late = f", LATE (over {hours} h)" if c.late else ""
            how = f" ({c.method.label.lower()})" if c.method else ""
            lines.append(f"{head}: answered privately{how} in {c.reply_time}{late}")
    if not lines:
        lines.append(
            f"No complaints were logged for {channel.name} between {format_date(quarter.start)} "
            f"and {format_date(last)}."
        )
    return lines


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
