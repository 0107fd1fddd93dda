"""Where the database lives: --db, then HSDESK_DB, then the office server this PC was connected
to (File → Connect to the office server…), then the file in the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "HSDESK_DB"
DB_FILENAME = "hsdesk.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    # On Windows: %LOCALAPPDATA%\Home-Start\hsdesk
    return Path(user_data_dir("hsdesk", "Home-Start", roaming=False))


def resolve_location(arg: str | None, password: str | None = None) -> str:
    """A database URL or file path, by precedence: the argument, HSDESK_DB, this PC's office
    server, the default file. A server's address gets ``password``, else the one this PC keeps
    in its credential store, unless it has one already."""
    chosen = arg or os.environ.get(ENV_VAR)
    if not chosen:
        from hsdesk.db.credentials import saved_server

        chosen = saved_server()
    if not chosen:
        return str(default_data_dir() / DB_FILENAME)
    if is_url(chosen):
        from hsdesk.db.credentials import completed

        return completed(chosen, password)
    return chosen


def is_url(location: str) -> bool:
    return "://" in location


def shown(location: str) -> str:
    """The location as hsdesk may print or show it: a server URL without its password."""
    if not is_url(location):
        return location
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(location).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "a database server (its address could not be read)"
