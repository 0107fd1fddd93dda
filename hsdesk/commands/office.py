"""hsdesk-cli commands on the office's database: init, demo, check, status, backup, restore, users."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from hsdesk.commands.common import (
    PROG,
    open_database,
    read_password,
    signed_in_user,
    system_actor,
)
from hsdesk.db.location import is_url, resolve_location
from hsdesk.domain.progress import Steps


def cmd_init(args: argparse.Namespace) -> int:
    db = open_database(args, create=True)
    print(f"Database ready at {db.where}")
    return 0


def fraction(text: str) -> float:
    """A fraction of the large office, as typed after --fraction."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a fraction: give a number above 0 and at most 1, e.g. 0.1"
        )
    return value


def cmd_demo(args: argparse.Namespace) -> int:
    from hsdesk.demo.large import LARGE, load_large_office
    from hsdesk.demo.office import load_demo

    db = open_database(args, create=True)
    if args.size == "large":
        size = LARGE.scaled(args.fraction)
        print(
            f"Building a ten-year office: {size.people:,} people, {size.photos:,} photos, "
            f"{size.items:,} content items, {size.audit_entries:,} audit entries…",
            flush=True,
        )
        built = load_large_office(
            db, size, progress=lambda text: print(f"  {text}", flush=True), force=args.force
        )
        backup = built.backup
        print(
            f"Built {built.people:,} people, {built.photos:,} photos "
            f"({built.photo_bytes / 1e6:,.0f} MB), {built.consents:,} consents, "
            f"{built.items:,} content items, {built.complaints:,} complaints and "
            f"{built.audit_entries:,} audit entries"
        )
    else:
        backup = load_demo(db, force=args.force)
    if backup:
        print(f"The previous contents were backed up to {backup}")
    print(f"Demo data loaded into {db.where} (demo accounts' password: demo)")
    return 0


def _progress_on_screen() -> Steps | None:
    """How far a check has got, a line when it moves on (or another tenth of the stored files),
    on the screen; not when the output is redirected (a script reads only the result)."""
    if not sys.stderr.isatty():
        return None
    said: list[tuple[str, int]] = []

    def report(done: int, _total: int, what: str) -> None:
        stage = "files" if what.startswith("Stored file") else what
        if not said or said[-1][0] != stage or done // 10 > said[-1][1] // 10:
            said.append((stage, done))
            print(f"{done:3d}%  {what}", file=sys.stderr, flush=True)

    return Steps(report)


def cmd_check(args: argparse.Namespace) -> int:
    from hsdesk.db.migrate import schema_state
    from hsdesk.domain.errors import DatabaseDamaged, HsdeskError
    from hsdesk.services.platform.integrity import check, not_checked

    db = open_database(args, migrate=False)
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
    from hsdesk.services.platform.anchors import against

    problems = check(db, full=args.full, steps=_progress_on_screen())
    try:
        for earlier in args.against:
            problems += against(db, Path(earlier))
    except HsdeskError as exc:
        print(exc)
        return 1
    for problem in problems:
        print(problem)
    if not problems:
        print("ok")
    for skipped in not_checked(db):
        print(skipped)
    return 1 if problems else 0


def cmd_status(args: argparse.Namespace) -> int:
    from hsdesk.services.content.attention import approvals_waiting
    from hsdesk.services.dashboard import dashboard
    from hsdesk.services.inductions.attention import induction_summary
    from hsdesk.services.policy.duties import policy_summary
    from hsdesk.services.registers.attention import register_summary
    from hsdesk.services.reviews.attention import review_summary

    db = open_database(args)
    actor = signed_in_user(args, db)
    items = dashboard(db, system_actor(), actor if args.user else None)
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
                    "database": db.where,
                    "items": [asdict(i) for i in items],
                    "approvals_waiting": waiting,
                    "inductions": induction_summary(db),
                    "reviews": review_summary(db),
                    "registers": register_summary(db, actor if args.user else None),
                    "policy": policy_summary(db),
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


def cmd_backup(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.backups import backup_now, describe_backup

    db = open_database(args)
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
        return _restore_into_server(args)
    done = restore(Path(location), Path(args.backup), system_actor())
    db = open_database(args)  # an older backup is upgraded (after its own backup) on the way in
    print(f"Restored {args.backup} into {db.where}")
    if done.previous is not None:
        print(f"The database as it was before is kept in {done.previous}")
    for problem in done.missing_files:
        print(f"{PROG}: warning: not restored: {problem}", file=sys.stderr)
    return 1 if done.missing_files else 0


def _restore_into_server(args: argparse.Namespace) -> int:
    from hsdesk.services.platform.office_server import restore_into_server

    db = open_database(args)
    done = restore_into_server(db, Path(args.backup), system_actor())
    print(f"Restored {args.backup} into {db.where} ({done.summary})")
    if done.previous is not None:
        print(f"The server as it was before is kept in {done.previous}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from hsdesk.services.people.accounts import create_account

    db = open_database(args)
    password = read_password(args.password_file)
    record = create_account(
        db, system_actor(), args.person, args.username, password, is_admin=args.admin
    )
    role = "administrator account" if record.is_admin else "account"
    print(f"Created {role} '{record.username}' for {record.person_name}")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from hsdesk.services.people.accounts import reset_password

    db = open_database(args)
    reset_password(db, system_actor(), args.username, read_password(args.password_file))
    print(f"Password changed for '{args.username}'")
    return 0
