"""Write tests/db/fixtures/schema-NNNN.db.gz: the demo data saved at each schema revision.

Run it once when a migration is added (`python tests/db/make_migration_fixtures.py NNNN`), commit
the new file, and never regenerate the old ones: they stand for databases already out there.
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from hsdesk.db import migrate
from hsdesk.db.engine import Database
from hsdesk.demo.office import load_demo

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_DAY = date(2026, 11, 24)


def fixture_path(revision: str) -> Path:
    return FIXTURES / f"schema-{revision}.db.gz"


def make(revision: str) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hsdesk.db"
        db = Database(str(path))
        migrate.ensure_schema(db)
        load_demo(db, today=DEMO_DAY)
        if revision != migrate.HEAD:
            migrate.downgrade(db, revision)
        db.dispose()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
        conn.close()
        target = fixture_path(revision)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    return target


if __name__ == "__main__":
    for rev in sys.argv[1:] or migrate.KNOWN_REVISIONS:
        print(make(rev))
