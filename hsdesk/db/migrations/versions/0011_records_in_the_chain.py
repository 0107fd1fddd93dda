"""the audit chain covers the records: a baseline of every covered record's state

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 22:25:00
"""

from collections.abc import Sequence

from alembic import op

from hsdesk.db.record_state import COVERED, append_entry, states

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
    append_entry(
        connection,
        "hsdesk-upgrade",
        f"From here on the audit trail covers the records themselves ({len(records)} recorded "
        "as they are now): check reports any changed outside hsdesk",
        records,
    )


def downgrade() -> None:
    # The baseline entry stays: the chain is append-only, and an older hsdesk ignores it.
    pass
