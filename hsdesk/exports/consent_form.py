"""The scheme's photo consent form: the wording people are shown (with its version), a tick box
for each use, the details of the person pictured (blank or filled in) and the signature sections
— the person's own, or a parent's or guardian's for a child."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hsdesk.domain.dates import format_date
from hsdesk.domain.photo_records import FormSubject, Wording
from hsdesk.exports.layout import (
    GREY,
    Pair,
    build_pdf,
    escape,
    field_rows,
    letterhead,
    styles,
    table,
)

BOX = "\u2610"  # ☐, drawn from the embedded DejaVu font


def _section(heading: str, intro: str, rows: list[list[Pair]]) -> Flowable:
    style = styles()
    parts: list[Flowable] = [Paragraph(escape(heading), style["h2"])]
    if intro:
        parts.append(Paragraph(escape(intro), style["body"]))
    parts.append(field_rows(rows))
    return KeepTogether(parts)


def build_consent_form(wording: Wording, subject: FormSubject | None = None) -> bytes:
    """A4 consent form; ``subject`` fills in the person's details, None leaves them blank."""
    style = styles()
    story: list[Flowable] = [
        letterhead(f"Photo consent form — wording version {wording.version}"),
        Spacer(1, 6 * mm),
        Paragraph("Photo consent", style["title"]),
    ]
    story += [Paragraph(escape(p), style["para"]) for p in wording.paragraphs[:1]]
    uses = table(
        [
            [Paragraph(f"<font size=14>{BOX}</font>", style["body"]), escape(use)]
            for use in wording.uses
        ],
        [10 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("FONTSIZE", (1, 0), (1, -1), 10.5),
        ("BOX", (0, 0), (-1, -1), 0.6, GREY),
        ("BACKGROUND", (0, 0), (-1, -1), "#f4f6fa"),
    )
    story += [Spacer(1, 1 * mm), uses, Spacer(1, 3 * mm)]
    story += [Paragraph(escape(p), style["para"]) for p in wording.paragraphs[1:]]

    minor = subject.minor if subject else None
    born = format_date(subject.date_of_birth) if subject else ""
    story.append(
        _section(
            "The person pictured",
            "",
            [
                [("Full name", subject.name if subject else "")],
                [
                    ("Date of birth", born),
                    ("Family", subject.family_reference if subject else ""),
                ],
            ],
        )
    )
    if minor is not True:
        story.append(
            _section(
                "If the person pictured is 18 or over",
                "I consent to the uses I have ticked above.",
                [[("Signature", ""), ("Date", "")]],
            )
        )
    if minor is not False:
        story.append(
            _section(
                "If the person pictured is under 18: parent or guardian",
                f"I have parental responsibility for the child named above ({BOX} tick to confirm) "
                "and I consent on their behalf to the uses I have ticked above.",
                [
                    [("Name", subject.guardian_name if subject else "")],
                    [("Relationship", "")],
                    [("Signature", ""), ("Date", "")],
                ],
            )
        )
    story.append(
        _section(
            "For office use",
            "",
            [[("Recorded by", ""), ("Date", "")]],
        )
    )
    name = f" — {subject.name}" if subject else ""
    return build_pdf(
        story,
        title=f"Photo consent form{name}",
        subject=f"Photo consent, wording version {wording.version}",
        footer=f"Photo consent form — wording version {wording.version}",
        keywords="hsdesk consent-form",
    )
