"""Revision 0009 on a database an earlier hsdesk wrote (the demo saved at 0008): each adopted
version's clauses are linked to the duties by their wording, the records made under 2018's numbers
keep version 2, the checklist template cites duties, and only photos with people recorded count as
checked."""

import gzip
from pathlib import Path

import pytest
from sqlalchemy import select

from hsdesk.db import migrate
from hsdesk.db.engine import Database
from hsdesk.db.models import Breach, ContentDecision, Photo, QuarterlyReview, ReviewTemplateItem
from hsdesk.domain.duties import D
from hsdesk.services.policy.duties import citations

pytestmark = pytest.mark.sqlite_only("the shipped databases are SQLite files")


def _upgraded(tmp_path: Path) -> Database:
    fixture = Path(__file__).parent / "fixtures" / "schema-0008.db.gz"
    path = tmp_path / "hsdesk.db"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    database = Database(str(path))
    migrate.ensure_schema(database)
    return database


def test_the_upgrade_links_each_adopted_version_and_keeps_records_on_version_2(tmp_path):
    db = _upgraded(tmp_path)
    with db.read() as session:
        now = citations(session)
        assert now.label == "Social Networking Policy, version 2"
        assert now.numbers(D.COMPLAINTS, D.IDENTITY, D.DECLARED_CONNECTIONS) == "1.6, 1.7, 4.1"
        assert now.numbers(D.STAFF_BREACHES, D.VOLUNTEER_BREACHES) == "2.7, 3.6"
        assert None not in now.links.values() and len(now.links) == len(D)
        first = citations(session, now.version_id - 1)
        assert first.number(D.COMPLAINTS) is None  # the 2017 text had no complaints clause
        assert first.number(D.PHOTO_CONSENT) == "1.4"
        for model in (Breach, ContentDecision, QuarterlyReview):
            kept = set(session.execute(select(model.policy_version_id)).scalars())
            assert kept == {now.version_id}, model.__name__
        template = session.execute(select(ReviewTemplateItem)).scalars().all()
        assert template and all(row.duties for row in template)
        logo = next(r for r in template if "personal pages" in r.text)
        assert now.numbers(*logo.duties.split(",")) == "2.8, 3.5"
        photos = session.execute(select(Photo)).scalars().all()
        assert photos and all(p.checked_at is not None for p in photos if p.subjects)
    db.dispose()


def test_the_upgrade_can_be_undone_to_2018s_numbers(tmp_path):
    db = _upgraded(tmp_path)
    migrate.downgrade(db, "0008")
    import sqlite3

    conn = sqlite3.connect(db.path)
    clauses = dict(conn.execute("SELECT text, clauses FROM review_template_item"))
    conn.close()
    assert clauses["Staff and volunteers' personal pages do not use the Home-Start logo"] == (
        "2.8, 3.5"
    )
    db.dispose()
