"""Changes made to a database with a database tool, not through hsdesk (no audit entry)."""

from __future__ import annotations

from sqlalchemy import text

from hsdesk.db.engine import Database


def directly(db: Database, sql: str, **values: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql), values)


def copy_consent(db: Database, consent_id: int) -> None:
    """A second consent record, copied from ``consent_id`` outside hsdesk."""
    directly(
        db,
        "INSERT INTO consent (subject_id, given_by_id, relationship_to_subject, method, witness, "
        "wording_version, scopes, given_on, expires_on, notes, recorded_by, recorded_at, "
        "correction_reason) SELECT subject_id, given_by_id, relationship_to_subject, method, "
        "witness, wording_version, scopes, given_on, expires_on, notes, recorded_by, "
        "recorded_at, correction_reason FROM consent WHERE id = :id",
        id=consent_id,
    )
