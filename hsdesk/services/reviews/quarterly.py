"""Quarterly reviews (clause 1.5): the quarters and their status, starting a review from the
template, answering items with notes and evidence, actions that roll over, and the Vice Chair's
sign-off, after which the review is read-only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    Channel,
    Person,
    QuarterlyReview,
    ReviewAction,
    ReviewCarried,
    ReviewEvidence,
    ReviewItem,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from hsdesk.domain.induction import COVERED_KINDS
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.review import (
    DEFAULT_DUE_DAYS,
    AutoCheck,
    ItemResult,
    ItemState,
    Quarter,
    QuarterScheme,
    answered_from_records,
    check_not_future,
    due_on,
    parse_quarter,
    quarter_of,
    review_status,
    signoff_problems,
)
from hsdesk.domain.review_records import (
    ActionInput,
    ActionRecord,
    EvidenceRecord,
    ItemRecord,
    QuarterRow,
    ReviewDetails,
)
from hsdesk.services.inductions.records import has_left
from hsdesk.services.photos.clearance import full_name
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import Signer, require, verify_signoff
from hsdesk.services.platform.files import add_file, checked_scan
from hsdesk.services.platform.signatures import SignatureChoice, chosen_signature
from hsdesk.services.reviews import checks as review_checks
from hsdesk.services.reviews import template as review_template

SCHEME_KEY = "review_quarter_scheme"
DUE_DAYS_KEY = "review_due_days"
MAX_NOTES = 4000


# --- settings --------------------------------------------------------------------------------


def scheme_of(session: Session) -> QuarterScheme:
    row = settings.read_text(session, SCHEME_KEY)
    return QuarterScheme(row) if row in set(QuarterScheme) else QuarterScheme.CALENDAR


def quarter_settings(db: Database) -> tuple[QuarterScheme, int]:
    with db.read() as session:
        return scheme_of(session), settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)


def set_quarter_settings(db: Database, actor: Actor, scheme: QuarterScheme, due_days: int) -> None:
    """How quarters are numbered and how long after a quarter ends its review is due.
    Administrators only; reviews already begun keep the due date they began with."""
    require(actor, Permission.MANAGE_ACCOUNTS)
    if not 1 <= due_days <= 120:
        raise ValidationError(
            "A quarter's review must be due 1 to 120 days after the quarter ends. Choose a "
            "number in that range."
        )
    with db.write() as session:
        settings.write(session, SCHEME_KEY, scheme.value)
        settings.write(session, DUE_DAYS_KEY, str(due_days))
        audit.record(
            session,
            actor,
            "edit",
            "setting",
            SCHEME_KEY,
            f"Quarters now numbered by the {scheme.label.split(' (')[0].lower()}; reviews due "
            f"{due_days} days after the quarter ends",
        )


# --- reading ---------------------------------------------------------------------------------


def _review_query():  # type: ignore[no-untyped-def]
    return select(QuarterlyReview).options(
        selectinload(QuarterlyReview.items).selectinload(ReviewItem.evidence),
        selectinload(QuarterlyReview.actions).selectinload(ReviewAction.owner),
        selectinload(QuarterlyReview.actions).selectinload(ReviewAction.item),
    )


def load_review(session: Session, review_id: int) -> QuarterlyReview:
    review = session.execute(
        _review_query().where(QuarterlyReview.id == review_id)
    ).scalar_one_or_none()
    if review is None:
        raise NotFound("That quarterly review is no longer in the register.")
    return review


def review_of(session: Session, quarter: Quarter) -> QuarterlyReview | None:
    return session.execute(
        _review_query().where(QuarterlyReview.quarter_start == quarter.start)
    ).scalar_one_or_none()


def _item_label(item: ReviewItem | None) -> str:
    if item is None:
        return "General"
    return f"{item.channel_name}: {item.text}" if item.channel_name else item.text


def _action(a: ReviewAction, scheme: QuarterScheme) -> ActionRecord:
    return ActionRecord(
        id=a.id,
        review_id=a.review_id,
        raised_in=Quarter(a.review.quarter_start).name(scheme),
        item_label=_item_label(a.item),
        what=a.what,
        owner_id=a.owner_id,
        owner_name=full_name(a.owner),
        due_on=a.due_on,
        done_on=a.done_on,
        done_note=a.done_note,
        done_by=a.done_by,
        done_at=a.done_at,
    )


def _evidence(e: ReviewEvidence) -> EvidenceRecord:
    return EvidenceRecord(e.id, e.sha256, e.file_name, e.media_type, e.added_by, e.added_at)


def _item(item: ReviewItem, actions: list[ActionRecord]) -> ItemRecord:
    return ItemRecord(
        id=item.id,
        position=item.position,
        channel_name=item.channel_name,
        clauses=item.clauses,
        text=item.text,
        guidance=item.guidance,
        auto=item.auto,
        agreed_settings=item.agreed_settings,
        found=tuple(json.loads(item.found or "[]")),
        result=item.result,
        notes=item.notes,
        answered_by=item.answered_by,
        answered_at=item.answered_at,
        evidence=tuple(_evidence(e) for e in item.evidence),
        actions=tuple(a for a in actions),
    )


def _carried(session: Session, review: QuarterlyReview) -> list[ReviewAction]:
    """Earlier quarters' actions shown first: frozen at sign-off; until then, those still open
    and those done since the last earlier review was signed off."""
    query = select(ReviewAction).options(
        selectinload(ReviewAction.owner),
        selectinload(ReviewAction.item),
        selectinload(ReviewAction.review),
    )
    if review.signed_at is not None:
        query = query.where(
            ReviewAction.id.in_(
                select(ReviewCarried.action_id).where(ReviewCarried.review_id == review.id)
            )
        )
    else:
        earlier = QuarterlyReview.quarter_start < review.quarter_start
        last_signed = session.scalar(select(func.max(QuarterlyReview.signed_at)).where(earlier))
        query = query.where(
            ReviewAction.review_id.in_(select(QuarterlyReview.id).where(earlier)),
            (ReviewAction.done_at.is_(None))
            | (ReviewAction.done_at > (last_signed or review.started_at)),
        )
    return list(session.execute(query.order_by(ReviewAction.due_on, ReviewAction.id)).scalars())


def details_of(session: Session, review: QuarterlyReview, day: date) -> ReviewDetails:
    scheme = scheme_of(session)
    actions: dict[int | None, list[ActionRecord]] = {}
    for a in review.actions:
        actions.setdefault(a.item_id, []).append(_action(a, scheme))
    items = tuple(_item(i, actions.get(i.id, [])) for i in review.items)
    return ReviewDetails(
        id=review.id,
        quarter=Quarter(review.quarter_start),
        scheme=scheme,
        status=review_status(True, review.signed_at is not None, review.due_on, day),
        due_on=review.due_on,
        template_revision=review.template_revision,
        started_by=review.started_by,
        started_at=review.started_at,
        checked_on=review.checked_on,
        items=items,
        carried=tuple(_action(a, scheme) for a in _carried(session, review)),
        signed_on=review.signed_on,
        signed_at=review.signed_at,
        signer_name=review.signer_name,
        signer_acting=review.signer_acting,
        signed_in_user=review.signed_in_user,
        signature_sha256=review.signature_sha256,
        pdf_sha256=review.pdf_sha256,
    )


def get_review(db: Database, review_id: int, today: date | None = None) -> ReviewDetails:
    with db.read() as session:
        return details_of(session, load_review(session, review_id), today or clock.today())


def quarter_rows(db: Database, today: date | None = None) -> list[QuarterRow]:
    """Every quarter from the first reviewed (or the last one ended) to today's, newest first."""
    day = today or clock.today()
    with db.read() as session:
        return quarter_rows_in(session, day)


def quarter_rows_in(session: Session, day: date) -> list[QuarterRow]:
    scheme = scheme_of(session)
    days = settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)
    reviews = {r.quarter_start: r for r in session.execute(_review_query()).scalars()}
    current = quarter_of(day)
    first = min([current.previous.start, *reviews]) if reviews else current.previous.start
    rows, quarter = [], current
    while quarter.start >= first:
        review = reviews.get(quarter.start)
        rows.append(_quarter_row(quarter, review, scheme, days, day))
        quarter = quarter.previous
    future = [r for start, r in reviews.items() if start > current.start]  # clock moved back
    rows[:0] = [_quarter_row(Quarter(r.quarter_start), r, scheme, days, day) for r in future]
    return rows


def _quarter_row(
    quarter: Quarter, review: QuarterlyReview | None, scheme: QuarterScheme, days: int, day: date
) -> QuarterRow:
    due = review.due_on if review is not None else due_on(quarter, days)
    status = review_status(
        review is not None, review is not None and review.signed_at is not None, due, day
    )
    if review is None:
        return QuarterRow(quarter, quarter.name(scheme), quarter.key(scheme), due, status)
    return QuarterRow(
        quarter,
        quarter.name(scheme),
        quarter.key(scheme),
        due,
        status,
        review_id=review.id,
        started_on=review.started_at.date(),
        signed_by=review.signer_name,
        signed_on=review.signed_on,
        answered=sum(1 for i in review.items if i.result is not None),
        items=len(review.items),
        issues=sum(1 for i in review.items if i.result is ItemResult.ISSUE),
        open_actions=sum(1 for a in review.actions if a.done_on is None),
    )


def find_quarter(db: Database, text: str, today: date | None = None) -> Quarter:
    """The quarter typed like 2026Q3 under this database's numbering; never a future one."""
    day = today or clock.today()
    with db.read() as session:
        scheme = scheme_of(session)
    quarter = parse_quarter(text, scheme)
    check_not_future(quarter, day, scheme)
    return quarter


# --- starting ----------------------------------------------------------------------------------


def start_review(
    db: Database, actor: Actor, quarter: Quarter, today: date | None = None
) -> ReviewDetails:
    """Begin a quarter's review: its checklist is built from the template as it stands, per
    active channel, and the automatic items are filled in from the records."""
    require(actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = insert_review(session, actor, quarter, day, clock.now())
        review_checks.refresh(session, review, day)
        session.flush()
        return details_of(session, load_review(session, review.id), day)


def insert_review(
    session: Session, actor: Actor, quarter: Quarter, day: date, at: datetime
) -> QuarterlyReview:
    scheme = scheme_of(session)
    check_not_future(quarter, day, scheme)
    if review_of(session, quarter) is not None:
        raise ValidationError(
            f"The review of {quarter.title(scheme)} has already begun. Open it from the list."
        )
    number, template = review_template.snapshot(session)
    if not template:
        raise ValidationError(
            "The checklist template has no items. An administrator adds them in Reviews → "
            "Checklist template."
        )
    channels = list(
        session.execute(
            select(Channel)
            .options(selectinload(Channel.settings))
            .where(Channel.active.is_(True))
            .order_by(Channel.name)
        ).scalars()
    )
    days = settings.read_int(session, DUE_DAYS_KEY, DEFAULT_DUE_DAYS)
    review = QuarterlyReview(
        quarter_start=quarter.start,
        due_on=due_on(quarter, days),
        template_revision=number,
        template_snapshot=review_template.snapshot_json(template),
        started_by=actor.display_name,
        started_at=at,
    )
    session.add(review)
    session.flush()
    position = 0
    for where in [*channels, None]:
        for t in template:
            if t.per_channel != (where is not None):
                continue
            position += 1
            session.add(
                ReviewItem(
                    review_id=review.id,
                    position=position,
                    channel_id=where.id if where else None,
                    channel_name=where.name if where else "",
                    clauses=t.clauses,
                    text=t.text,
                    guidance=t.guidance,
                    auto=t.auto,
                    agreed_settings=(
                        review_checks.agreed_settings(where)
                        if where is not None and t.auto is AutoCheck.PRIVACY
                        else ""
                    ),
                )
            )
    session.flush()
    session.refresh(review)
    audit.record(
        session,
        actor,
        "add",
        "quarterly_review",
        review.id,
        f"Began the quarterly review of {quarter.title(scheme)} ({position} items, checklist "
        f"template revision {number})",
        {"quarter": quarter.key(scheme), "due_on": review.due_on},
    )
    return review


def check_records_again(
    db: Database, actor: Actor, review_id: int, today: date | None = None
) -> ReviewDetails:
    """Fill in the automatic items again, e.g. after a consent or induction was recorded."""
    require(actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = _open_review(session, review_id)
        review_checks.refresh(session, review, day)
        audit.record(
            session,
            actor,
            "edit",
            "quarterly_review",
            review.id,
            f"Checked the records again for the review of {_title(session, review)}",
        )
        return details_of(session, review, day)


# --- answering ---------------------------------------------------------------------------------


def _title(session: Session, review: QuarterlyReview) -> str:
    return Quarter(review.quarter_start).title(scheme_of(session))


def _open_review(session: Session, review_id: int) -> QuarterlyReview:
    review = load_review(session, review_id)
    if review.signed_at is not None:
        raise ValidationError(
            f"The review of {_title(session, review)} was signed off on "
            f"{format_date(review.signed_on)} and can no longer be changed. Record anything new "
            "in the current quarter's review."
        )
    return review


def _open_item(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise NotFound("That checklist item is no longer in the review.")
    _open_review(session, item.review_id)
    return item


def answer_item(
    db: Database, actor: Actor, item_id: int, result: ItemResult | None, notes: str
) -> ItemRecord:
    """Record an item's result and notes. Items hsdesk fills in from its records keep the
    records' result; the reviewer adds notes (and actions) to them."""
    require(actor, Permission.CONDUCT_REVIEWS)
    notes = notes.strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError(
            f"The notes are {len(notes)} characters long; keep them within {MAX_NOTES} and "
            "attach anything longer as evidence."
        )
    with db.write() as session:
        item = _open_item(session, item_id)
        automatic = answered_from_records(item.auto)
        if automatic and result is not None and result is not item.result:
            raise ValidationError(
                f"'{item.text}' is filled in from hsdesk's records, so its result cannot be "
                "changed by hand. If the records are wrong, correct them and press Check records "
                "again; add a note to explain anything else."
            )
        if result is None and not automatic and item.result is not None:
            raise ValidationError("Choose Pass, Issue found or Not applicable for this item.")
        changed = (result or item.result) is not item.result or notes != item.notes
        if not changed:
            return _item(item, [])
        if not automatic and result is not None:
            item.result = result
            item.answered_by = actor.display_name
            item.answered_at = clock.now()
        item.notes = notes
        session.flush()
        audit.record(
            session,
            actor,
            "edit",
            "review_item",
            item.id,
            f"{_item_label(item)}: {item.result.label if item.result else 'not answered'}",
            {"result": item.result, "notes": notes},
        )
        return _item(item, [])


def add_evidence(
    db: Database, actor: Actor, item_id: int, data: bytes, file_name: str
) -> EvidenceRecord:
    """Attach a screenshot or a file (an image or a PDF, up to 25 MB) to an item."""
    require(actor, Permission.CONDUCT_REVIEWS)
    media_type = checked_scan(data, file_name)
    with db.write() as session:
        item = _open_item(session, item_id)
        stored = add_file(session, db.files, data, file_name, media_type)
        if any(e.sha256 == stored.sha256 for e in item.evidence):
            raise ValidationError(f"{file_name} is already attached to this item.")
        row = ReviewEvidence(
            item_id=item.id,
            sha256=stored.sha256,
            file_name=file_name[:260],
            media_type=media_type,
            added_by=actor.username,
            added_at=clock.now(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "add",
            "review_evidence",
            row.id,
            f"Attached {file_name} to '{_item_label(item)}'",
            {"sha256": stored.sha256},
        )
        return _evidence(row)


def remove_evidence(db: Database, actor: Actor, evidence_id: int) -> None:
    require(actor, Permission.CONDUCT_REVIEWS)
    with db.write() as session:
        row = session.get(ReviewEvidence, evidence_id)
        if row is None:
            raise NotFound("That evidence is no longer attached.")
        item = _open_item(session, row.item_id)
        session.delete(row)
        audit.record(
            session,
            actor,
            "delete",
            "review_evidence",
            evidence_id,
            f"Removed {row.file_name} from '{_item_label(item)}'",
            {"sha256": row.sha256},
        )


# --- actions -----------------------------------------------------------------------------------


def action_owners(db: Database, today: date | None = None) -> list[tuple[int, str]]:
    """Who can own an action: current trustees, staff and volunteers."""
    day = today or clock.today()
    with db.read() as session:
        people = session.execute(
            select(Person)
            .where(Person.kind.in_(COVERED_KINDS))
            .order_by(Person.last_name, Person.first_name)
        ).scalars()
        return [(p.id, full_name(p)) for p in people if not has_left(p, day)]


def add_action(
    db: Database, actor: Actor, review_id: int, data: ActionInput, today: date | None = None
) -> ActionRecord:
    require(actor, Permission.CONDUCT_REVIEWS)
    day = today or clock.today()
    with db.write() as session:
        review = _open_review(session, review_id)
        row = insert_action(session, actor, review, data, day, clock.now())
        return _action(row, scheme_of(session))


def insert_action(
    session: Session,
    actor: Actor,
    review: QuarterlyReview,
    data: ActionInput,
    day: date,
    at: datetime,
) -> ReviewAction:
    what = data.what.strip()
    if not what:
        raise ValidationError("Say what is to be done, e.g. 'Update the opening times'.")
    if len(what) > 1000:
        raise ValidationError("Keep the action within 1,000 characters; put detail in the notes.")
    if data.due_on is None:
        raise ValidationError("Give the date the action is due by (dd/mm/yyyy).")
    if data.due_on < review.quarter_start:
        raise ValidationError(
            f"The due date {format_date(data.due_on)} is before the quarter began. Choose a "
            "date from today onwards."
        )
    owner = session.get(Person, data.owner_id)
    if owner is None or owner.kind not in COVERED_KINDS or has_left(owner, day):
        raise ValidationError(
            "An action's owner must be a current trustee, member of staff or volunteer. "
            "Choose one from the list."
        )
    if data.item_id is not None and not any(i.id == data.item_id for i in review.items):
        raise NotFound("That checklist item is not part of this review.")
    row = ReviewAction(
        review_id=review.id,
        item_id=data.item_id,
        what=what,
        owner_id=owner.id,
        due_on=data.due_on,
        created_by=actor.username,
        created_at=at,
    )
    session.add(row)
    session.flush()
    session.refresh(row)
    audit.record(
        session,
        actor,
        "add",
        "review_action",
        row.id,
        f"Action for {full_name(owner)} by {format_date(data.due_on)}: {what}",
        {"review": review.id, "item": data.item_id},
    )
    return row


def remove_action(db: Database, actor: Actor, action_id: int) -> None:
    """Take back an action raised by mistake, while its review is not yet signed off."""
    require(actor, Permission.CONDUCT_REVIEWS)
    with db.write() as session:
        row = session.get(ReviewAction, action_id)
        if row is None:
            raise NotFound("That action is no longer in the review.")
        _open_review(session, row.review_id)
        session.delete(row)
        audit.record(
            session, actor, "delete", "review_action", action_id, f"Removed the action: {row.what}"
        )


def complete_action(
    db: Database,
    actor: Actor,
    action_id: int,
    done_on: date | None,
    note: str = "",
    today: date | None = None,
) -> ActionRecord:
    """Record an action done: by whoever works on reviews, or by its owner. Allowed after the
    review that raised it was signed off, since that is how roll-over ends."""
    day = today or clock.today()
    with db.write() as session:
        row = session.get(ReviewAction, action_id)
        if row is None:
            raise NotFound("That action is no longer in the register.")
        if not allowed(actor, Permission.CONDUCT_REVIEWS) and actor.person_id != row.owner_id:
            raise PermissionDenied(
                "Only the action's owner, a trustee, the Scheme Development Manager or an "
                "administrator can record that it was done."
            )
        # Kept to the microsecond: roll-over compares it with sign-off times.
        insert_completion(session, actor, row, done_on, note, day, clock.now())
        return _action(row, scheme_of(session))


def insert_completion(
    session: Session,
    actor: Actor,
    row: ReviewAction,
    done_on: date | None,
    note: str,
    day: date,
    at: datetime,
) -> None:
    if row.done_on is not None:
        raise ValidationError(
            f"This action was already recorded done on {format_date(row.done_on)}."
        )
    if done_on is None:
        raise ValidationError("Give the date the action was done (dd/mm/yyyy).")
    if done_on > day:
        raise ValidationError(
            f"{format_date(done_on)} is in the future. Record the action once it is done."
        )
    if done_on < row.created_at.date():
        raise ValidationError(
            f"The action was raised on {format_date(row.created_at.date())}; it cannot have "
            "been done before that."
        )
    row.done_on, row.done_note = done_on, note.strip()
    row.done_by, row.done_at = actor.username, at
    session.flush()
    audit.record(
        session,
        actor,
        "edit",
        "review_action",
        row.id,
        f"Action done on {format_date(done_on)}: {row.what}",
        {"note": row.done_note},
    )


# --- sign-off ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewSignoff:
    """What the Vice Chair gives: their own username and password, and their signature."""

    username: str
    password: str
    signature: SignatureChoice


def signoff_blockers(review: ReviewDetails) -> list[str]:
    return signoff_problems(
        [ItemState(i.label, i.result, bool(i.notes.strip()), bool(i.actions)) for i in review.items]
    )


def sign_off(
    db: Database, actor: Actor, review_id: int, given: ReviewSignoff, today: date | None = None
) -> ReviewDetails:
    """The Vice Chair's sign-off: in office today, every item answered, every issue explained
    by a note or an action. The automatic items are checked once more first."""
    day = today or clock.today()
    with db.write() as session:
        review = _open_review(session, review_id)
        quarter = Quarter(review.quarter_start)
        if day < quarter.end:
            raise ValidationError(
                f"The review of {_title(session, review)} covers the quarter to "
                f"{format_date(quarter.end)}, so it can be signed off from that day."
            )
        signer = verify_signoff(session, given.username, given.password, Office.VICE_CHAIR, day)
        review_checks.refresh(session, review, day)
        session.flush()
        problems = signoff_blockers(details_of(session, review, day))
        if problems:
            count = len(problems)
            raise ValidationError(
                f"Not signed off: {count} item{'s' if count != 1 else ''} still "
                f"need{'s' if count == 1 else ''} attention.\n- " + "\n- ".join(problems[:12])
            )
        signature = chosen_signature(
            session, db, actor, signer.person_id, given.signature, Office.VICE_CHAIR.label
        )
        record_signoff(session, actor, review, signer, signature, clock.now())
        return details_of(session, review, day)


def record_signoff(
    session: Session,
    actor: Actor,
    review: QuarterlyReview,
    signer: Signer,
    signature_sha256: str,
    at: datetime,
) -> None:
    """Mark the review signed by a verified ``signer``; the rolled-over actions are frozen."""
    for action in _carried(session, review):
        session.add(ReviewCarried(review_id=review.id, action_id=action.id))
    review.signed_on = signer.on
    review.signed_at = at
    review.signer_id = signer.person_id
    review.signer_name = signer.name
    review.signer_acting = signer.acting
    review.signed_in_user = actor.username
    review.signature_sha256 = signature_sha256
    session.flush()
    audit.record(
        session,
        actor,
        "sign",
        "quarterly_review",
        review.id,
        f"{signer.name} ({'acting ' if signer.acting else ''}Vice Chair) signed off the review "
        f"of {_title(session, review)} on {format_date(signer.on)}",
        {"signature": signature_sha256},
        signer=signer.username,
    )
