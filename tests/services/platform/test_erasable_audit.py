"""The audit trail hashes a salted digest of each entry's personal details, not the text: the
upgrade to it (0013) verifies the chain as it was, seals it again and keeps each former hash,
so anchors, backups and signed PDFs made before still compare; a detail's text cannot change
while its salt is kept, and once it is dropped only an erasure the trail names explains it."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from hsdesk.db import migrate
from hsdesk.db.engine import Database
from hsdesk.db.record_state import record_problems
from hsdesk.domain.audit_chain import detail_digest, entry_hash, fields_content, seal_fields
from hsdesk.services.platform import anchors
from hsdesk.services.platform.audit import chain_problem, erasure_problem

FIXTURE = Path(__file__).parents[2] / "db" / "fixtures" / "schema-0012.db.gz"


def _old_file(folder: Path) -> Path:
    path = folder / "hsdesk.db"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return path


def _hashes(path: Path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT seq, hash FROM audit_entry"))
    finally:
        conn.close()


@pytest.mark.sqlite_only("the shipped databases are SQLite files")
def test_the_upgrade_reseals_the_chain_and_what_was_made_before_still_compares(tmp_path):
    path = _old_file(tmp_path)
    before = _hashes(path)
    kept = tmp_path / "made-before.db"  # a backup made before the upgrade
    shutil.copyfile(path, kept)
    db = Database(str(path))
    try:
        old_head = anchors.backup_head(kept)
        anchors.remember(db.where, old_head)  # this PC verified the trail before the upgrade
        migrate.ensure_schema(db)
        conn = sqlite3.connect(path)
        rows = conn.execute(
            "SELECT seq, hash, hash_v1, salt FROM audit_entry ORDER BY seq"
        ).fetchall()
        last = conn.execute(
            "SELECT action, summary FROM audit_entry ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        conn.close()
        assert {seq: v1 for seq, _h, v1, _s in rows if seq in before} == before
        assert all(h != before.get(seq) and salt for seq, h, _v1, salt in rows)
        assert last[0] == "reseal" and last[1].endswith("Before this, the chain was intact")
        assert anchors.verified_since_seen(db) is None  # the PC's anchor from before
        assert anchors.against(db, kept) == []  # the backup from before
        with db.read() as session:  # (the fixture comes without its stored files)
            assert chain_problem(session) is None and erasure_problem(session) is None
            assert record_problems(session) == []
    finally:
        db.dispose()


@pytest.mark.sqlite_only("the shipped databases are SQLite files")
def test_a_chain_broken_before_the_upgrade_is_said_so_in_the_trail(tmp_path):
    path = _old_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit_entry SET summary = 'nothing to see' WHERE seq = 5")
    conn.commit()
    conn.close()
    db = Database(str(path))
    try:
        migrate.ensure_schema(db)
        conn = sqlite3.connect(path)
        summary = conn.execute(
            "SELECT summary FROM audit_entry WHERE action = 'reseal'"
        ).fetchone()[0]
        conn.close()
        assert summary.endswith(
            "Before this, the chain was not intact: audit entry 5 was altered after it was written"
        )
    finally:
        db.dispose()


def test_the_hash_covers_the_details_through_their_salted_digest():
    from datetime import datetime

    fields = {
        "seq": 7,
        "at": datetime(2026, 12, 7, 10, 0),
        "actor": "sdm",
        "signer": None,
        "action": "add",
        "entity": "person",
        "entity_id": "34",
        "summary": "Added volunteer Émilie Durand",
        "data": "{}",
    }
    sealed = seal_fields("0" * 64, dict(fields))
    assert "Émilie" not in str(fields_content(sealed))  # the hashed text holds no name
    changed = sealed | {"summary": "Added volunteer Someone Else"}
    assert entry_hash("0" * 64, fields_content(changed)) != sealed["hash"]
    erased = changed | {"salt": None}  # erased: the digest kept stands for what it covered
    assert entry_hash("0" * 64, fields_content(erased)) == sealed["hash"]
    other_salt = detail_digest("ab" * 16, sealed)
    assert other_salt != sealed["detail"]  # without the salt, a guessed name matches nothing
