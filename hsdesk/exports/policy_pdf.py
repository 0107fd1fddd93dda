"""The policy as a printable A4 document, closing with the adoption block the paper copy had:
"Date policy adopted", the Chair's signature and name, "Date policy to be reviewed"."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hsdesk.domain.dates import format_date
from hsdesk.domain.policy import PolicyStatus, PolicyVersionRecord
from hsdesk.exports.layout import (
    GREY,
    build_pdf,
    escape,
    letterhead,
    shared_image,
    styles,
    table,
)


def _paragraphs(text: str) -> list[str]:
    return [escape(p).replace("\n", "<br/>") for p in text.split("\n\n") if p.strip()]


def signature_image(png: bytes | None) -> Flowable:
    if not png:
        return Spacer(1, 18 * mm)
    image = shared_image(png)
    ratio = image.imageWidth / max(image.imageHeight, 1)
    height = 20 * mm
    image.drawHeight, image.drawWidth = height, min(height * ratio, 80 * mm)
    image.hAlign = "LEFT"
    return image


SIGNED_NOTE = (
    "This copy is digitally signed by the scheme. Check it with “Verify a signed PDF…” in "
    "hsdesk, or with any PDF reader that shows signatures."
)


def adoption_block(
    version: PolicyVersionRecord, signature_png: bytes | None, note: str = SIGNED_NOTE
) -> Flowable:
    style = styles()
    chair = version.chair_name + (" (acting Chair)" if version.chair_acting else "")
    rows = [
        [
            Paragraph("<b>Date policy adopted:</b>", style["body"]),
            Paragraph(format_date(version.adopted_on), style["body"]),
        ],
        [Paragraph("<b>Signature of Chair:</b>", style["body"]), signature_image(signature_png)],
        [Paragraph("<b>Chair:</b>", style["body"]), Paragraph(escape(chair), style["body"])],
        [
            Paragraph("<b>Date policy to be reviewed:</b>", style["body"]),
            Paragraph(format_date(version.review_due), style["body"]),
        ],
    ]
    block = table(
        rows,
        [66 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    )
    return KeepTogether(
        [Spacer(1, 8 * mm), block, Spacer(1, 4 * mm), Paragraph(escape(note), style["small"])]
    )


def policy_story(
    version: PolicyVersionRecord, signature_png: bytes | None, note: str = SIGNED_NOTE
) -> list[Flowable]:
    """The policy's title, statement and numbered clauses; adopted versions end with the
    adoption block (date, the Chair's signature and name, review date) and ``note``."""
    style = styles()
    text = version.text
    story: list[Flowable] = [Paragraph(escape(text.title), style["title"])]
    if text.statement:
        story.append(Paragraph("Policy Statement", style["h1"]))
        story += [Paragraph(p, style["para"]) for p in _paragraphs(text.statement)]
    story.append(Paragraph("Procedures", style["h1"]))
    for n, section in enumerate(text.sections, start=1):
        story.append(Paragraph(f"{n}. {escape(section.heading)}", style["h2"]))
        for m, clause in enumerate(section.clauses, start=1):
            first, *rest = _paragraphs(clause) or [""]
            story.append(Paragraph(first, style["clause"], bulletText=f"{n}.{m}"))
            story += [Paragraph(p, style["clause"]) for p in rest]
    if version.status is not PolicyStatus.DRAFT:
        story.append(adoption_block(version, signature_png, note))
    return story


def build_policy_pdf(version: PolicyVersionRecord, signature_png: bytes | None) -> bytes:
    """The whole policy with its numbering, under the scheme's letterhead."""
    story: list[Flowable] = [
        letterhead(f"{version.document_name} — version {version.number} — {version.status_label}"),
        Spacer(1, 8 * mm),
        *policy_story(version, signature_png),
    ]
    footer = f"{version.document_name} — version {version.number}"
    if version.adopted_on:
        footer += f" — adopted {format_date(version.adopted_on)}"
    return build_pdf(
        story,
        title=version.text.title,
        subject=f"{version.document_name}, version {version.number}",
        footer=footer,
        keywords=f"hsdesk policy-version {version.id}",
    )
