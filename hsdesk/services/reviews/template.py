"""The quarterly checklist's template: kept in the database, edited by administrators, and
copied into each review when it begins (so editing it never changes a review already begun)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import ReviewTemplateItem
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.duties import Citations
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.domain.review import AutoCheck
from hsdesk.domain.review_defaults import current_template
from hsdesk.domain.review_records import TemplateInput, TemplateItem
from hsdesk.services.platform import audit, settings
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations, duty_for_clause

REVISION_KEY = "review_template_revision"
MAX_TEXT = 300


def _record(row: ReviewTemplateItem, cite: Citations) -> TemplateItem:
    duties = tuple(d for d in row.duties.split(",") if d)
    return TemplateItem(
        row.id, row.position, row.per_channel, cite.numbers(*duties), row.text, row.guidance,
        row.auto, row.active, duties,
    )  # fmt: skip


def _records(session: Session, active_only: bool) -> list[TemplateItem]:
    cite = citations(session)
    return [_record(r, cite) for r in _rows(session, active_only)]


def _rows(session: Session, active_only: bool) -> list[ReviewTemplateItem]:
    query = select(ReviewTemplateItem).order_by(ReviewTemplateItem.position, ReviewTemplateItem.id)
    if active_only:
        query = query.where(ReviewTemplateItem.active.is_(True))
    return list(session.execute(query).scalars())


def list_template(db: Database, active_only: bool = False) -> list[TemplateItem]:
    with db.read() as session:
        return _records(session, active_only)


def revision(session: Session) -> int:
    return settings.read_int(session, REVISION_KEY, 1)


def snapshot(session: Session) -> tuple[int, list[TemplateItem]]:
    """The revision number and the active items a review begun now is built from."""
    return revision(session), _records(session, True)


def snapshot_json(items: list[TemplateItem]) -> str:
    return json.dumps(
        [
            {
                "per_channel": i.per_channel,
                "clauses": i.clauses,
                "duties": list(i.duties),
                "text": i.text,
                "guidance": i.guidance,
                "auto": i.auto.value if i.auto else None,
            }
            for i in items
        ],
        ensure_ascii=False,
    )


def _changed(session: Session, actor: Actor, row: ReviewTemplateItem, summary: str) -> None:
    row.changed_by = actor.username
    row.changed_at = clock.now()
    number = revision(session) + 1
    settings.write(session, REVISION_KEY, str(number))
    session.flush()
    audit.record(
        session,
        actor,
        "edit",
        "review_template_item",
        row.id,
        f"{summary} (checklist template revision {number})",
        {"text": row.text, "duties": row.duties, "active": row.active},
    )


def _clean(data: TemplateInput) -> TemplateInput:
    text, clauses = " ".join(data.text.split()), data.clauses.strip()
    if not text:
        raise ValidationError(
            "Type the question the reviewer answers, e.g. 'Content is up to date'."
        )
    if len(text) > MAX_TEXT:
        raise ValidationError(
            f"The question is {len(text)} characters long; keep it within {MAX_TEXT} and put "
            "the detail in the guidance."
        )
    if len(clauses) > 60:
        raise ValidationError("Choose a few clauses of the adopted policy, not more.")
    return TemplateInput(data.per_channel, clauses, text, data.guidance.strip())


def _duties(session: Session, actor: Actor, clauses: str) -> str:
    """The duties an item cites, from clause numbers of the adopted version."""
    numbers = [n.strip() for n in clauses.replace(";", ",").split(",") if n.strip()]
    return ",".join(dict.fromkeys(duty_for_clause(session, actor, n) for n in numbers))


def _row(session: Session, item_id: int) -> ReviewTemplateItem:
    row = session.get(ReviewTemplateItem, item_id)
    if row is None:
        raise NotFound("That checklist item is no longer in the template.")
    return row


def add_item(db: Database, actor: Actor, data: TemplateInput) -> TemplateItem:
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    data = _clean(data)
    with db.write() as session:
        last = max((r.position for r in _rows(session, False)), default=0)
        row = ReviewTemplateItem(
            position=last + 1,
            per_channel=data.per_channel,
            duties=_duties(session, actor, data.clauses),
            text=data.text,
            guidance=data.guidance,
            active=True,
        )
        session.add(row)
        _changed(session, actor, row, f"Added '{data.text}' to the quarterly checklist")
        return _record(row, citations(session))


def edit_item(db: Database, actor: Actor, item_id: int, data: TemplateInput) -> TemplateItem:
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    data = _clean(data)
    with db.write() as session:
        row = _row(session, item_id)
        if row.auto is not None and data.per_channel != row.per_channel:
            raise ValidationError(
                "This item is filled in from hsdesk's records, which decide whether it is asked "
                "per channel; change only its wording."
            )
        cite = citations(session)
        if data.clauses.replace(" ", "") != cite.numbers(*row.duties.split(",")).replace(" ", ""):
            row.duties = _duties(session, actor, data.clauses)
        row.per_channel = data.per_channel
        row.text, row.guidance = data.text, data.guidance
        _changed(session, actor, row, f"Changed the checklist item '{data.text}'")
        return _record(row, cite)


def set_active(db: Database, actor: Actor, item_id: int, active: bool) -> TemplateItem:
    """Retire an item from future reviews (past reviews keep it), or bring it back."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        row = _row(session, item_id)
        row.active = active
        verb = "Brought back" if active else "Retired"
        _changed(session, actor, row, f"{verb} the checklist item '{row.text}'")
        return _record(row, citations(session))


def move_item(db: Database, actor: Actor, item_id: int, step: int) -> None:
    """Move an item up (-1) or down (+1) the checklist."""
    require(db, actor, Permission.MANAGE_ACCOUNTS)
    with db.write() as session:
        rows = _rows(session, False)
        index = next((n for n, r in enumerate(rows) if r.id == item_id), None)
        if index is None:
            raise NotFound("That checklist item is no longer in the template.")
        other = index + step
        if not 0 <= other < len(rows):
            return
        rows[index], rows[other] = rows[other], rows[index]
        for n, row in enumerate(rows, 1):
            row.position = n
        _changed(session, actor, rows[other], f"Moved '{rows[other].text}' in the checklist")


def seed_defaults(session: Session, by: str) -> None:
    """Put the default checklist in an empty template (after the demo replaced everything)."""
    if _rows(session, False):
        return
    now = clock.now()
    for n, (per_channel, duties, text, guidance, auto) in enumerate(current_template(), 1):
        session.add(
            ReviewTemplateItem(
                position=n,
                per_channel=per_channel,
                duties=",".join(duties),
                text=text,
                guidance=guidance,
                auto=AutoCheck(auto) if auto else None,
                active=True,
                changed_by=by,
                changed_at=now,
            )
        )
    session.flush()
