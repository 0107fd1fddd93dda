"""The registers on the Dashboard: complaints awaiting a private reply (overdue ones at the very
top), declarations due to be confirmed again, and open breaches for those who handle them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.attention import Area, listed
from hsdesk.domain.dates import format_date
from hsdesk.domain.duties import D
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.records import AttentionItem
from hsdesk.domain.registers import (
    BREACHES_PAGE,
    COMPLAINTS_PAGE,
    CONNECTIONS_PAGE,
    ComplaintState,
)
from hsdesk.services.policy.duties import citations
from hsdesk.services.registers.breaches import open_breach_count
from hsdesk.services.registers.complaints import waiting_for_reply
from hsdesk.services.registers.connections import due_for_reconfirmation
from hsdesk.services.registers.reply_time import reply_hours_in

AREA = Area.REGISTERS


def complaint_items(session: Session, day: date) -> list[AttentionItem]:
    hours = reply_hours_in(session)
    asks = citations(session).ref(D.COMPLAINTS)
    asks = asks[:1].upper() + asks[1:]
    items = []
    for c in waiting_for_reply(session, clock.moment_on(day)):
        where = f" ({c.where})" if c.where else ""
        if c.state is ComplaintState.OVERDUE:
            items.append(
                AttentionItem(
                    "urgent",
                    f"Complaint {c.reference} on {c.channel_name}: no private reply, "
                    f"{c.reply_time}",
                    f"Seen {c.seen_at:%d/%m/%Y %H:%M}{where}: {c.summary} {asks} asks for a "
                    f"private reply straight away (within {hours} hours here). Reply privately, "
                    "then record the reply in Registers → Complaints.",
                    AREA,
                    COMPLAINTS_PAGE,
                )
            )
        else:
            items.append(
                AttentionItem(
                    "warning",
                    f"Complaint {c.reference} on {c.channel_name} awaiting a private reply "
                    f"({c.reply_time})",
                    f"Seen {c.seen_at:%d/%m/%Y %H:%M}{where}: {c.summary} A private reply is due "
                    f"within {hours} hours of it being seen.",
                    AREA,
                    COMPLAINTS_PAGE,
                )
            )
    return items


def connection_items(session: Session, day: date) -> list[AttentionItem]:
    due = due_for_reconfirmation(session, day)
    if not due:
        return []
    count = len(due)
    lines = [f"{c.person_name} and {c.other_name} (due {format_date(c.due_on)})" for c in due]
    return [
        AttentionItem(
            "warning",
            f"{count} declared connection{'s' if count != 1 else ''} due to be confirmed again",
            "Each declared link is confirmed every year "
            f"({citations(session).ref(D.DECLARED_CONNECTIONS)}): "
            + listed(lines)
            + ". Ask each person whether it still stands and record it in Registers → Declared "
            "connections.",
            AREA,
            CONNECTIONS_PAGE,
        )
    ]


def breach_items(session: Session, day: date) -> list[AttentionItem]:
    count = open_breach_count(session)
    if not count:
        return []
    return [
        AttentionItem(
            "warning",
            f"{count} breach record{'s' if count != 1 else ''} open",
            "Breaches of confidentiality or equal opportunities "
            f"({citations(session).ref(D.STAFF_BREACHES, D.VOLUNTEER_BREACHES)}) still being "
            "dealt with. Record the action and close each when it is finished.",
            AREA,
            BREACHES_PAGE,
        )
    ]


def register_summary(
    db: Database, actor: Actor | None = None, today: date | None = None
) -> dict[str, Any]:
    """The registers for `status --json`: complaints awaiting a private reply (with their age in
    hours), declarations due to be confirmed again, and, only for someone who handles breaches,
    the open breach records."""
    day = today or clock.today()
    at = clock.moment_on(day)
    with db.read() as session:
        waiting = waiting_for_reply(session, at)
        due = due_for_reconfirmation(session, day)
        summary: dict[str, Any] = {
            "reply_within_hours": reply_hours_in(session),
            "complaints_awaiting_reply": [
                {
                    "complaint": c.reference,
                    "channel": c.channel_name,
                    "seen_at": c.seen_at.isoformat(),
                    "hours_waiting": round((at - c.seen_at).total_seconds() / 3600, 1),
                    "overdue": c.state is ComplaintState.OVERDUE,
                }
                for c in waiting
            ],
            "connections_to_confirm": [
                {
                    "declared_by": c.person_name,
                    "with": c.other_name,
                    "due_on": c.due_on.isoformat() if c.due_on else None,
                }
                for c in due
            ],
        }
        if actor is not None and allowed(actor, Permission.HANDLE_BREACHES):
            summary["breaches_open"] = open_breach_count(session)
        return summary
