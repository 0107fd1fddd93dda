"""Shared fixtures. Qt is told to draw offscreen before anything imports it."""

from __future__ import annotations

import gc
import os
import shutil

# The screen: the commonest small-office laptop's, 1366×768, less a 40-pixel taskbar.
_SCREEN = os.path.join(os.path.dirname(__file__), "support", "laptop-screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# One moment for the whole run, here and in the processes tests start (the clock reads HSDESK_NOW),
# so no test depends on the hour it runs. Try another: HSDESK_NOW=2028-02-29T23:59:59 pytest
os.environ.setdefault("HSDESK_NOW", "2026-11-25T10:00:00")
# The office server's password goes to a credential store: in the tests, a file per test (see
# _isolated_connection), which the hsdesk-cli processes a test starts find too.
os.environ["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
_SUPPORT = os.path.join(os.path.dirname(__file__), "support")
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_SUPPORT, os.environ.get("PYTHONPATH")) if p)

from collections.abc import Callable, Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from test_server import TestServer  # noqa: E402

from hsdesk.db.engine import Database  # noqa: E402
from hsdesk.db.migrate import ensure_schema  # noqa: E402
from hsdesk.domain import clock  # noqa: E402
from hsdesk.domain.actor import Actor  # noqa: E402
from hsdesk.domain.enums import Office, PersonKind  # noqa: E402
from hsdesk.domain.records import PersonInput  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> None:
    """argon2 at its lowest costs: the suite signs in hundreds of times (real accounts keep the
    library's recommended costs)."""
    from hsdesk.services.platform import auth

    auth.use_hash_costs(time_cost=1, memory_cost=8, parallelism=1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-url",
        default=os.environ.get("HSDESK_TEST_DB_URL"),
        help="run the database tests against this PostgreSQL server instead of SQLite files: "
        "the URL of a role that may create databases (each test gets its own)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about a database file; skipped on a server"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker("sqlite_only")
    if marker is not None and item.config.getoption("--db-url"):
        pytest.skip(f"only for a database file: {marker.args[0] if marker.args else ''}")


@pytest.fixture(scope="session")
def test_server(request: pytest.FixtureRequest) -> TestServer | None:
    """The PostgreSQL server given with --db-url, or None when the suite runs on SQLite files."""
    url = request.config.getoption("--db-url")
    return TestServer(url) if url else None


def _built_once(location: str, local_dir: Path, with_demo: bool) -> None:
    """A database made by the migrations (and filled with the demo), closed so that it can be
    copied (a file with its stored files, or a server's template database)."""
    database = Database(location, local_dir=local_dir)
    ensure_schema(database)
    if with_demo:
        from hsdesk.demo.office import load_demo

        load_demo(database)
    database.dispose()


@pytest.fixture(scope="session")
def _templates(
    tmp_path_factory: pytest.TempPathFactory,
    _cheap_password_hashing: None,
    test_server: TestServer | None,
) -> Iterator[Callable[[bool], str]]:
    """The migrated empty database and the demo, each built once a run (lazily): a folder to
    copy, or the name of a template database on the server."""
    built: dict[bool, str] = {}

    def template(with_demo: bool) -> str:
        if with_demo not in built:
            folder = tmp_path_factory.mktemp("demo-template" if with_demo else "template")
            if test_server is None:
                _built_once(str(folder / "hsdesk.db"), folder, with_demo)
                built[with_demo] = str(folder)
            else:
                name = test_server.new_name("demo" if with_demo else "empty")
                _built_once(test_server.create(name), folder, with_demo)
                built[with_demo] = name
        return built[with_demo]

    yield template
    if test_server is not None:
        for name in built.values():
            test_server.drop(name)


@pytest.fixture
def db_location(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    _templates: Callable[[bool], str],
    test_server: TestServer | None,
) -> Iterator[str]:
    """Where a fresh database built by the migrations is: a file in the test's own folder, or a
    database of its own on the server; a copy of one built once a run (the demo's, when the test
    also asks for ``demo_db``)."""
    template = _templates("demo_db" in request.fixturenames)
    if test_server is None:
        shutil.copytree(template, tmp_path, dirs_exist_ok=True)
        yield str(tmp_path / "hsdesk.db")
        return
    name = test_server.new_name("test")
    yield test_server.create(name, template=template)
    test_server.drop(name)


@pytest.fixture
def empty_server(test_server: TestServer | None) -> Iterator[str]:
    """The URL of a new, empty database on the test server (for moving an office onto it);
    the test is skipped when the suite runs without --db-url."""
    if test_server is None:
        pytest.skip("needs a PostgreSQL server: run with --db-url")
    name = test_server.new_name("empty")
    yield test_server.create(name)
    test_server.drop(name)


@pytest.fixture
def db(tmp_path: Path, db_location: str) -> Iterator[Database]:
    """The fresh database at ``db_location``, open."""
    database = Database(db_location, local_dir=tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The demo data set, in a database of the test's own."""
    return db


@pytest.fixture
def admin() -> Actor:
    return Actor(username="admin", person_id=None, display_name="Admin", is_admin=True)


def office_actor(office: Office, kind: PersonKind = PersonKind.TRUSTEE) -> Actor:
    return Actor(
        username=office.value,
        person_id=None,
        display_name=office.label,
        person_kind=kind,
        offices=frozenset({office}),
    )


@pytest.fixture
def volunteer_actor() -> Actor:
    return Actor(
        username="vol", person_id=None, display_name="A Volunteer", person_kind=PersonKind.VOLUNTEER
    )


def person(
    first: str = "Zoë",
    last: str = "Ní Bhriain",
    kind: PersonKind = PersonKind.VOLUNTEER,
    **extra: object,
) -> PersonInput:
    return PersonInput(first, last, kind, **extra)  # type: ignore[arg-type]


TODAY = clock.today()


@pytest.fixture(autouse=True)
def _the_test_moment() -> Iterator[None]:
    """Every test starts at the run's moment, whatever an earlier test set the clock to."""
    moment = datetime.fromisoformat(os.environ["HSDESK_NOW"])
    clock.freeze(moment)
    yield
    clock.freeze(moment)


@pytest.fixture(autouse=True)
def _background_work_finishes(request: pytest.FixtureRequest) -> Iterator[None]:
    """A window test's work on the thread pool ends before its widgets are torn down, so no job
    reports to a widget that is gone (set up after qtbot, so torn down before it)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qtbot")
    from hsdesk.ui import collector, text_limits

    app = request.getfixturevalue("qapp")
    collector.install(app)  # as make_application does
    text_limits.install(app)
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    gc.collect()  # on this (the UI) thread: the collector's timer may not have run lately


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window and column states go to a throw-away INI file, never the developer's own."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover - Qt is a hard dependency
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )


@pytest.fixture(autouse=True)
def _isolated_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which office server this "PC" uses, and the passwords it keeps, are the test's own."""
    monkeypatch.setenv("HSDESK_CONFIG_DIR", str(tmp_path / "pc-config"))
    monkeypatch.setenv("HSDESK_TEST_KEYRING", str(tmp_path / "keyring.json"))


@pytest.fixture
def ctx(demo_db: Database):  # type: ignore[no-untyped-def]
    from hsdesk.services.platform import auth
    from hsdesk.ui.context import AppContext

    return AppContext(demo_db, auth.sign_in(demo_db, "sdm", "demo"), demo=True)


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every warning box (a refusal) shown during the test, instead of showing it."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown
