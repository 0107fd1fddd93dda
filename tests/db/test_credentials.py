"""How a PC reaches its office server: the address in a settings file without the password, the
password in the credential store, and the CLI and the window finding both."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hsdesk.db import credentials
from hsdesk.db.credentials import ServerAddress
from hsdesk.db.location import resolve_location

ADDRESS = ServerAddress("office-server", 5433, "hsdesk", "helen")


def _settings_files() -> list[Path]:
    return [p for p in Path(os.environ["HSDESK_CONFIG_DIR"]).rglob("*") if p.is_file()]


def test_the_address_is_saved_without_its_password_and_the_password_goes_to_the_store() -> None:
    assert credentials.saved_server() is None
    note = credentials.store_password(ADDRESS.url, "s3cret-Pa55")
    credentials.save_server(ADDRESS.with_password("s3cret-Pa55"))
    assert note is None
    assert credentials.saved_server() == "postgresql+psycopg://helen@office-server:5433/hsdesk"
    assert all("s3cret-Pa55" not in p.read_text() for p in _settings_files())
    assert _settings_files()
    assert credentials.stored_password(ADDRESS.url) == "s3cret-Pa55"


def test_the_cli_and_the_window_find_the_saved_server_with_its_kept_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HSDESK_DB", raising=False)
    credentials.save_server(ADDRESS.url)
    credentials.store_password(ADDRESS.url, "kept")
    found = resolve_location(None)
    assert found == ADDRESS.with_password("kept")
    # A password given (from --db-password-file) wins over the kept one; one in the address too.
    assert resolve_location(None, "typed") == ADDRESS.with_password("typed")
    assert resolve_location(ADDRESS.with_password("inline")) == ADDRESS.with_password("inline")
    # --db and HSDESK_DB still come first; "this PC" goes back to the file.
    assert resolve_location("/tmp/x.db") == "/tmp/x.db"
    credentials.save_server(None)
    assert resolve_location(None).endswith("hsdesk.db")


def test_with_no_credential_store_nothing_is_written_and_the_reason_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    note = credentials.store_password(ADDRESS.url, "pw")
    assert note is not None and "ask for the server's password each time" in note
    assert credentials.stored_password(ADDRESS.url) is None
    assert not Path(os.environ["HSDESK_TEST_KEYRING"]).exists()


def test_forgetting_a_server_removes_its_password() -> None:
    credentials.store_password(ADDRESS.url, "pw")
    credentials.forget_password(ADDRESS.url)
    credentials.forget_password(ADDRESS.url)  # twice is harmless
    assert credentials.stored_password(ADDRESS.url) is None


def test_a_damaged_settings_file_means_this_pc() -> None:
    folder = Path(os.environ["HSDESK_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / credentials.CONFIG_FILE).write_text("{not json", encoding="utf-8")
    assert credentials.saved_server() is None
