"""How this PC reaches the office server: its address in a small per-user file (never with the
password), and the password in the operating system's credential store (Windows Credential
Manager, macOS Keychain, the Secret Service on Linux) through ``keyring``.

Where there is no credential store (a Linux PC without one), nothing is written anywhere: the
window asks for the password at each start and the CLI takes ``--db-password-file``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from hsdesk.db.filestore import write_atomic

CONFIG_ENV = "HSDESK_CONFIG_DIR"  # tests and portable installs: where connection.json lives
CONFIG_FILE = "connection.json"
KEYRING_SERVICE = "hsdesk office server"
DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"


@dataclass(frozen=True)
class ServerAddress:
    """An office server as a person types it in the Connect dialog."""

    host: str
    port: int
    database: str
    username: str

    @property
    def url(self) -> str:
        """The address without any password: what may be saved and shown."""
        return URL.create(
            DRIVER,
            username=self.username,
            host=self.host,
            port=self.port,
            database=self.database,
        ).render_as_string(hide_password=False)

    @property
    def key(self) -> str:
        """Who and where, as the credential store files the password under."""
        return f"{self.username}@{self.host}:{self.port}/{self.database}"

    def with_password(self, password: str) -> str:
        return URL.create(
            DRIVER,
            username=self.username,
            password=password,
            host=self.host,
            port=self.port,
            database=self.database,
        ).render_as_string(hide_password=False)

    @classmethod
    def of(cls, url: str) -> ServerAddress:
        parsed = make_url(url)
        return cls(
            parsed.host or "localhost",
            parsed.port or DEFAULT_PORT,
            parsed.database or "",
            parsed.username or "",
        )


def config_dir() -> Path:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_config_dir

    return Path(user_config_dir("hsdesk", "Home-Start", roaming=False))


def read_pc_file(name: str) -> dict[str, object]:
    """One of this PC's own JSON files in its settings folder; empty if missing or unreadable."""
    try:
        found = json.loads((config_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_pc_file(name: str, data: dict[str, object]) -> None:
    """Replace one of this PC's own JSON files, whole or not at all."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / name, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def saved_server() -> str | None:
    """The office server this PC uses (no password), or None for a database on this PC."""
    found = read_pc_file(CONFIG_FILE).get("server")
    return found if isinstance(found, str) and found else None


def save_server(url: str | None) -> None:
    """Use this office server from now on (None: the database on this PC). Never a password."""
    write_pc_file(CONFIG_FILE, {"server": without_password(url) if url else None})


def _keyring():  # type: ignore[no-untyped-def]
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # installed without the [server] extra
        return None

    backend = keyring.get_keyring()
    return None if isinstance(backend, fail.Keyring) else keyring


def stored_password(url: str) -> str | None:
    """The password this PC keeps for the server, if any."""
    store = _keyring()
    if store is None:
        return None
    from keyring.errors import KeyringError

    try:
        found = store.get_password(KEYRING_SERVICE, ServerAddress.of(url).key)
    except KeyringError:
        return None
    return found if isinstance(found, str) else None


def store_password(url: str, password: str) -> str | None:
    """Keep the password in the credential store; None when kept, else why it could not be."""
    store = _keyring()
    if store is None:
        return (
            "this PC has no password store, so hsdesk will ask for the server's password "
            "each time it starts"
        )
    from keyring.errors import KeyringError

    try:
        store.set_password(KEYRING_SERVICE, ServerAddress.of(url).key, password)
    except KeyringError as exc:
        return f"the password could not be kept in this PC's password store ({exc})"
    return None


def forget_password(url: str) -> None:
    store = _keyring()
    if store is None:
        return
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        store.delete_password(KEYRING_SERVICE, ServerAddress.of(url).key)
    except (PasswordDeleteError, KeyringError):
        return


def without_password(url: str) -> str:
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def has_password(url: str) -> bool:
    try:
        return bool(make_url(url).password)
    except Exception:  # noqa: BLE001 - an address that cannot be read has none
        return False


def completed(url: str, password: str | None = None) -> str:
    """The server's address with its password: as given, or ``password``, or the one this PC
    keeps; unchanged when none is known (the server then says so)."""
    if has_password(url):
        return url
    password = password if password is not None else stored_password(url)
    if not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)
