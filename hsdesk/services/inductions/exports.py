"""The inductions register as a CSV file for Excel: everyone current with where they stand on
the adopted version, then every other induction record (earlier versions, people who left)."""

from __future__ import annotations

from pathlib import Path

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.induction_records import InductionRecord
from hsdesk.domain.permissions import Permission
from hsdesk.domain.progress import Steps
from hsdesk.services.csv_export import write_csv
from hsdesk.services.inductions.records import all_records, standing
from hsdesk.services.platform.auth import require

CSV_HEADERS = (
    "Person number",
    "Name",
    "Role",
    "Policy version",
    "Status",
    "Due by",
    "Given on",
    "Given by",
    "Pack printed on",
    "Acknowledged on",
    "How",
    "Evidence file",
    "Recorded by",
    "Recorded at",
    "Notes",
)


def _record_cells(record: InductionRecord | None) -> tuple[object, ...]:
    if record is None:
        return ("",) * 9
    return (
        format_date(record.given_on),
        record.given_by,
        format_date(record.pack_printed_on),
        format_date(record.acknowledged_on),
        record.method.label if record.method else "",
        record.evidence_name,
        record.recorded_by,
        format_datetime(record.recorded_at),
        record.notes,
    )


def induction_rows_for_csv(db: Database, actor: Actor) -> list[tuple[object, ...]]:
    require(db, actor, Permission.RECORD_INDUCTIONS)
    rows: list[tuple[object, ...]] = []
    with db.read() as session:
        version, current = standing(session, clock.today())
        records = all_records(session)
        label = f"{version.document.name} version {version.number}" if version else ""
    shown = set()
    covered = {row.person_id for row in current}
    for row in current:
        if row.current is not None:
            shown.add(row.current.id)
        rows.append(
            (row.person_id, row.name, row.role, label, row.status.label, format_date(row.due_on))
            + _record_cells(row.current)
        )
    for record in records:
        if record.id in shown:
            continue
        status = "Earlier version" if record.person_id in covered else "Left"
        if record.acknowledged_on is None and record.person_id in covered:
            status = "Earlier version, not acknowledged"
        rows.append(
            (record.person_id, record.person_name, record.role, record.version_label, status, "")
            + _record_cells(record)
        )
    return rows


def export_inductions_csv(
    db: Database,
    actor: Actor,
    target: Path,
    steps: Steps | None = None,
) -> int:
    """Write the register atomically; returns the number of rows."""
    rows = induction_rows_for_csv(db, actor)
    return write_csv(target, CSV_HEADERS, rows, steps=steps)
