"""Induction packs: per person a cover page, the adopted policy in full (adoption date and the
Chair's signature), any extra documents for their role, and a pre-filled acknowledgement form
as the tear-off last page. Many packs lay out as one document whose page numbers restart for
each person; the extra PDFs are put in afterwards (pypdf)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from hsdesk import SCHEME_NAME
from hsdesk.domain.dates import format_date
from hsdesk.domain.duties import Citations, D
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.induction_records import PackPerson
from hsdesk.domain.policy import PolicyVersionRecord
from hsdesk.exports.layout import (
    GREY,
    InsertPoint,
    Section,
    build_pdf,
    escape,
    field_rows,
    letterhead,
    styles,
    table,
)
from hsdesk.exports.policy_pdf import policy_story

PACK_NOTE = (
    "This is the text the Chair adopted. The digitally signed original is kept in hsdesk "
    "(Policy tab), where anyone can check it."
)


@dataclass(frozen=True, slots=True)
class Extra:
    """An extra document for a role: its title and its PDF's bytes and page count."""

    title: str
    pdf: bytes
    pages: int


def acknowledgement_wording(version: PolicyVersionRecord) -> str:
    return (
        f"I have received and read the {version.text.title} of {SCHEME_NAME} (version "
        f"{version.number}, adopted {format_date(version.adopted_on)}). I understand it and I "
        "will follow it, on the scheme's own sites and on my personal social networking pages."
    )


def reference(person: PackPerson, version: PolicyVersionRecord) -> str:
    """Printed on the slip so a scan can be matched to the person and version."""
    return f"IND-{person.person_id}-V{version.id}"


def _cover(
    person: PackPerson, version: PolicyVersionRecord, extras: Sequence[Extra], cite: Citations
) -> list[Flowable]:
    style = styles()
    duty = D.VOLUNTEER_INDUCTION if person.kind is PersonKind.VOLUNTEER else D.STAFF_INDUCTION
    contents = [
        f"{escape(version.text.title)} — version {version.number}, adopted "
        f"{format_date(version.adopted_on)}, signed by the Chair"
    ]
    contents += [escape(extra.title) for extra in extras]
    contents.append("Acknowledgement form — sign it, detach it and hand it back")
    facts = table(
        [
            [
                Paragraph("<b>Name</b>", style["body"]),
                Paragraph(escape(person.name), style["body"]),
            ],
            [
                Paragraph("<b>Role</b>", style["body"]),
                Paragraph(escape(person.role), style["body"]),
            ],
            [
                Paragraph("<b>Date</b>", style["body"]),
                Paragraph(format_date(person.day), style["body"]),
            ],
        ],
        [30 * mm, None],
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, GREY),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    )
    return [
        letterhead("Induction pack"),
        Spacer(1, 30 * mm),
        Paragraph("Induction pack", style["title"]),
        Paragraph(f"Welcome to {escape(SCHEME_NAME)}.", style["subtitle"]),
        Spacer(1, 6 * mm),
        facts,
        Spacer(1, 10 * mm),
        Paragraph("In this pack", style["h1"]),
        *[Paragraph(line, style["clause"], bulletText="\u2022") for line in contents],
        Spacer(1, 6 * mm),
        Paragraph(
            "Please read the policy carefully: you receive it as part of your induction "
            f"({cite.ref(duty)}). It applies to the scheme's website and social networking "
            "sites and to your own personal pages. When you have read it, sign the "
            "acknowledgement form on the last page, detach it and give it back to the office.",
            style["para"],
        ),
    ]


def _acknowledgement(person: PackPerson, version: PolicyVersionRecord) -> list[Flowable]:
    style = styles()
    cut = Paragraph(
        "\u2702 - - - - - - - - - - - - - - - - detach this page and return it to the office "
        "- - - - - - - - - - - - - - - - \u2702",
        style["small"],
    )
    return [
        cut,
        Spacer(1, 8 * mm),
        Paragraph("Acknowledgement of the policy", style["title"]),
        Paragraph(escape(SCHEME_NAME), style["subtitle"]),
        field_rows(
            [
                [("Name", person.name)],
                [("Role", person.role)],
                [("Policy", version.text.title)],
                [
                    ("Version", f"{version.number}"),
                    ("Adopted", format_date(version.adopted_on)),
                ],
            ]
        ),
        Spacer(1, 8 * mm),
        table(
            [[Paragraph(escape(acknowledgement_wording(version)), style["body"])]],
            [None],
            ("BOX", (0, 0), (-1, -1), 0.6, GREY),
            ("BACKGROUND", (0, 0), (-1, -1), "#f4f6fa"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ),
        Spacer(1, 6 * mm),
        field_rows([[("Signature", ""), ("Date", "")]]),
        Spacer(1, 16 * mm),
        Paragraph("For office use", style["h2"]),
        field_rows([[("Received by", ""), ("Date", "")], [("Recorded on", "")]]),
        Spacer(1, 6 * mm),
        Paragraph(f"Reference {reference(person, version)}", style["small"]),
    ]


def footer_for(person: PackPerson, version: PolicyVersionRecord) -> str:
    return f"Induction pack — {person.name} — {version.document_name} version {version.number}"


def pack_story(
    person: PackPerson,
    version: PolicyVersionRecord,
    signature_png: bytes | None,
    extras: Sequence[Extra],
    on_start: Callable[[], None] | None = None,
    cite: Citations | None = None,
) -> tuple[list[Flowable], InsertPoint]:
    """One person's pack; the InsertPoint says where their extra documents go."""
    insert = InsertPoint(sum(extra.pages for extra in extras))
    story: list[Flowable] = [Section(footer_for(person, version), on_start)]
    story += _cover(person, version, extras, cite or Citations())
    story.append(PageBreak())
    story += policy_story(version, signature_png, PACK_NOTE)
    story += [PageBreak(), insert]
    story += _acknowledgement(person, version)
    return story, insert


def _insert_extras(pdf: bytes, inserts: Sequence[tuple[InsertPoint, Sequence[Extra]]]) -> bytes:
    """Put each pack's extra documents in before its acknowledgement page."""
    from pypdf import PdfReader, PdfWriter

    base = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    writer.add_metadata(base.metadata or {})
    readers = {
        id(extra): PdfReader(io.BytesIO(extra.pdf)) for _p, extras in inserts for extra in extras
    }
    before = {point.page: extras for point, extras in inserts if extras}
    for number, page in enumerate(base.pages, start=1):
        for extra in before.get(number, ()):
            for extra_page in readers[id(extra)].pages:
                writer.add_page(extra_page)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_packs(
    people: Sequence[PackPerson],
    version: PolicyVersionRecord,
    signature_png: bytes | None,
    extras: Mapping[PersonKind, Sequence[Extra]],
    on_pack: Callable[[int], None] | None = None,
    cite: Citations | None = None,
) -> bytes:
    """One PDF holding every person's pack, each numbered "page x of y" on its own.
    ``on_pack(n)`` runs as the n-th pack (0-based) starts being laid out; raising stops it."""
    story: list[Flowable] = []
    inserts: list[tuple[InsertPoint, Sequence[Extra]]] = []
    for n, person in enumerate(people):
        if n:
            story.append(PageBreak())
        mine = extras.get(person.kind, ())
        start = (lambda n=n: on_pack(n)) if on_pack is not None else None
        part, point = pack_story(person, version, signature_png, mine, start, cite)
        story += part
        inserts.append((point, mine))
    who = people[0].name if len(people) == 1 else f"{len(people)} people"
    pdf = build_pdf(
        story,
        title=f"Induction pack — {who}",
        subject=f"{version.document_name} version {version.number}: induction packs",
        footer=f"Induction pack — {version.document_name} version {version.number}",
        keywords=f"hsdesk induction-pack policy-version {version.id}",
    )
    if any(extras for _point, extras in inserts):
        return _insert_extras(pdf, inserts)
    return pdf
