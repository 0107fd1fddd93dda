"""hsdesk-cli export and verify: signed PDFs and CSVs, and checking a signed PDF."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from hsdesk.commands.common import (
    UsageError,
    open_database,
    signed_in_user,
    system_actor,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import HsdeskError


def cmd_export_policy(args: argparse.Namespace) -> int:
    from hsdesk.services.policy.pdf import export_policy

    db = open_database(args)
    version = export_policy(db, system_actor(), Path(args.out), args.version, args.document)
    print(f"Wrote the signed PDF of {version.label} ({version.status_label}) to {args.out}")
    return 0


def cmd_export_review(args: argparse.Namespace) -> int:
    from hsdesk.services.reviews.pdf import export_review

    db = open_database(args)
    review = export_review(db, system_actor(), args.quarter, Path(args.out))
    print(
        f"Wrote the signed PDF of the quarterly review of {review.title}, signed off "
        f"{format_date(review.signed_on)} by {review.signer_label}, to {args.out}"
    )
    return 0


def quarter_text(text: str) -> str:
    if not re.fullmatch(r"\d{4}Q[1-4]", text.strip(), flags=re.IGNORECASE):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a quarter: give the year and the quarter number, e.g. 2026Q3"
        )
    return text.strip()


def cmd_export_consent_form(args: argparse.Namespace) -> int:
    from hsdesk.services.photos.exports import export_consent_form

    db = open_database(args)
    export_consent_form(db, Path(args.out), args.person)
    whose = f"person {args.person}" if args.person is not None else "a blank form"
    print(f"Wrote the photo consent form ({whose}) to {args.out}")
    return 0


def cmd_export_induction_pack(args: argparse.Namespace) -> int:
    from hsdesk.services.inductions.packs import export_packs

    if not args.person and not args.outstanding:
        raise UsageError("say whose packs to make: --person ID (one or more) or --outstanding")
    db = open_database(args)
    batch = export_packs(db, system_actor(), Path(args.out), args.person or (), args.outstanding)
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

    db = open_database(args)
    out = Path(args.out)
    if args.table == "consents":
        from hsdesk.services.photos.exports import export_consents_csv

        count = export_consents_csv(db, system_actor(), out)
        print(f"Wrote {count} consent records to {out}")
    elif args.table == "inductions":
        from hsdesk.services.inductions.exports import export_inductions_csv

        count = export_inductions_csv(db, system_actor(), out)
        print(f"Wrote {count} rows (one per person, and per earlier version) to {out}")
    elif args.table == "reviews":
        from hsdesk.services.reviews.exports import export_reviews_csv

        count = export_reviews_csv(db, system_actor(), out)
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
        count = getattr(register_exports, name)(db, signed_in_user(args, db), out)
        print(f"Wrote {count} {what} to {out}")
    elif args.table == "content":
        from hsdesk.services.content.exports import export_content_csv

        count = export_content_csv(db, system_actor(), out)
        print(f"Wrote {count} rows (one per item and channel) to {out}")
    else:
        from hsdesk.services.content.exports import export_content_log

        start = parse_date(args.date_from or "", "--from")
        end = parse_date(args.date_to or "", "--to")
        if start is None or end is None:
            raise UsageError("content-log needs --from DATE and --to DATE (dd/mm/yyyy)")
        count = export_content_log(db, system_actor(), start, end, out)
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
    report = verify(open_database(args), data)
    if not report.ok:
        raise HsdeskError(f"{path.name} is not valid: {report.reason}")
    print("\n".join(report.lines()))
    return 0
