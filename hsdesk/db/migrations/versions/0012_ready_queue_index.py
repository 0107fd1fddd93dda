"""the "Ready to upload" queue is read from an index of the items with channels waiting

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = sa.text("waiting_channels > 0")


def upgrade() -> None:
    op.create_index(
        "ix_content_item_ready",
        "content_item",
        ["open_takedown", "updated_at"],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )


def downgrade() -> None:
    op.drop_index("ix_content_item_ready", table_name="content_item")
