"""What every hsdesk-cli command shares: opening the database, who acts, reading a password."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from hsdesk.db.location import is_url, resolve_location
from hsdesk.domain.errors import HsdeskError

PROG = "hsdesk-cli"


class UsageError(Exception):
    pass


def system_actor():  # type: ignore[no-untyped-def]
    from hsdesk.domain.actor import Actor

    try:
        who = getpass.getuser()
    except (OSError, KeyError):
        who = "unknown"
    return Actor.system(f"cli:{who}")


def open_database(args: argparse.Namespace, *, create: bool = False, migrate: bool = True):  # type: ignore[no-untyped-def]
    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema

    password = None
    if getattr(args, "db_password_file", None):
        password = read_password(args.db_password_file, confirm=False)
    location = resolve_location(args.db, password)
    if not create and not is_url(location) and not Path(location).exists():
        raise HsdeskError(
            f"there is no hsdesk database at {location}. Create one with '{PROG} --db {location} init'."
        )
    db = Database(location)
    if migrate:
        from hsdesk.services.people.erasure import reapply_logged

        backup = ensure_schema(db, waiting=_waiting_for_upgrade)
        if backup:
            print(
                f"Upgraded the database; the previous version was backed up to {backup}",
                file=sys.stderr,
            )
        for again in reapply_logged(db):  # a restored backup older than an erasure gets it again
            print(f"Applied again after a restore: {again.summary()}", file=sys.stderr)
    return db


def _waiting_for_upgrade() -> None:
    print(
        "Another PC is upgrading the office server to a newer hsdesk; waiting for it to finish…",
        file=sys.stderr,
    )


def signed_in_user(args: argparse.Namespace, db):  # type: ignore[no-untyped-def]
    """The actor for commands that show what only some people may see: the operator of the
    computer, or with --user the named account, whose password is asked for (or read from
    --password-file)."""
    if not getattr(args, "user", None):
        return system_actor()
    from hsdesk.services.platform.auth import sign_in

    password = read_password(
        args.password_file, confirm=False, prompt=f"Password for {args.user}: "
    )
    return sign_in(db, args.user, password)


def read_password(path: str | None, confirm: bool = True, prompt: str = "New password: ") -> str:
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise HsdeskError(f"cannot read the password file {path}: {exc.strerror}") from exc
        if not lines:
            raise HsdeskError(
                f"the password file {path} is empty; put the password on its first line"
            )
        return lines[0]
    if sys.stdin is None or not sys.stdin.isatty():
        line = sys.stdin.readline() if sys.stdin else ""
        if not line:
            raise HsdeskError("no password given: use --password-file FILE or type it when asked")
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise HsdeskError("the two passwords are not the same; nothing was changed")
    return first
