"""sign-in accounts count wrong passwords in a row, to pause guessing

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(
            sa.Column("wrong_passwords", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("last_wrong_password", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("last_wrong_password")
        batch_op.drop_column("wrong_passwords")
