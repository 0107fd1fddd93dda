"""server mode: stored files' bytes and the signing identity kept in the database; word search
on PostgreSQL

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 11:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The words of a content item's title and text, as PostgreSQL's word search sees them. The same
# expression (title, then body) is built by hsdesk.db.fulltext, so the search uses this index.
SEARCH_INDEX = "content_fts_words"
SEARCH_WORDS = "to_tsvector('simple'::regconfig, title || ' ' || body)"


def upgrade() -> None:
    op.create_table(
        "stored_file_content",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_file_content")),
    )
    op.create_table(
        "signing_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_pem", sa.Text(), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_identity")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Photos and PDFs are compressed already: store them as they are, out of line.
        op.execute("ALTER TABLE stored_file_content ALTER COLUMN data SET STORAGE EXTERNAL")
        op.execute(f"CREATE INDEX {SEARCH_INDEX} ON content_item USING gin ({SEARCH_WORDS})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    op.drop_table("signing_identity")
    op.drop_table("stored_file_content")
