"""The layers point down, as the import contracts in pyproject.toml say (the same check as
`lint-imports` in CI): no Qt below the window, no services, database or window in the exports,
no ORM in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    result = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    assert result == 0, capsys.readouterr().out


def test_a_broken_contract_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "broken.toml"
    config.write_text(
        "[tool.importlinter]\nroot_package = 'hsdesk'\n\n[[tool.importlinter.contracts]]\n"
        "name = 'the window may not use services (untrue)'\ntype = 'forbidden'\n"
        "source_modules = ['hsdesk.ui']\nforbidden_modules = ['hsdesk.services']\n",
        encoding="utf-8",
    )
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == 1
    assert "BROKEN" in capsys.readouterr().out
