"""the audit chain covers the records: a baseline of every covered record's state

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 22:25:00
"""

import json
from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from alembic import op

from hsdesk.db.record_state import COVERED, RECORDS, states
from hsdesk.domain.audit_chain import GENESIS, content_v1, entry_hash
from hsdesk.domain.clock import now as clock_now

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    records: dict[str, str | None] = {}
    for name in COVERED:
        records.update(states(connection, name))
    if not records:  # a new database: every record it gets is sealed as it is written
        return
    _append_v1(
        connection,
        "hsdesk-upgrade",
        f"From here on the audit trail covers the records themselves ({len(records)} recorded "
        "as they are now): check reports any changed outside hsdesk",
        records,
    )


def _append_v1(
    connection: sa.Connection, actor: str, summary: str, records: Mapping[str, str | None]
) -> None:
    """The baseline entry, hashed as entries were before 0013 (over their text)."""
    trail = sa.table(
        "audit_entry",
        sa.column("at", sa.DateTime()),
        *(sa.column(name) for name in ("seq", "actor", "signer", "action", "entity")),
        *(sa.column(name) for name in ("entity_id", "summary", "data", "prev_hash", "hash")),
    )
    last = connection.execute(
        sa.select(trail.c.seq, trail.c.hash).order_by(trail.c.seq.desc()).limit(1)
    ).first()
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    row = {
        "seq": seq,
        "at": clock_now().replace(microsecond=0),
        "actor": actor,
        "signer": None,
        "action": "record_state",
        "entity": "records",
        "entity_id": "",
        "summary": summary,
        "data": json.dumps({RECORDS: dict(records)}, sort_keys=True, ensure_ascii=False),
        "prev_hash": previous,
    }
    row["hash"] = entry_hash(previous, content_v1(row))
    connection.execute(trail.insert().values(**row))


def downgrade() -> None:
    # The baseline entry stays: the chain is append-only, and an older hsdesk ignores it.
    pass
