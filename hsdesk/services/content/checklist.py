"""The approver's checklist: the built-in points, and points an administrator added by citing a
clause of the adopted policy (a clause with no built-in duty, such as a new one in a revision).
Each point is shown with the clauses of the version in force for the decision."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import ApprovalCheckItem
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import CHECKLIST, CheckItem
from hsdesk.domain.duties import Citations
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.duties import citations, duty_for_clause

ADDED = "added-"  # the answer key of an added point: "added-3"
TEXT_LIMIT = 300


@dataclass(frozen=True, slots=True)
class AddedPoint:
    id: int
    text: str
    clauses: str  # in the adopted version
    active: bool


def _added(session: Session, active_only: bool) -> list[ApprovalCheckItem]:
    query = select(ApprovalCheckItem).order_by(ApprovalCheckItem.position, ApprovalCheckItem.id)
    if active_only:
        query = query.where(ApprovalCheckItem.active.is_(True))
    return list(session.execute(query).scalars())


def points(session: Session) -> list[CheckItem]:
    """What the approver confirms today: the built-in points, then the added ones in use."""
    return [
        *CHECKLIST,
        *(CheckItem(f"{ADDED}{row.id}", row.text, (row.duty,)) for row in _added(session, True)),
    ]


def approval_checklist(db: Database) -> tuple[list[CheckItem], Citations]:
    """The points to confirm and the adopted version's citations to show beside them."""
    with db.read() as session:
        return points(session), citations(session)


def added_points(db: Database) -> list[AddedPoint]:
    with db.read() as session:
        cite = citations(session)
        return [
            AddedPoint(row.id, row.text, cite.numbers(row.duty), row.active)
            for row in _added(session, False)
        ]


def add_point(db: Database, actor: Actor, text: str, clause: str) -> AddedPoint:
    """Add a point citing one clause of the adopted policy to every later approval."""
    require(db, actor, Permission.EDIT_CHECKLISTS)
    text = " ".join(text.split())
    if not text:
        raise ValidationError(
            "Type the point the approver confirms, e.g. 'Children are named by first name only'."
        )
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            f"The point is {len(text)} characters long; keep it within {TEXT_LIMIT}."
        )
    if not clause.strip():
        raise ValidationError("Choose the clause of the adopted policy that this point checks.")
    with db.write() as session:
        duty = duty_for_clause(session, actor, clause)
        last = max((r.position for r in _added(session, False)), default=0)
        row = ApprovalCheckItem(
            position=last + 1,
            text=text,
            duty=duty,
            active=True,
            changed_by=actor.username,
            changed_at=clock.now(),
        )
        session.add(row)
        session.flush()
        cite = citations(session)
        audit.record(
            session,
            actor,
            "add",
            "approval_check_item",
            row.id,
            f"Added '{text}'{cite.cited(duty)} to the approval checklist",
            {"duty": duty},
        )
        return AddedPoint(row.id, text, cite.numbers(duty), True)


def set_point_active(db: Database, actor: Actor, point_id: int, active: bool) -> None:
    """Stop asking an added point in later approvals (decisions made keep it), or ask it again."""
    require(db, actor, Permission.EDIT_CHECKLISTS)
    with db.write() as session:
        row = session.get(ApprovalCheckItem, point_id)
        if row is None:
            raise NotFound("That point is no longer on the approval checklist.")
        row.active = active
        row.changed_by, row.changed_at = actor.username, clock.now()
        verb = "Asking again" if active else "No longer asking"
        audit.record(
            session,
            actor,
            "edit",
            "approval_check_item",
            row.id,
            f"{verb} '{row.text}' in the approval checklist",
            {"active": active},
        )
