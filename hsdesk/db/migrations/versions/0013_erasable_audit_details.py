"""a person's details can be erased without breaking the audit chain: each entry's hash covers a
salted digest of its personal details; the erasure and retention registers

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

from hsdesk.db.record_state import append_entry
from hsdesk.domain.audit_chain import (
    GENESIS,
    HASHED_V1,
    ChainedEntry,
    content_v1,
    entry_hash,
    first_break,
    seal_fields,
)

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("erased_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_erasure_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
        sa.UniqueConstraint("person_id", name=op.f("uq_erasure_person_id")),
    )
    op.create_table(
        "retention_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record", sa.String(length=40), nullable=False),
        sa.Column("keep_until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_hold")),
        sa.UniqueConstraint("record", name=op.f("uq_retention_hold_record")),
    )
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("audit_entry") as batch_op:
        batch_op.add_column(sa.Column("salt", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("erasure_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("hash_v1", sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_entry_erasure_id_erasure"), "erasure", ["erasure_id"], ["id"]
        )
    _reseal(op.get_bind())


_TRAIL = sa.table(
    "audit_entry",
    sa.column("at", sa.DateTime()),
    *(sa.column(name) for name in HASHED_V1 if name != "at"),
    *(sa.column(name) for name in ("prev_hash", "hash", "salt", "detail", "hash_v1")),
)


def _rows(connection: sa.Connection) -> Iterator[list[dict[str, object]]]:
    after = 0
    while True:
        found = connection.execute(
            sa.select(_TRAIL).where(_TRAIL.c.seq > after).order_by(_TRAIL.c.seq).limit(BATCH)
        ).mappings()
        rows = [dict(row) for row in found]
        if not rows:
            return
        yield rows
        after = int(str(rows[-1]["seq"]))


def _reseal(connection: sa.Connection) -> None:
    """Verify the chain as it was hashed (over its text), then seal every entry again over its
    salted details, keeping its former hash beside it; the upgrade's own entry says which."""
    expected_prev, expected_seq, problem = GENESIS, 1, None
    previous, last = GENESIS, 0
    update = (
        _TRAIL.update()
        .where(_TRAIL.c.seq == sa.bindparam("b_seq"))
        .values(
            salt=sa.bindparam("b_salt"),
            detail=sa.bindparam("b_detail"),
            prev_hash=sa.bindparam("b_prev"),
            hash=sa.bindparam("b_hash"),
            hash_v1=sa.bindparam("b_v1"),
        )
    )
    for rows in _rows(connection):
        if problem is None:
            chained = [
                ChainedEntry(int(str(r["seq"])), content_v1(r), str(r["prev_hash"]), str(r["hash"]))
                for r in rows
            ]
            problem = first_break(chained, expected_seq - 1, expected_prev)
            expected_prev, expected_seq = str(rows[-1]["hash"]), int(str(rows[-1]["seq"])) + 1
        changes = []
        for row in rows:
            fields = {name: row[name] for name in HASHED_V1}
            sealed = seal_fields(previous, fields)
            changes.append(
                {
                    "b_seq": row["seq"],
                    "b_salt": sealed["salt"],
                    "b_detail": sealed["detail"],
                    "b_prev": previous,
                    "b_hash": sealed["hash"],
                    "b_v1": row["hash"],
                }
            )
            previous = sealed["hash"]
            last = int(str(row["seq"]))
        _write(connection, update, changes)
    if last == 0:
        return  # a new database: every entry it gets is sealed the new way as it is written
    found = "intact" if problem is None else f"not intact: {problem}"
    append_entry(
        connection,
        "hsdesk-upgrade",
        f"The audit trail was sealed again (entries 1 to {last}) so that a person's details can "
        "be erased without breaking it. Each entry keeps its former hash, to compare with "
        f"anchors, backups and signed PDFs made before. Before this, the chain was {found}",
        {},
        action="reseal",
        entity="audit",
        data={"entries": last, "was_intact": problem is None, "problem": problem or ""},
    )


def _write(connection: sa.Connection, update: sa.Update, changes: list[dict[str, object]]) -> None:
    # prev_hash and hash are unique: new values (from fresh salts) never meet old ones.
    connection.execute(update, changes)


def downgrade() -> None:
    """The chain hashed over the text again, as an older hsdesk checks it (an entry whose details
    were erased gets a new hash over what is left of them), then the columns and tables go."""
    connection = op.get_bind()
    update = (
        _TRAIL.update()
        .where(_TRAIL.c.seq == sa.bindparam("b_seq"))
        .values(prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash"))
    )
    previous = GENESIS
    for rows in _rows(connection):
        changes = []
        for row in rows:
            sealed = entry_hash(previous, content_v1(row))
            changes.append({"b_seq": row["seq"], "b_prev": previous, "b_hash": sealed})
            previous = sealed
        _write(connection, update, changes)
    with op.batch_alter_table("audit_entry") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_audit_entry_erasure_id_erasure"), type_="foreignkey"
        )
        batch_op.drop_column("hash_v1")
        batch_op.drop_column("erasure_id")
        batch_op.drop_column("detail")
        batch_op.drop_column("salt")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("erased_at")
    op.drop_table("retention_hold")
    op.drop_table("erasure")
