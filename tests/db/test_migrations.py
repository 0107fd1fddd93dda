import gzip
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from hsdesk import __version__
from hsdesk.db import migrate, schema
from hsdesk.db.base import Base
from hsdesk.db.engine import Database
from hsdesk.db.fulltext import is_search_table
from hsdesk.domain.errors import DatabaseProblem


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(schema.alembic_config())


def test_revision_chain_is_linear_and_known_to_the_release():
    script = _script()
    assert len(script.get_heads()) == 1
    chain = [rev.revision for rev in script.walk_revisions()]  # newest first
    assert tuple(reversed(chain)) == schema.KNOWN_REVISIONS
    assert script.get_current_head() == schema.HEAD


def test_models_match_migrations(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, _kind, _parents: not is_search_table(name),
                },
            ),
            Base.metadata,
        )
    assert diff == []


def test_upgrade_downgrade_round_trip(db):
    migrate.downgrade(db, "base")
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is None
    migrate.upgrade(db, "head")
    assert migrate.schema_state(db).is_current


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.db"
    database = Database(str(path))
    migrate.ensure_schema(database)
    database.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.execute("UPDATE setting SET value = '7.3' WHERE key = 'schema_upgraded_by'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match=r"written by hsdesk 7\.3 .*Install it"):
        migrate.ensure_schema(Database(str(path)))
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.close()
    with pytest.raises(DatabaseProblem, match="not an hsdesk one"):
        migrate.ensure_schema(Database(str(path)))


@pytest.mark.sqlite_only("reads the database file and its backups with sqlite3")
def test_a_database_behind_head_is_backed_up_before_upgrading(demo_db):
    migrate.downgrade(demo_db, "0001")  # as a database written by hsdesk 0.1 would be
    assert migrate.schema_state(demo_db).revision == "0001"
    backup = migrate.ensure_schema(demo_db)
    assert migrate.schema_state(demo_db).revision == schema.HEAD
    assert backup is not None and backup.parent == demo_db.backups_dir
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM person").fetchone()[0] > 40
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def _rows(path: Path) -> dict[str, dict[str, Counter[tuple[object, ...]]]]:
    """Every row of every table (but Alembic's own), keyed by table and column list."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version' "
                "AND name NOT LIKE 'sqlite_%'"
            )
            if not is_search_table(r[0])
        ]
        found = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            found[table] = {
                "columns": columns,
                "rows": Counter(conn.execute(f'SELECT * FROM "{table}"')),
            }
        return found  # type: ignore[return-value]
    finally:
        conn.close()


# Columns a later migration changes on purpose, and the revision that does it: 0007 marks the
# checklist's complaints item (in the template and in reviews not yet signed off) as listing the
# quarter's complaints.
CHANGED_ON_PURPOSE = {("review_template_item", "auto"): "0007", ("review_item", "auto"): "0007"}
# 0013 seals the audit chain again over each entry's salted details (each keeps its former hash
# in hash_v1, checked in tests/services/platform/test_erasable_audit.py).
RESEALED = {("audit_entry", "prev_hash"): "0013", ("audit_entry", "hash"): "0013"}
# Columns a later migration replaces on purpose: 0009 turns the template's clause numbers into the
# duties they cite (the column "duties"; tested in tests/services/policy/test_duties.py).
DROPPED_ON_PURPOSE = {("review_template_item", "clauses"): "0009"}


@pytest.mark.sqlite_only("the shipped databases are SQLite files")
@pytest.mark.parametrize("revision", schema.KNOWN_REVISIONS)
def test_a_database_saved_at_each_shipped_revision_upgrades_with_every_row_kept(
    tmp_path: Path, revision: str
) -> None:
    fixture = Path(__file__).parent / "fixtures" / f"schema-{revision}.db.gz"
    assert fixture.exists(), f"add a fixture for {revision}: tests/db/make_migration_fixtures.py"
    path = tmp_path / "hsdesk.db"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    before = _rows(path)
    assert sum(len(t["rows"]) for t in before.values()) > 100  # realistic data, not an empty shell
    database = Database(str(path))
    backup = migrate.ensure_schema(database)
    assert migrate.schema_state(database).is_current
    assert (backup is None) == (revision == schema.HEAD)
    database.dispose()
    after = _rows(path)
    conn = sqlite3.connect(path)
    for table, old in before.items():
        assert table in after, f"{table} was dropped by the upgrade"
        kept = [c for c in old["columns"] if c in after[table]["columns"]]
        dropped = [c for c in old["columns"] if DROPPED_ON_PURPOSE.get((table, c), "0") > revision]
        assert kept == [c for c in old["columns"] if c not in dropped], f"{table} lost columns"
        same = [
            n
            for n, column in enumerate(old["columns"])
            if column in kept
            and (CHANGED_ON_PURPOSE | RESEALED).get((table, column), "0") <= revision
        ]
        names = ", ".join(old["columns"][n] for n in same)
        rows = Counter(conn.execute(f'SELECT {names} FROM "{table}"'))
        was = Counter(tuple(row[n] for n in same) for row in old["rows"].elements())
        if table == "audit_entry" and revision < "0011":  # 0011 adds its baseline of the records
            action = [old["columns"][n] for n in same].index("action")
            baseline = [row for row in rows if row[action] == "record_state"]
            assert len(baseline) <= 1, "0011 writes one baseline entry (if any record is covered)"
            for row in baseline:
                del rows[row]
        if table == "audit_entry" and revision < "0013":  # 0013 says it re-sealed the chain
            action = [old["columns"][n] for n in same].index("action")
            for row in [row for row in rows if row[action] == "reseal"]:
                del rows[row]
        if table == "setting" and revision != schema.HEAD:  # the upgrade says which hsdesk did it
            assert rows.pop(("schema_upgraded_by", __version__), 0) == 1
            was.pop(("schema_upgraded_by", __version__), None)  # a fixture this release made
        assert rows == was, f"rows of {table} changed in the upgrade from {revision}"
    for table, column in CHANGED_ON_PURPOSE:
        changed = conn.execute(f"SELECT text FROM \"{table}\" WHERE {column} = 'complaints'")
        assert all(text.startswith("Complaints raised on the site") for (text,) in changed)
    conn.close()


@pytest.mark.sqlite_only("reads the database file and its backups with sqlite3")
def test_a_migration_that_fails_half_way_leaves_the_database_as_it_was(demo_db, monkeypatch):
    from hsdesk.domain import review_defaults
    from hsdesk.services.platform.backups import list_backups

    migrate.downgrade(demo_db, "0005")
    before = _rows(demo_db.path)
    # The seeding step of 0006 fails after its new tables were made, in the same transaction.
    monkeypatch.setattr(review_defaults, "DEFAULT_TEMPLATE", [("not", "a", "template")])
    with pytest.raises(ValueError):
        migrate.ensure_schema(demo_db)
    assert migrate.schema_state(demo_db).revision == "0005"
    after = _rows(demo_db.path)
    assert set(after) == set(before)  # no half-made review tables
    assert all(after[t]["rows"] == before[t]["rows"] for t in before)
    assert [b.kind.value for b in list_backups(demo_db.backups_dir)] == ["before-upgrade"]
