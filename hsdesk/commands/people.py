"""hsdesk-cli person: what hsdesk holds about one person (a subject access export), and
erasing one."""

from __future__ import annotations

import argparse
from pathlib import Path

from hsdesk.commands.common import UsageError, open_database, signed_in_user
from hsdesk.domain.wording import counted


def cmd_person_export(args: argparse.Namespace) -> int:
    from hsdesk.services.people.subject_access import export_zip

    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        raise UsageError(f"--out should name a .zip file, e.g. {out.with_suffix('.zip').name}")
    db = open_database(args)
    access = export_zip(db, signed_in_user(args, db), args.id, out)
    print(
        f"Wrote what hsdesk holds about {access.person_name} to {out}: "
        f"{counted(access.record_count, 'record')} of {counted(len(access.held), 'kind')}, "
        f"{counted(len(access.files), 'file')}, and "
        f"{counted(len(access.audit.rows) if access.audit else 0, 'audit entry', 'audit entries')}"
    )
    for part in access.withheld:
        print(f"Not included: {part.title} ({counted(part.count, 'record')}). {part.why}")
    return 0


def cmd_person_erase(args: argparse.Namespace) -> int:
    from hsdesk.services.people.erasure import erase_person

    db = open_database(args)
    result = erase_person(db, signed_in_user(args, db), args.id, args.reason)
    print(result.summary() + ".")
    if result.warning:
        print(result.warning)
    return 0


def cmd_person_retention(args: argparse.Namespace) -> int:
    from hsdesk.domain.dates import format_date
    from hsdesk.services.people.retention import review_list

    db = open_database(args)
    due = review_list(db, signed_in_user(args, db))
    if not due:
        print("Nothing is past its retention date.")
        return 0
    print(f"{counted(len(due), 'record')} past their retention date:")
    for d in due:
        kept = (
            f" (was kept until {format_date(d.kept_until)}: {d.kept_reason})"
            if d.kept_until
            else ""
        )
        print(f"  {d.record:<14} {d.title}: due since {format_date(d.due_on)}{kept}")
    return 0
