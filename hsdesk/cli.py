"""hsdesk-cli: the command-line front over the same services as the window.

Exit codes: 0 success, 1 the operation failed or a check found problems, 2 usage error.
Errors are one line on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from hsdesk import __version__
from hsdesk.commands.common import PROG, UsageError
from hsdesk.commands.exports import (
    cmd_export_consent_form,
    cmd_export_csv,
    cmd_export_induction_pack,
    cmd_export_policy,
    cmd_export_review,
    cmd_verify,
    quarter_text,
)
from hsdesk.commands.office import (
    cmd_backup,
    cmd_check,
    cmd_demo,
    cmd_init,
    cmd_restore,
    cmd_status,
    cmd_user_add,
    cmd_user_passwd,
    fraction,
)
from hsdesk.commands.people import cmd_person_erase, cmd_person_export, cmd_person_retention
from hsdesk.commands.policy import add_policy_commands
from hsdesk.commands.server import cmd_connect, cmd_move
from hsdesk.domain.errors import HsdeskError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROG} --help')")


def _user_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"sign in as this account (its password is asked for); needed for {what}",
    )
    parser.add_argument(
        "--password-file", metavar="F", help="read --user's password from the first line of F"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="hsdesk from the command line.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file or office server URL (default: HSDESK_DB, then the office server "
        "this PC was connected to, then the per-user data folder)",
    )
    parser.add_argument(
        "--db-password-file",
        metavar="F",
        help="the office server's password, from the first line of F (default: the one this PC "
        "keeps in its credential store, else asked for)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_: str,
        parent: argparse._SubParsersAction = sub,
    ) -> argparse.ArgumentParser:  # type: ignore[type-arg]
        p = parent.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def group(name: str, help_: str, metavar: str = "WHAT") -> argparse._SubParsersAction:  # type: ignore[type-arg]
        """A command with commands of its own (``export policy``, ``user add``)."""
        parent = sub.add_parser(name, help=help_)
        inner = parent.add_subparsers(dest=f"{name}_command", metavar=metavar, parser_class=_Parser)
        inner.required = True
        return inner

    command("init", cmd_init, "create or upgrade the database to the latest schema")
    demo = command("demo", cmd_demo, "fill the database with the demo data set")
    demo.add_argument(
        "--force", action="store_true", help="replace a non-empty database (backed up first)"
    )
    demo.add_argument(
        "--size",
        choices=("demo", "large"),
        default="demo",
        help="demo: the small demo set; large: the demo set and ten years of a busy office "
        "(2,000 people, 20,000 photos, 100,000 content items; takes minutes)",
    )
    demo.add_argument(
        "--fraction",
        type=fraction,
        default=1.0,
        help="with --size large: build this fraction of it (0.1 is a tenth), same shape",
    )
    check = command(
        "check",
        cmd_check,
        "check the file, foreign keys, audit chain and stored files, and that the audit trail "
        "still holds what this PC verified before",
    )
    check.add_argument(
        "--full",
        action="store_true",
        help="re-hash every audit entry and stored file, not only what is new or changed since "
        "this PC's last check (a full check also runs every 30 days)",
    )
    check.add_argument(
        "--against",
        metavar="FILE",
        action="append",
        default=[],
        help="also confirm the audit trail still holds what this earlier backup (.db) or PDF "
        "signed by hsdesk (.pdf) knew of it (may be given more than once)",
    )
    backup = command(
        "backup", cmd_backup, "a consistent backup now, with the stored files it needs"
    )
    backup.add_argument(
        "--to",
        metavar="DIR",
        help="the folder to put it in (default: backups beside the database file; for an office "
        "server, the folder named in Settings)",
    )
    restore = command(
        "restore",
        cmd_restore,
        "replace the database with a backup (the database as it is is backed up first)",
    )
    restore.add_argument("backup", metavar="BACKUP", help="a backup .db file")
    move = command(
        "move",
        cmd_move,
        "move this PC's records onto an empty office server database, check the copy, and keep "
        "this PC's file read-only",
    )
    move.add_argument(
        "--to", required=True, metavar="URL", help="postgresql+psycopg://USER@SERVER:5432/DATABASE"
    )
    move.add_argument(
        "--password-file", metavar="F", help="the server's password, from the first line of F"
    )
    connect = command(
        "connect",
        cmd_connect,
        "use an office server from this PC (its password is kept in the credential store)",
    )
    connect.add_argument(
        "url", nargs="?", metavar="URL", help="postgresql+psycopg://USER@SERVER:5432/DATABASE"
    )
    connect.add_argument(
        "--password-file", metavar="F", help="the server's password, from the first line of F"
    )
    connect.add_argument(
        "--this-pc", action="store_true", help="go back to the database file on this PC"
    )
    status = command("status", cmd_status, "list what needs attention (the Dashboard's items)")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    _user_options(status, "open breaches")

    person_sub = group("person", "what hsdesk holds about one person")
    person_export = command(
        "export",
        cmd_person_export,
        "a subject access export: everything hsdesk holds about the person, with a PDF summary "
        "saying what and why, as one ZIP file (audited)",
        person_sub,
    )
    person_export.add_argument("id", type=int, metavar="ID", help="the person's number")
    person_export.add_argument("--out", required=True, metavar="FILE.zip", help="where to write it")
    _user_options(person_export, "breach records (without it: as this computer's operator)")
    person_erase = command(
        "erase",
        cmd_person_erase,
        "erase a person who has left: their details, consent scans, the photos of them and "
        "their name wherever it is written; check still says ok (audited; cannot be undone)",
        person_sub,
    )
    person_erase.add_argument("id", type=int, metavar="ID", help="the person's number")
    person_erase.add_argument(
        "--reason", required=True, metavar="TEXT", help="why (kept in the audit trail)"
    )
    _user_options(person_erase, "an administrator's name in the audit trail")
    person_retention = command(
        "retention",
        cmd_person_retention,
        "the people and ended consents past their retention date, to keep or erase",
        person_sub,
    )
    _user_options(person_retention, "an administrator's view")

    export_sub = group("export", "signed PDFs and other documents")
    policy = command(
        "policy",
        cmd_export_policy,
        "the signed policy PDF (the adopted version by default)",
        export_sub,
    )
    policy.add_argument("--version", type=int, metavar="V", help="the version number to export")
    policy.add_argument(
        "--document",
        metavar="NAME",
        help="which policy (default: the first, the Social Networking Policy)",
    )
    policy.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write it")
    review = command(
        "review",
        cmd_export_review,
        "the signed PDF of a quarterly review the Vice Chair has signed off",
        export_sub,
    )
    review.add_argument(
        "--quarter",
        required=True,
        type=quarter_text,
        metavar="YYYYQn",
        help="e.g. 2026Q3 (numbered by the calendar or financial year, as set in hsdesk)",
    )
    review.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write it")
    form = command(
        "consent-form",
        cmd_export_consent_form,
        "the photo consent form with the current wording, blank or filled in for a person",
        export_sub,
    )
    form.add_argument("--person", type=int, metavar="ID", help="fill in this person's details")
    form.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write it")
    pack = command(
        "induction-pack",
        cmd_export_induction_pack,
        "induction packs with the adopted policy and an acknowledgement form, in one PDF",
        export_sub,
    )
    who = pack.add_mutually_exclusive_group()
    who.add_argument(
        "--person", type=int, nargs="+", metavar="ID", help="the people's numbers (see People)"
    )
    who.add_argument(
        "--outstanding",
        action="store_true",
        help="everyone who has not acknowledged the adopted version",
    )
    pack.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write it")
    csv_ = command("csv", cmd_export_csv, "a register as a CSV file for Excel", export_sub)
    csv_.add_argument(
        "table",
        choices=[
            "breaches",
            "complaints",
            "connections",
            "consents",
            "content",
            "content-log",
            "inductions",
            "reviews",
        ],
        help="which register (content-log: what was approved, uploaded, taken down in a period; "
        "breaches: needs --user)",
    )
    _user_options(csv_, "breaches")
    csv_.add_argument("--out", required=True, metavar="FILE.csv", help="where to write it")
    csv_.add_argument("--from", dest="date_from", metavar="DATE", help="content-log: first day")
    csv_.add_argument("--to", dest="date_to", metavar="DATE", help="content-log: last day")
    verify = command(
        "verify",
        cmd_verify,
        "check a signed PDF: is the signature intact, and which record does it match",
    )
    verify.add_argument("file", metavar="FILE.pdf")

    add_policy_commands(sub, _Parser)
    user_sub = group("user", "sign-in accounts", "ACTION")
    add = command("add", cmd_user_add, "add a sign-in account for a person", user_sub)
    add.add_argument("username")
    add.add_argument("--person", type=int, required=True, metavar="ID", help="the person's number")
    add.add_argument("--admin", action="store_true", help="make the account an administrator")
    add.add_argument(
        "--password-file", metavar="F", help="read the password from the first line of F"
    )
    passwd = command("passwd", cmd_user_passwd, "set a new password for an account", user_sub)
    passwd.add_argument("username")
    passwd.add_argument(
        "--password-file", metavar="F", help="read the password from the first line of F"
    )
    return parser


def _fail(message: str, code: int) -> int:
    from hsdesk.domain.secrets import redacted

    print(f"{PROG}: error: {redacted(message)}", file=sys.stderr)
    return code


def _utf8_output() -> None:
    """Write UTF-8 whatever the output is. Redirected on Windows (`status > status.txt`), Python
    would write the ANSI code page, which has no "→" or "—", and the command would crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    from hsdesk.diagnostics import setup_logging

    _utf8_output()
    setup_logging(PROG)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc), 2)
    try:
        return int(args.func(args))
    except UsageError as exc:
        return _fail(str(exc), 2)
    except HsdeskError as exc:
        message = str(exc)
        return _fail(message[0].lower() + message[1:] if message else "failed", 1)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was changed", 1)
    except BrokenPipeError:  # the reader stopped early (`| head`): nothing to tell it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # never a traceback: one line, and the details in the log
        return _fail(_unexpected(exc), 1)


def _unexpected(exc: Exception) -> str:
    from sqlalchemy.exc import DBAPIError

    from hsdesk.diagnostics import log_exception, log_file

    log_exception(type(exc), exc, exc.__traceback__)
    if isinstance(exc, DBAPIError):
        return f"the database could not be read or written ({exc.orig}); nothing was changed"
    if isinstance(exc, OSError):
        from hsdesk.db.disk import explained_os_error

        plain = explained_os_error(exc)
        if plain is not None:
            message = str(plain)
            return message[0].lower() + message[1:]
        return f"{exc.strerror or exc} ({exc.filename or 'file'}); nothing was changed"
    if os.environ.get("HSDESK_DEBUG"):
        raise exc
    return f"unexpected problem: {type(exc).__name__}: {exc} (details in {log_file()})"


if __name__ == "__main__":
    sys.exit(main())
