"""The Reviews tab's list of quarters: what each column shows and how it sorts."""

from __future__ import annotations

from hsdesk.domain.review import STATUS_COLOURS
from hsdesk.domain.review_records import QuarterRow
from hsdesk.ui.record_table import Column

COLUMNS: list[Column[QuarterRow]] = [
    # Newest first when sorted "ascending", as the table first shows it.
    Column("Quarter", lambda r: r.name, sort=lambda r: -r.quarter.start.toordinal()),
    Column("Months", lambda r: r.quarter.months),
    Column("Status", lambda r: r.status.label, colour=lambda r: STATUS_COLOURS[r.status]),
    Column("Due by", lambda r: r.due_on),
    Column("Progress", lambda r: r.progress),
    Column("Issues", lambda r: r.issues if r.review_id else ""),
    Column("Open actions", lambda r: r.open_actions if r.review_id else ""),
    Column("Signed off by", lambda r: r.signed_by),
    Column("Signed on", lambda r: r.signed_on),
]
