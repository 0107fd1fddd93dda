"""hsdesk-cli: the command-line front over the same services as the window.

Exit codes: 0 success, 1 the operation failed or a check found problems, 2 usage error.
Errors are one line on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn

from hsdesk import __version__
from hsdesk.db.location import is_url, resolve_location
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import HsdeskError

PROG = "hsdesk-cli"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROG} --help')")


def _actor():  # type: ignore[no-untyped-def]
    from hsdesk.domain.actor import Actor

    try:
        who = getpass.getuser()
    except (OSError, KeyError):
        who = "unknown"
    return Actor.system(f"cli:{who}")


def _open(args: argparse.Namespace, *, create: bool = False, migrate: bool = True):  # type: ignore[no-untyped-def]
    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema

    location = resolve_location(args.db)
    if not create and not is_url(location) and not Path(location).exists():
        raise HsdeskError(
            f"there is no hsdesk database at {location}. Create one with '{PROG} --db {location} init'."
        )
    db = Database(location)
    if migrate:
        backup = ensure_schema(db)
        if backup:
            print(
                f"Upgraded the database; the previous version was backed up to {backup}",
                file=sys.stderr,
            )
    return db


def cmd_init(args: argparse.Namespace) -> int:
    db = _open(args, create=True)
    print(f"Database ready at {db.path or db.url}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from hsdesk.demo.office import load_demo

    db = _open(args, create=True)
    backup = load_demo(db, force=args.force)
    if backup:
        print(f"The previous contents were backed up to {backup}")
    print(f"Demo data loaded into {db.path or db.url} (demo accounts' password: demo)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from hsdesk.db.migrate import schema_state
    from hsdesk.domain.errors import DatabaseDamaged
    from hsdesk.services.platform.integrity import check

    db = _open(args, migrate=False)
    try:
        state = schema_state(db)
    except DatabaseDamaged as exc:
        print(exc)
        return 1
    if not state.is_current:
        print(
            f"the database schema is older than this hsdesk ({state.revision or 'empty'}); "
            f"run '{PROG} init' to upgrade it (a backup is taken first)"
        )
        return 1
    problems = check(db)
    for problem in problems:
        print(problem)
    if not problems:
        print("ok")
    return 1 if problems else 0


def cmd_status(args: argparse.Namespace) -> int:
    from hsdesk.services.content.attention import approvals_waiting
    from hsdesk.services.dashboard import dashboard
    from hsdesk.services.inductions.attention import induction_summary
    from hsdesk.services.registers.attention import register_summary
    from hsdesk.services.reviews.attention import review_summary

    db = _open(args)
    actor = _signed_in(args, db)
    items = dashboard(db, _actor(), actor if args.user else None)
    if args.json:
        waiting = [
            {
                "item": w.id,
                "title": w.title,
                "author": w.author,
                "submitted_at": w.submitted_at.isoformat(),
                "waiting": w.waiting,
            }
            for w in approvals_waiting(db)
        ]
        print(
            json.dumps(
                {
                    "database": str(db.path or db.url),
                    "items": [asdict(i) for i in items],
                    "approvals_waiting": waiting,
                    "inductions": induction_summary(db),
                    "reviews": review_summary(db),
                    "registers": register_summary(db, actor if args.user else None),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not items:
        print("Nothing needs attention.")
    else:
        for item in items:
            print(f"[{item.severity.upper()}] {item.title} — {item.detail}")
    return 0


def cmd_export_policy(args: argparse.Namespace) -> int:
    from hsdesk.services.policy.pdf import export_policy

    db = _open(args)
    version = export_policy(db, _actor(), Path(args.out), args.version, args.document)
    print(f"Wrote the signed PDF of {version.label} ({version.status_label}) to {args.out}")
    return 0


def cmd_export_review(args: argparse.Namespace) -> int:
    from hsdesk.services.reviews.pdf import export_review

    db = _open(args)
    review = export_review(db, _actor(), args.quarter, Path(args.out))
    print(
        f"Wrote the signed PDF of the quarterly review of {review.title}, signed off "
        f"{format_date(review.signed_on)} by {review.signer_label}, to {args.out}"
    )
    return 0


def _quarter_text(text: str) -> str:
    if not re.fullmatch(r"\d{4}Q[1-4]", text.strip(), flags=re.IGNORECASE):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a quarter: give the year and the quarter number, e.g. 2026Q3"
        )
    return text.strip()


def cmd_export_consent_form(args: argparse.Namespace) -> int:
    from hsdesk.services.photos.exports import export_consent_form

    db = _open(args)
    export_consent_form(db, Path(args.out), args.person)
    whose = f"person {args.person}" if args.person is not None else "a blank form"
    print(f"Wrote the photo consent form ({whose}) to {args.out}")
    return 0


def cmd_export_induction_pack(args: argparse.Namespace) -> int:
    from hsdesk.services.inductions.packs import export_packs

    if not args.person and not args.outstanding:
        raise UsageError("say whose packs to make: --person ID (one or more) or --outstanding")
    db = _open(args)
    batch = export_packs(db, _actor(), Path(args.out), args.person or (), args.outstanding)
    made = len(batch.people)
    print(
        f"Wrote induction packs for {made} {'person' if made == 1 else 'people'} "
        f"({batch.version.document_name} version {batch.version.number}) to {args.out}"
    )
    if batch.failed:
        missing = "; ".join(f"{name}: {why}" for name, why in batch.failed)
        raise HsdeskError(f"no pack was made for {len(batch.failed)} of them ({missing})")
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    from hsdesk.domain.dates import parse_date

    db = _open(args)
    out = Path(args.out)
    if args.table == "consents":
        from hsdesk.services.photos.exports import export_consents_csv

        count = export_consents_csv(db, _actor(), out)
        print(f"Wrote {count} consent records to {out}")
    elif args.table == "inductions":
        from hsdesk.services.inductions.exports import export_inductions_csv

        count = export_inductions_csv(db, _actor(), out)
        print(f"Wrote {count} rows (one per person, and per earlier version) to {out}")
    elif args.table == "reviews":
        from hsdesk.services.reviews.exports import export_reviews_csv

        count = export_reviews_csv(db, _actor(), out)
        print(f"Wrote {count} rows (one per checklist item of every review) to {out}")
    elif args.table in REGISTER_EXPORTS:
        from hsdesk.services.registers import exports as register_exports

        name, what = REGISTER_EXPORTS[args.table]
        if args.table == "breaches" and not args.user:
            raise HsdeskError(
                "breach records are confidential: give --user NAME of the Scheme Development "
                "Manager, the Chair or an administrator (the password is asked for, or read "
                "from --password-file)"
            )
        count = getattr(register_exports, name)(db, _signed_in(args, db), out)
        print(f"Wrote {count} {what} to {out}")
    elif args.table == "content":
        from hsdesk.services.content.exports import export_content_csv

        count = export_content_csv(db, _actor(), out)
        print(f"Wrote {count} rows (one per item and channel) to {out}")
    else:
        from hsdesk.services.content.exports import export_content_log

        start = parse_date(args.date_from or "", "--from")
        end = parse_date(args.date_to or "", "--to")
        if start is None or end is None:
            raise UsageError("content-log needs --from DATE and --to DATE (dd/mm/yyyy)")
        count = export_content_log(db, _actor(), start, end, out)
        print(f"Wrote the content log ({count} entries) to {out}")
    return 0


REGISTER_EXPORTS = {
    "complaints": ("export_complaints_csv", "complaints"),
    "breaches": ("export_breaches_csv", "breach records"),
    "connections": ("export_connections_csv", "declared connections"),
}


def cmd_verify(args: argparse.Namespace) -> int:
    from hsdesk.services.signed_pdfs import verify

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HsdeskError(f"cannot read {path}: {exc.strerror}") from exc
    report = verify(_open(args), data)
    if not report.ok:
        raise HsdeskError(f"{path.name} is not valid: {report.reason}")
    print("\n".join(report.lines()))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.backups import backup_now, describe_backup

    db = _open(args)
    result = backup_now(db, folder=Path(args.to).expanduser() if args.to else None)
    info = describe_backup(result.path)
    print(f"Backed up to {result.path} ({info.summary})")
    for problem in result.missing_files:
        print(f"{PROG}: warning: not in the backup: {problem}", file=sys.stderr)
    return 1 if result.missing_files else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.backups import restore

    location = resolve_location(args.db)
    if is_url(location):
        raise HsdeskError(
            "restore works on a database file; restore a database server with its own tools"
        )
    done = restore(Path(location), Path(args.backup), _actor())
    db = _open(args)  # an older backup is upgraded (after its own backup) on the way in
    print(f"Restored {args.backup} into {db.where}")
    if done.previous is not None:
        print(f"The database as it was before is kept in {done.previous}")
    for problem in done.missing_files:
        print(f"{PROG}: warning: not restored: {problem}", file=sys.stderr)
    return 1 if done.missing_files else 0


def _signed_in(args: argparse.Namespace, db):  # type: ignore[no-untyped-def]
    """The actor for commands that show what only some people may see: the operator of the
    computer, or with --user the named account, whose password is asked for (or read from
    --password-file)."""
    if not getattr(args, "user", None):
        return _actor()
    from hsdesk.services.platform.auth import sign_in

    password = _read_password(
        args.password_file, confirm=False, prompt=f"Password for {args.user}: "
    )
    return sign_in(db, args.user, password)


def _read_password(path: str | None, confirm: bool = True, prompt: str = "New password: ") -> str:
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


def cmd_user_add(args: argparse.Namespace) -> int:
    from hsdesk.services.people.accounts import create_account

    db = _open(args)
    password = _read_password(args.password_file)
    record = create_account(db, _actor(), args.person, args.username, password, is_admin=args.admin)
    role = "administrator account" if record.is_admin else "account"
    print(f"Created {role} '{record.username}' for {record.person_name}")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from hsdesk.services.people.accounts import reset_password

    db = _open(args)
    reset_password(db, _actor(), args.username, _read_password(args.password_file))
    print(f"Password changed for '{args.username}'")
    return 0


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
        help="database file or URL (default: HSDESK_DB, then the per-user data folder)",
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

    command("init", cmd_init, "create or upgrade the database to the latest schema")
    demo = command("demo", cmd_demo, "fill the database with the demo data set")
    demo.add_argument(
        "--force", action="store_true", help="replace a non-empty database (backed up first)"
    )
    command("check", cmd_check, "check the file, foreign keys, audit chain and stored files")
    backup = command(
        "backup", cmd_backup, "a consistent backup now, with the stored files it needs"
    )
    backup.add_argument(
        "--to", metavar="DIR", help="the folder to put it in (default: backups beside the database)"
    )
    restore = command(
        "restore",
        cmd_restore,
        "replace the database with a backup (the database as it is is backed up first)",
    )
    restore.add_argument("backup", metavar="BACKUP", help="a backup .db file")
    status = command("status", cmd_status, "list what needs attention (the Dashboard's items)")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    _user_options(status, "open breaches")

    export = sub.add_parser("export", help="signed PDFs and other documents")
    export_sub = export.add_subparsers(dest="export_command", metavar="WHAT", parser_class=_Parser)
    export_sub.required = True
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
        type=_quarter_text,
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

    user = sub.add_parser("user", help="sign-in accounts")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", parser_class=_Parser)
    user_sub.required = True
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
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from hsdesk.diagnostics import setup_logging

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
        return f"{exc.strerror or exc} ({exc.filename or 'file'}); nothing was changed"
    if os.environ.get("HSDESK_DEBUG"):
        raise exc
    return f"unexpected problem: {type(exc).__name__}: {exc} (details in {log_file()})"


if __name__ == "__main__":
    sys.exit(main())
