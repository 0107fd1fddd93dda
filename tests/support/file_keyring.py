"""A credential store for the tests: a JSON file named by HSDESK_TEST_KEYRING, so hsdesk-cli
processes a test starts find what the test (or an earlier process) kept. Chosen with
PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring (tests/conftest.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["HSDESK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path().read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        kept = self._load()
        kept[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(kept), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        kept = self._load()
        if kept.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self._path().write_text(json.dumps(kept), encoding="utf-8")
