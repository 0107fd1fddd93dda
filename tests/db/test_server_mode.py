"""What server mode promises, on whichever engine the suite runs on (SQLite files, or the server
given with --db-url): what one PC stores every PC reads, one signing identity, waits that give
up with a sentence, the same search, and a password never shown."""

from __future__ import annotations

import io
import threading
import time

import pytest
from PIL import Image
from sqlalchemy import text

from hsdesk.db.engine import Database
from hsdesk.domain.content_records import ContentQuery
from hsdesk.domain.errors import DatabaseBusy, ServerUnavailable
from hsdesk.services.content.queries import count_items
from hsdesk.services.photos import library as photos
from hsdesk.services.photos.files import check_photo
from hsdesk.services.platform.integrity import check
from hsdesk.services.policy.pdf import signed_policy_pdf
from hsdesk.services.policy.versions import list_versions
from hsdesk.services.signed_pdfs import verify


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), "teal").save(out, "JPEG")
    return out.getvalue()


def test_what_one_pc_stores_another_pc_reads_and_verifies(demo_db, db_location, admin, tmp_path):
    """PC A (one home folder) stores a photo and signs the policy; PC B (another) sees the
    photo, makes its thumbnail, verifies the PDF and finds the database in order."""
    photo_id, _ = photos.import_photo(demo_db, admin, check_photo(_jpeg(), "fete.jpg"), "Fete")
    adopted = next(v for v in list_versions(demo_db) if v.adopted_on is not None)
    _, pdf = signed_policy_pdf(demo_db, admin, adopted.id)
    other_pc = Database(db_location, local_dir=tmp_path / "pc-b")
    try:
        sha = photos.get_photo(other_pc, photo_id).sha256
        assert other_pc.files.raw(sha) == _jpeg()
        assert photos.thumbnail(other_pc, sha).is_file()
        report = verify(other_pc, pdf)
        assert report.ok, report.lines()
        _, again = signed_policy_pdf(other_pc, admin, adopted.id)
        assert again == pdf  # kept once, never signed over
        assert check(other_pc) == []
    finally:
        other_pc.dispose()


def test_a_write_waits_a_few_seconds_for_another_pc_then_says_busy(db, db_location, tmp_path):
    other_pc = Database(db_location, local_dir=tmp_path / "pc-b")
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with other_pc.write() as session:
            session.execute(text("SELECT 1"))
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as busy, db.write() as session:
            session.execute(text("SELECT 1"))
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
        other_pc.dispose()
    assert 2 <= waited < 15  # gave up after its few seconds, not at once and not never
    assert "busy" in str(busy.value) and "try again" in str(busy.value)


@pytest.mark.parametrize("typed", ["coff morn", "COFF Morn", "morn coffee", "Coffee"])
def test_search_finds_words_by_their_beginnings_in_any_case(demo_db, admin, typed):
    assert count_items(demo_db, ContentQuery(text=typed), admin) == count_items(
        demo_db, ContentQuery(text="coffee morning"), admin
    )


# The demo's items found by SQLite's FTS5 for each search: the server's word search must agree.
SEARCHES = {"coff morn": 2, "walk 4": 2, "FAMILY": 4, "volunteer": 20, "thank": 16, "a": 32}


def test_search_counts_are_the_same_on_both_engines(demo_db, admin):
    found = {typed: count_items(demo_db, ContentQuery(text=typed), admin) for typed in SEARCHES}
    assert found == SEARCHES


def test_check_finds_a_record_pointing_at_nothing(demo_db):
    with demo_db.engine.connect() as conn:
        if not demo_db.is_server:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            if demo_db.is_server:
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")  # unchecked
            conn.exec_driver_sql(
                "UPDATE content_item SET author_id = 999999 WHERE id = (SELECT min(id) FROM "
                "content_item)"
            )
            first = conn.exec_driver_sql("SELECT min(id) FROM content_item").scalar()
    assert f"content_item row {first} points to a missing person record" in check(demo_db)


def test_a_server_that_cannot_be_reached_is_explained_without_its_password(tmp_path):
    url = "postgresql+psycopg://office:s3cret-Pa55@127.0.0.1:9/hsdesk"  # port 9: nothing listens
    db = Database(url, local_dir=tmp_path)
    with pytest.raises(ServerUnavailable) as refused, db.read() as session:
        session.execute(text("SELECT 1"))
    message = str(refused.value)
    assert message.startswith("hsdesk cannot reach the database hsdesk on 127.0.0.1")
    assert "s3cret" not in message and "s3cret" not in db.where
    db.dispose()


@pytest.fixture
def server_url(test_server) -> str:
    if test_server is None:
        pytest.skip("only on a server: run with --db-url")
    return test_server.url_for(test_server.url.database or "postgres")


def test_a_wrong_password_and_a_missing_database_are_explained(server_url, tmp_path):
    from sqlalchemy.engine import make_url

    good = make_url(server_url)
    wrong = good.set(password="not-the-password").render_as_string(hide_password=False)
    missing = good.set(database="no_such_office").render_as_string(hide_password=False)
    for url, words in (
        (wrong, "the user name or password"),
        (missing, "There is no database no_such_office"),
    ):
        db = Database(url, local_dir=tmp_path)
        with pytest.raises(ServerUnavailable) as refused, db.read() as session:
            session.execute(text("SELECT 1"))
        assert words in str(refused.value)
        assert "not-the-password" not in str(refused.value)
        assert good.password and good.password not in str(refused.value)
        db.dispose()


def test_another_pcs_change_is_seen_and_my_own_is_not_announced_to_me(
    demo_db, db_location, admin, tmp_path
):
    from hsdesk.db.changes import ChangeWatcher
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.people import persons as people

    watcher = ChangeWatcher(demo_db)
    other_pc = Database(db_location, local_dir=tmp_path / "pc-b")
    try:
        assert watcher.wait(0.2) is False  # nothing yet
        people.add_person(other_pc, admin, PersonInput("Nia", "Ward", PersonKind.VOLUNTEER))
        started = time.monotonic()
        assert watcher.wait(5.0) is True
        assert time.monotonic() - started < 2.5  # within about two seconds
        assert watcher.wait(0.6) is False  # one change, told once
        people.add_person(demo_db, admin, PersonInput("Ola", "Ward", PersonKind.VOLUNTEER))
        assert watcher.wait(1.2) is False  # this program's own save is not news to it
        people.add_person(other_pc, admin, PersonInput("Pip", "Ward", PersonKind.VOLUNTEER))
        assert watcher.wait(5.0) is True
    finally:
        watcher.close()
        other_pc.dispose()


def test_a_watcher_stops_waiting_as_soon_as_it_is_told_to(demo_db):
    """Closing the window stops the listener's wait at once (it no longer sits out its timeout,
    which kept every close waiting a second)."""
    import threading

    from hsdesk.db.changes import ChangeWatcher

    stop = threading.Event()
    watcher = ChangeWatcher(demo_db, stop)
    try:
        assert watcher.wait(0.2) is False  # connected, nothing changed
        threading.Timer(0.2, stop.set).start()
        started = time.monotonic()
        assert watcher.wait(120.0) is False
        assert time.monotonic() - started < 60  # told to stop: far short of its two minutes
    finally:
        watcher.close()
