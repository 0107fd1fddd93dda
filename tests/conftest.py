"""Shared fixtures. Qt is told to draw offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hsdesk.db.engine import Database  # noqa: E402
from hsdesk.db.migrate import ensure_schema  # noqa: E402
from hsdesk.domain.actor import Actor  # noqa: E402
from hsdesk.domain.enums import Office, PersonKind  # noqa: E402
from hsdesk.domain.records import PersonInput  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh database built by the migrations, in its own folder."""
    database = Database(str(tmp_path / "hsdesk.db"))
    ensure_schema(database)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from hsdesk.services.demo import load_demo

    load_demo(db)
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


TODAY = date.today()


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


@pytest.fixture
def ctx(demo_db: Database):  # type: ignore[no-untyped-def]
    from hsdesk.services import auth
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
