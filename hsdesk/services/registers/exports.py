"""The registers as CSV files for Excel: complaints, breaches (only for those who handle them)
and declared connections."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.permissions import Permission
from hsdesk.domain.progress import Steps
from hsdesk.services.csv_export import write_csv
from hsdesk.services.platform.auth import require
from hsdesk.services.policy.versions import list_versions
from hsdesk.services.registers.breaches import list_breaches
from hsdesk.services.registers.complaints import list_complaints
from hsdesk.services.registers.connections import list_connections

COMPLAINT_HEADERS = (
    "Reference",
    "Seen on",
    "Channel",
    "Where (link)",
    "Summary",
    "Status",
    "Replied privately by",
    "Replied on",
    "How",
    "Time to private reply",
    "Over the time allowed",
    "Complaints procedure reference",
    "Outcome",
    "Closed on",
    "Takedown",
)
BREACH_HEADERS = (
    "Reference",
    "Date",
    "Person concerned",
    "Role then",
    "Clauses breached",
    "Policy version",
    "What happened",
    "Reported by",
    "Action",
    "Action date",
    "Action notes",
    "Status",
    "Closed on",
    "Recorded by",
)
CONNECTION_HEADERS = (
    "Declared by",
    "Role",
    "Connected with",
    "Their role",
    "Link",
    "Where",
    "Since",
    "Declared on",
    "Last confirmed",
    "Confirm again by",
    "Ended on",
    "Boundary rules that apply",
    "Notes",
)


def export_complaints_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    require(db, actor, Permission.RECORD_COMPLAINTS)
    rows = [
        (
            c.reference,
            format_datetime(c.seen_at),
            c.channel_name,
            c.where,
            c.summary,
            c.state.label,
            c.replied_by,
            format_datetime(c.replied_at),
            c.method.label if c.method else "",
            c.reply_time,
            "Yes" if c.late else "No",
            c.procedure_ref,
            c.outcome,
            format_date(c.closed_on),
            c.takedown,
        )
        for c in list_complaints(db)
    ]
    return write_csv(target, COMPLAINT_HEADERS, rows, steps=steps)


def export_breaches_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    """Every breach record; its clause numbers are those of the policy version named beside them
    (the one in force when it was recorded)."""
    versions = {v.id: v.label for v in list_versions(db)}
    rows = [
        (
            b.reference,
            format_date(b.occurred_on),
            b.person_name,
            b.person_role,
            ", ".join(b.clauses),
            versions.get(b.policy_version_id, "") if b.policy_version_id else "",
            b.what,
            b.reported_by,
            b.action.label if b.action else "",
            format_date(b.action_on),
            b.action_notes,
            b.status.label,
            format_date(b.closed_on),
            b.recorded_by,
        )
        for b in list_breaches(db, actor)
    ]
    return write_csv(target, BREACH_HEADERS, rows, steps=steps)


def export_connections_csv(
    db: Database,
    actor: Actor,
    target: Path,
    today: date | None = None,
    steps: Steps | None = None,
) -> int:
    rows = [
        (
            c.person_name,
            c.person_role,
            c.other_name,
            c.other_role,
            c.relationship,
            c.where,
            c.since_year or "",
            format_date(c.declared_on),
            format_date(c.reviewed_on),
            format_date(c.due_on),
            format_date(c.ended_on),
            " ".join(c.rules),
            c.notes,
        )
        for c in list_connections(db, actor, today)
    ]
    return write_csv(target, CONNECTION_HEADERS, rows, steps=steps)
