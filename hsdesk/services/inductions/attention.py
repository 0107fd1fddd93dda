"""What inductions put on the Dashboard and in `status --json`: overdue acknowledgements, new
people still to induct, and progress towards everyone acknowledging the current version."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.dates import format_date
from hsdesk.domain.induction import InductionStatus
from hsdesk.domain.induction_records import InductionRow
from hsdesk.domain.records import AttentionItem
from hsdesk.services.inductions.records import induction_rows, progress_of, standing

AREA = Area.INDUCTIONS


def _line(row: InductionRow) -> str:
    return f"{row.name}, {row.role}, due {format_date(row.due_on)}"


def _due(row: InductionRow) -> date:
    return row.due_on


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def induction_items(session: Session, day: date) -> list[AttentionItem]:
    version, rows = standing(session, day)
    if version is None or not rows:
        return []
    progress = progress_of(version, rows)
    overdue = sorted((r for r in rows if r.status is InductionStatus.OVERDUE), key=_due)
    waiting = sorted((r for r in rows if r.status is InductionStatus.OUTSTANDING), key=_due)
    items = []
    if overdue:
        items.append(
            AttentionItem(
                "warning",
                f"{_people(len(overdue))} overdue to acknowledge the policy",
                f"Not acknowledged {progress.version_label}: "
                + listed([_line(r) for r in overdue])
                + ". Print their induction packs in Inductions and record each acknowledgement.",
                AREA,
            )
        )
    if waiting:
        items.append(
            AttentionItem(
                "info",
                f"{_people(len(waiting))} to induct",
                "Give them the policy and record their acknowledgement: "
                + listed([_line(r) for r in waiting])
                + ".",
                AREA,
            )
        )
    if progress.acknowledged < progress.total:
        items.append(
            AttentionItem(
                "info",
                f"Policy acknowledgements: {progress.text}",
                f"{progress.version_label}, adopted {format_date(progress.adopted_on)}: "
                f"{progress.acknowledged} of {progress.total} current trustees, staff and "
                f"volunteers have acknowledged it; {progress.overdue} overdue.",
                AREA,
            )
        )
    return items


def induction_summary(db: Database, today: date | None = None) -> dict[str, Any] | None:
    """The current version's progress and everyone outstanding, for `status --json`."""
    progress, rows = induction_rows(db, today)
    if progress is None:
        return None
    return {
        "version": progress.version_label,
        "adopted_on": progress.adopted_on.isoformat(),
        "total": progress.total,
        "acknowledged": progress.acknowledged,
        "outstanding": progress.outstanding,
        "overdue": progress.overdue,
        "people": [
            {
                "person": r.person_id,
                "name": r.name,
                "role": r.role,
                "status": r.status.value,
                "due_on": r.due_on.isoformat(),
            }
            for r in rows
            if r.status is not InductionStatus.DONE
        ],
    }
