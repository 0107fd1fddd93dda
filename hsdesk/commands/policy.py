"""hsdesk-cli policy: import a draft from text, show a version with the duties its clauses state,
and the Chair's adoption — the same services and refusals as the Policy tab."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from hsdesk.commands.common import (
    UsageError,
    open_database,
    read_password,
    signed_in_user,
    system_actor,
)
from hsdesk.domain.dates import format_date, parse_date
from hsdesk.domain.errors import HsdeskError, ValidationError

TEXT_LIMIT = 1_000_000  # a policy is a few pages; anything bigger is the wrong file
IMAGE_LIMIT = 5_000_000


def _read(path: str, what: str, limit: int) -> bytes:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limit:
            raise HsdeskError(
                f"{path} is {size:,} bytes, too big for {what}; choose the right file"
            )
        return file.read_bytes()
    except OSError as exc:
        raise HsdeskError(f"cannot read {path}: {exc.strerror}; nothing was changed") from exc


def cmd_policy_import(args: argparse.Namespace) -> int:
    from hsdesk.services.policy.drafts import import_text

    raw = _read(args.file, "a policy text", TEXT_LIMIT)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    db = open_database(args)
    actor = signed_in_user(args, db) if args.user else system_actor()
    version = import_text(db, actor, text, args.document)
    print(
        f"Imported {version.label} as a draft, with {version.text.clause_count} clauses. "
        f"See the duties its clauses state with '{_show_hint(version.number)}'."
    )
    return 0


def _show_hint(number: int) -> str:
    return f"hsdesk-cli policy show --version {number}"


def cmd_policy_show(args: argparse.Namespace) -> int:
    from hsdesk.services.policy.duties import version_duties

    db = open_database(args)
    shown = version_duties(db, args.version, args.document)
    v = shown.version
    print(f"{v.label} — {v.status_label}")
    if v.review_due:
        print(f"Review due {format_date(v.review_due)}")
    named = {d.key: d for d in shown.duties}
    at: dict[str, list[str]] = {}
    for key, number in shown.links.items():
        if number:
            at.setdefault(number, []).append(key)
    if shown.proposed:
        print("Duties proposed for each clause (the Chair confirms them at adoption).")
    wrap = textwrap.TextWrapper(width=96, subsequent_indent="      ")
    for n, section in enumerate(v.text.sections, start=1):
        print(f"\n{n}. {section.heading}")
        for m, clause in enumerate(section.clauses, start=1):
            number = f"{n}.{m}"
            print(wrap.fill(f"  {number} {' '.join(clause.split())}"))
            for key in at.get(number, []):
                name = named[key].name if key in named else key
                print(f"      → checks: {name} [{key}]")
    missing = [d for d in shown.duties if d.key in shown.links and not shown.links[d.key]]
    if missing:
        heading = (
            "Not found in this version (choose with --link DUTY=N.M, or confirm with "
            "--no-clause DUTY):"
            if shown.proposed
            else "No clause in this version:"
        )
        print(f"\n{heading}")
        before = {p.duty.key: p.before for p in shown.found}
        for d in missing:
            was = f" (clause {before[d.key]} before)" if before.get(d.key) else ""
            print(f"  {d.key}: {d.name}{was}")
    return 0


def _links(args: argparse.Namespace) -> dict[str, str | None]:
    chosen: dict[str, str | None] = {}
    for pair in args.link or []:
        key, sep, number = pair.partition("=")
        if not sep or not key.strip() or not number.strip():
            raise UsageError(f"--link takes DUTY=N.M, e.g. volunteer_logo=1.7 (not '{pair[:40]}')")
        chosen[key.strip()] = number.strip()
    for key in args.no_clause or []:
        if key in chosen:
            raise UsageError(f"{key} is given both --link and --no-clause; choose one")
        chosen[key.strip()] = None
    return chosen


def cmd_policy_adopt(args: argparse.Namespace) -> int:
    from hsdesk.domain import clock
    from hsdesk.services.platform.auth import sign_in
    from hsdesk.services.policy.adoption import Adoption, adopt, default_review_date
    from hsdesk.services.policy.versions import find_version_record

    links = _links(args)
    drawn = _read(args.signature, "a signature image", IMAGE_LIMIT)
    try:
        on = parse_date(args.on, "Adoption date") if args.on else clock.today()
        review = parse_date(args.review_by, "Review date") if args.review_by else None
    except ValidationError as exc:
        raise UsageError(str(exc)) from exc
    assert on is not None
    db = open_database(args)
    version = find_version_record(db, args.document, args.version)
    password = read_password(
        args.password_file, confirm=False, prompt=f"Password for {args.user}: "
    )
    actor = sign_in(db, args.user, password)
    adopted = adopt(
        db,
        actor,
        version.id,
        Adoption(
            username=args.user,
            password=password,
            adopted_on=on,
            review_due=review or default_review_date(on),
            drawn=drawn,
            links=links,
        ),
    )
    print(
        f"{adopted.chair_name} adopted {adopted.label} on {format_date(adopted.adopted_on)}; "
        f"review due {format_date(adopted.review_due)}."
    )
    return 0


def add_policy_commands(sub: argparse._SubParsersAction, parser_class: type) -> None:  # type: ignore[type-arg]
    policy = sub.add_parser(
        "policy", help="policy versions: import a draft, show, adopt", description="policy versions"
    )
    actions = policy.add_subparsers(
        dest="policy_command", metavar="ACTION", parser_class=parser_class
    )
    actions.required = True

    def action(name: str, func, help_: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
        p = actions.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        p.add_argument(
            "--document",
            metavar="NAME",
            help="which policy (default: the first, the Social Networking Policy)",
        )
        return p

    imported = action(
        "import",
        cmd_policy_import,
        "a new draft from a plain-text policy laid out like the scheme's (numbered sections and "
        "clauses)",
    )
    imported.add_argument("file", metavar="FILE.txt")
    imported.add_argument(
        "--user", metavar="NAME", help="import as this account (its password is asked for)"
    )
    imported.add_argument(
        "--password-file", metavar="F", help="read --user's password from the first line of F"
    )
    show = action(
        "show",
        cmd_policy_show,
        "a version's clauses and the duties hsdesk checks in each (the adopted one by default)",
    )
    show.add_argument("--version", type=int, metavar="N", help="the version number")
    adopt = action(
        "adopt",
        cmd_policy_adopt,
        "the Chair adopts a draft: their own account and password and a signature image",
    )
    adopt.add_argument("--version", type=int, required=True, metavar="N", help="the draft")
    adopt.add_argument(
        "--user", required=True, metavar="NAME", help="the Chair's (or acting Chair's) account"
    )
    adopt.add_argument(
        "--password-file", metavar="F", help="read the password from the first line of F"
    )
    adopt.add_argument(
        "--signature", required=True, metavar="IMAGE", help="the Chair's signature (PNG or JPEG)"
    )
    adopt.add_argument(
        "--review-by", metavar="DD/MM/YYYY", help="the next review (default: in three years)"
    )
    adopt.add_argument("--on", metavar="DD/MM/YYYY", help="the day it was adopted (default: today)")
    adopt.add_argument(
        "--link",
        action="append",
        metavar="DUTY=N.M",
        help="the clause that states a duty in this version, where the proposal is wrong or "
        "missing (repeatable; 'policy show' lists the duties)",
    )
    adopt.add_argument(
        "--no-clause",
        action="append",
        metavar="DUTY",
        help="confirm that this version no longer asks a duty (repeatable)",
    )
