"""The summary at the front of a subject access export: who it is about, each kind of record
held with why the scheme holds it and how many, what was left out and why, the files included,
and the person's rights — in words a member of the public can read."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hsdesk.domain.dates import format_datetime
from hsdesk.domain.subject_access import SubjectAccess
from hsdesk.domain.wording import counted
from hsdesk.exports.layout import GREY, build_pdf, escape, letterhead, styles, table

RIGHTS = (
    "You may ask the scheme to correct anything here that is wrong, to erase what it no "
    "longer needs, or to stop using it while a question is settled. If you are unhappy with "
    "how the scheme has handled your information, you may complain to the Information "
    "Commissioner's Office (ico.org.uk, 0303 123 1113)."
)


def _held_table(access: SubjectAccess) -> Flowable:
    style = styles()
    rows: list[list[object]] = [["What is held", "Why the scheme holds it", "Records", "File"]]
    for n, held in enumerate(access.held, 1):
        rows.append(
            [
                Paragraph(escape(held.title), style["body"]),
                Paragraph(escape(held.why), style["small"]),
                str(len(held.rows)),
                Paragraph(escape(f"records/{n:02d}-{held.key}.csv"), style["small"]),
            ]
        )
    return table(
        rows,
        [46 * mm, 78 * mm, 16 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, 0), 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, GREY),
    )


def build_subject_access_pdf(access: SubjectAccess) -> bytes:
    style = styles()
    name = escape(access.person_name)
    story: list[Flowable] = [
        letterhead("Subject access export"),
        Spacer(1, 6 * mm),
        Paragraph(f"What the scheme holds about {name}", style["title"]),
        Paragraph(
            f"Made by {escape(access.made_by)} on {format_datetime(access.made_at)}, from "
            "hsdesk, the scheme's records of its social media work. The records themselves are "
            "in the CSV files beside this summary (they open in Excel), and the files the "
            "scheme keeps about you are in the folder 'files'.",
            style["para"],
        ),
        Paragraph("What is held, and why", style["h1"]),
        _held_table(access),
    ]
    if access.withheld:
        story.append(Paragraph("What is not in this export", style["h1"]))
        for part in access.withheld:
            story.append(
                Paragraph(
                    f"<b>{escape(part.title)}</b> ({counted(part.count, 'record')}): "
                    f"{escape(part.why)}",
                    style["para"],
                )
            )
    files = access.files
    story.append(Paragraph("Files", style["h1"]))
    story.append(
        Paragraph(
            escape(
                f"{counted(len(files), 'file')}: "
                + ", ".join(f.name for f in files[:40])
                + (f", and {len(files) - 40} more" if len(files) > 40 else "")
                if files
                else "None."
            ),
            style["para"],
        )
    )
    if access.audit is not None:
        story.append(Paragraph("The audit trail", style["h1"]))
        story.append(
            Paragraph(
                escape(
                    f"{counted(len(access.audit.rows), 'entry', 'entries')} about you or made by "
                    f"you are in records/{len(access.held) + 1:02d}-audit-trail.csv. "
                    + access.audit.why
                ),
                style["para"],
            )
        )
    story += [Paragraph("Your rights", style["h1"]), Paragraph(escape(RIGHTS), style["para"])]
    return build_pdf(
        story,
        title=f"Subject access export — {access.person_name}",
        subject="What the scheme holds about one person",
        footer=f"Subject access export for {access.person_name} — "
        f"{format_datetime(access.made_at)}",
    )
