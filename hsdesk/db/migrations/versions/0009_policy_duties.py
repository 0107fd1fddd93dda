"""policy as data: duties linked to each adopted version's clauses; records keep their version;
photos not yet checked

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 18:30:00
"""

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from hsdesk.domain.duties import BUILT_IN, CUSTOM_PREFIX, join_numbers, propose
from hsdesk.domain.policy import PolicyText, Section
from hsdesk.domain.review_defaults import DUTIES

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORDS = ("content_decision", "quarterly_review", "breach", "complaint")


def _version_text(conn: sa.Connection, version_id: int) -> tuple[PolicyText, dict[str, int]]:
    """A version's words and each clause number's row id."""
    rows = conn.execute(
        sa.text(
            "SELECT s.position, s.heading, c.position, c.text, c.id FROM policy_section s "
            "LEFT JOIN policy_clause c ON c.section_id = s.id WHERE s.version_id = :v "
            "ORDER BY s.position, c.position"
        ),
        {"v": version_id},
    ).all()
    sections: dict[int, tuple[str, list[tuple[str, int]]]] = {}
    for s_pos, heading, c_pos, text, c_id in rows:
        sections.setdefault(s_pos, (heading, []))
        if c_pos is not None:
            sections[s_pos][1].append((text, c_id))
    ids, built = {}, []
    for n, s_pos in enumerate(sorted(sections), start=1):
        heading, clauses = sections[s_pos]
        built.append(Section(heading, tuple(t for t, _ in clauses)))
        ids.update({f"{n}.{m}": c_id for m, (_t, c_id) in enumerate(clauses, start=1)})
    return PolicyText("", "", tuple(built)), ids


def _link_versions(
    conn: sa.Connection,
) -> tuple[int | None, dict[str, list[str]], dict[str, int]]:
    """Links for every adopted and superseded version of the scheme's policy (the first
    document), found from each duty's wording; returns the adopted version, its clauses' duties
    and clause ids."""
    first = conn.execute(sa.text("SELECT min(id) FROM policy_document")).scalar()
    if first is None:
        return None, {}, {}
    versions = conn.execute(
        sa.text(
            "SELECT id, status FROM policy_version WHERE document_id = :d "
            "AND status IN ('adopted', 'superseded') ORDER BY number"
        ),
        {"d": first},
    ).all()
    current: int | None = None
    at_number: dict[str, list[str]] = {}
    current_ids: dict[str, int] = {}
    for version_id, status in versions:
        text, ids = _version_text(conn, version_id)
        found = propose(BUILT_IN, text)
        conn.execute(
            sa.text("INSERT INTO policy_link (version_id, duty, clause_id) VALUES (:v, :d, :c)"),
            [
                {"v": version_id, "d": p.duty.key, "c": ids[p.number] if p.number else None}
                for p in found
            ],
        )
        if status == "adopted":
            current, current_ids = version_id, ids
            at_number = {}
            for p in found:
                if p.number:
                    at_number.setdefault(p.number, []).append(p.duty.key)
    return current, at_number, current_ids


def _template_duties(
    conn: sa.Connection, current: int | None, at_number: dict[str, list[str]], ids: dict[str, int]
) -> None:
    """Each template item's clause numbers (2018's) become the duties they cite."""
    rows = conn.execute(sa.text("SELECT id, clauses, text FROM review_template_item")).all()
    now = datetime.now().replace(microsecond=0)
    for item_id, clauses, text in rows:
        if text in DUTIES:
            keys = list(DUTIES[text])
        else:
            keys = []
            for number in (c.strip() for c in (clauses or "").split(",")):
                if not number:
                    continue
                if number in at_number:
                    keys.append(at_number[number][0])
                elif current is not None and number in ids:
                    key = f"{CUSTOM_PREFIX}{number}"
                    if not conn.execute(
                        sa.text("SELECT 1 FROM policy_duty WHERE key = :k"), {"k": key}
                    ).first():
                        clause = conn.execute(
                            sa.text("SELECT text FROM policy_clause WHERE id = :c"),
                            {"c": ids[number]},
                        ).scalar_one()
                        conn.execute(
                            sa.text(
                                "INSERT INTO policy_duty (key, name, wording, created_by, "
                                "created_at) VALUES (:k, :n, :w, 'hsdesk', :t)"
                            ),
                            {"k": key, "n": clause[:200], "w": clause, "t": now},
                        )
                        conn.execute(
                            sa.text(
                                "INSERT INTO policy_link (version_id, duty, clause_id) "
                                "VALUES (:v, :d, :c)"
                            ),
                            {"v": current, "d": key, "c": ids[number]},
                        )
                    keys.append(key)
        conn.execute(
            sa.text("UPDATE review_template_item SET duties = :d WHERE id = :i"),
            {"d": ",".join(dict.fromkeys(keys)), "i": item_id},
        )


def upgrade() -> None:
    op.create_table(
        "policy_duty",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_policy_duty")),
    )
    op.create_table(
        "policy_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("duty", sa.String(length=40), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clause_id"], ["policy_clause.id"], name=op.f("fk_policy_link_clause_id_policy_clause")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["policy_version.id"],
            name=op.f("fk_policy_link_version_id_policy_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_link")),
        sa.UniqueConstraint("version_id", "duty", name=op.f("uq_policy_link_version_id")),
    )
    with op.batch_alter_table("policy_link") as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_link_version_id"), ["version_id"])
    op.create_table(
        "approval_check_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("duty", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_check_item")),
    )
    for table in RECORDS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("policy_version_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_policy_version_id_policy_version"),
                "policy_version",
                ["policy_version_id"],
                ["id"],
            )
    with op.batch_alter_table("review_template_item") as batch_op:
        batch_op.add_column(
            sa.Column("duties", sa.String(length=400), nullable=False, server_default="")
        )
    with op.batch_alter_table("photo") as batch_op:
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("checked_by", sa.String(length=100), nullable=False, server_default="")
        )

    conn = op.get_bind()
    current, at_number, ids = _link_versions(conn)
    if current is not None:
        for table in RECORDS:  # the records were made citing 2018's numbers: version 2's
            conn.execute(sa.text(f"UPDATE {table} SET policy_version_id = :v"), {"v": current})
    _template_duties(conn, current, at_number, ids)
    with op.batch_alter_table("review_template_item") as batch_op:
        batch_op.drop_column("clauses")
    # A photo someone tagged or counted people in was checked when it was imported; one with
    # nobody recorded is "not yet checked" until someone says who, if anyone, is pictured.
    conn.execute(
        sa.text(
            "UPDATE photo SET checked_at = imported_at, checked_by = imported_by "
            "WHERE unidentified > 0 OR id IN (SELECT photo_id FROM photo_subject)"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("photo") as batch_op:
        batch_op.drop_column("checked_by")
        batch_op.drop_column("checked_at")
    with op.batch_alter_table("review_template_item") as batch_op:
        batch_op.add_column(
            sa.Column("clauses", sa.String(length=60), nullable=False, server_default="")
        )
    conn = op.get_bind()
    current = conn.execute(
        sa.text(
            "SELECT v.id FROM policy_version v WHERE v.status = 'adopted' AND v.document_id = "
            "(SELECT min(id) FROM policy_document)"
        )
    ).scalar()
    if current is not None:
        numbers = _numbers(conn, current)
        for item_id, duties in conn.execute(
            sa.text("SELECT id, duties FROM review_template_item")
        ).all():
            cited = join_numbers(numbers[d] for d in duties.split(",") if numbers.get(d))
            conn.execute(
                sa.text("UPDATE review_template_item SET clauses = :c WHERE id = :i"),
                {"c": cited[:60], "i": item_id},
            )
    with op.batch_alter_table("review_template_item") as batch_op:
        batch_op.drop_column("duties")
    for table in RECORDS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_policy_version_id_policy_version"), type_="foreignkey"
            )
            batch_op.drop_column("policy_version_id")
    op.drop_table("approval_check_item")
    with op.batch_alter_table("policy_link") as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_link_version_id"))
    op.drop_table("policy_link")
    op.drop_table("policy_duty")


def _numbers(conn: sa.Connection, version_id: int) -> dict[str, str]:
    _text, ids = _version_text(conn, version_id)
    by_id = {c: n for n, c in ids.items()}
    return {
        duty: by_id[clause]
        for duty, clause in conn.execute(
            sa.text("SELECT duty, clause_id FROM policy_link WHERE version_id = :v"),
            {"v": version_id},
        ).all()
        if clause in by_id
    }
