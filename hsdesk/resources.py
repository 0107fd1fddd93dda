"""One way to find bundled resources, from a source tree, an installed wheel or a frozen bundle."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    """The folder holding logo, icons, fonts and wording files.

    The wheel and the PyInstaller bundle both place it at ``hsdesk/_resources``; a source checkout
    keeps it at the top of the repository.
    """
    package = Path(__file__).resolve().parent
    shipped = package / "_resources"
    if shipped.is_dir():
        return shipped
    return package.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one resource file; raises FileNotFoundError naming it if the install is incomplete."""
    path = resource_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"hsdesk resource missing: {path} — reinstall hsdesk")
    return path
