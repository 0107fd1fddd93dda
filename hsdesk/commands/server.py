"""hsdesk-cli commands for the office server: move a PC's records onto it, connect this PC to it."""

from __future__ import annotations

import argparse
import sys

from hsdesk.commands.common import PROG, UsageError, open_database, read_password, system_actor
from hsdesk.db.location import is_url


def _server_url(url: str, password_file: str | None) -> str:
    """The address with its password: in it, from the file, kept by this PC, or typed now."""
    from hsdesk.db.credentials import ServerAddress, completed, has_password

    if not is_url(url) or not url.startswith("postgresql"):
        raise UsageError(
            f"'{url}' is not an office server's address; give it as "
            "postgresql+psycopg://USER@SERVER:5432/DATABASE"
        )
    if has_password(url):
        return url
    if password_file:
        return completed(url, read_password(password_file, confirm=False))
    found = completed(url)
    if has_password(found):
        return found
    prompt = f"Password for {ServerAddress.of(url).key}: "
    return completed(url, read_password(None, confirm=False, prompt=prompt))


class _Percent:
    """Progress on stderr, a line each tenth of the way."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, done: int, total: int, text: str) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != self.shown:
            self.shown = tenth
            print(f"{tenth * 10:3d}% {text}", file=sys.stderr)


def cmd_move(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.office_server import move_to_server

    source = open_database(args)
    target = _server_url(args.to, args.password_file)
    moved = move_to_server(source, target, system_actor(), report=_Percent())
    from hsdesk.db.credentials import without_password

    print(f"Moved {moved.summary} to {moved.server}, and checked the copy.")
    print(
        f"{source.where} is now kept read-only as it was. Use the server from this PC with: "
        f"{PROG} connect {without_password(args.to)}"
    )
    return 0


def cmd_connect(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.connection import try_server, use_server, use_this_pc

    if args.this_pc:
        use_this_pc()
        print("This PC now uses the database in its own data folder.")
        return 0
    if not args.url:
        raise UsageError("give the server's address, or --this-pc")
    url = _server_url(args.url, args.password_file)
    tried = try_server(url)
    note = use_server(url, _password_in(url))
    print(tried.described)
    print("This PC (hsdesk and hsdesk-cli) now uses the office server.")
    if note:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    return 0


def _password_in(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    found = make_url(url).password
    return str(found) if found else None
