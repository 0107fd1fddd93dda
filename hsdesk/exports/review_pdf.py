"""The signed quarterly review as an A4 document: the quarter and reviewer, actions carried over,
every checklist item with its result, notes, what the records showed, evidence thumbnails and
actions, the quarter's content log, and the Vice Chair's signature."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer

from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.review import RESULT_COLOURS
from hsdesk.domain.review_records import ActionRecord, ItemRecord, ReviewDetails
from hsdesk.exports.layout import GREY, build_pdf, escape, field_rows, letterhead, styles, table
from hsdesk.exports.policy_pdf import SIGNED_NOTE, signature_image

THUMB_HEIGHT = 32 * mm
THUMB_PIXELS = 480
LIGHT = colors.HexColor("#e6e8ee")


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of the quarter's content log."""

    at: datetime
    what: str
    title: str
    channel: str
    details: str


def thumbnail(data: bytes) -> Flowable | None:
    """A small copy of an evidence image, or None when it cannot be read."""
    from PIL import Image as PilImage
    from PIL import UnidentifiedImageError

    try:
        with PilImage.open(io.BytesIO(data)) as picture:
            picture.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
            out = io.BytesIO()
            picture.convert("RGB").save(out, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    image = Image(out)
    ratio = image.imageWidth / max(image.imageHeight, 1)
    image.drawHeight = THUMB_HEIGHT
    image.drawWidth = min(THUMB_HEIGHT * ratio, 75 * mm)
    if image.drawWidth < THUMB_HEIGHT * ratio:
        image.drawHeight = image.drawWidth / ratio
    return image


def _action_status(action: ActionRecord, signed_at: datetime | None) -> str:
    if action.done_on is not None and (signed_at is None or not action.open_at(signed_at)):
        return f"Done {format_date(action.done_on)}" + (
            f": {action.done_note}" if action.done_note else ""
        )
    return "Open at sign-off" if signed_at else "Open"


def _actions_table(
    actions: Sequence[ActionRecord], review: ReviewDetails, carried: bool
) -> Flowable:
    style = styles()
    small = style["small"]
    head = ["Action", "Owner", "Due", "Status"]
    if carried:
        head.insert(1, "Raised in")
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", small) for h in head]]
    for a in actions:
        cells = [
            Paragraph(
                escape(a.what) + f"<br/><font color='#5b6170'>{escape(a.item_label)}</font>", small
            ),
            Paragraph(escape(a.owner_name), small),
            Paragraph(format_date(a.due_on), small),
            Paragraph(escape(_action_status(a, review.signed_at)), small),
        ]
        if carried:
            cells.insert(1, Paragraph(escape(a.raised_in), small))
        rows.append(cells)
    widths = [None, 32 * mm, 21 * mm, 40 * mm]
    if carried:
        widths.insert(1, 22 * mm)
    return table(
        rows,
        widths,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    )


def _item_block(
    item: ItemRecord, review: ReviewDetails, image_of: Callable[[str], bytes | None]
) -> Flowable:
    style = styles()
    result = item.result
    colour = RESULT_COLOURS[result] if result else "#a61b1b"
    verdict = result.label if result else "Not answered"
    clauses = f" <font color='#5b6170'>({escape(item.clauses)})</font>" if item.clauses else ""
    parts: list[Flowable] = [
        table(
            [
                [
                    Paragraph(f"<b>{item.position}.</b>", style["body"]),
                    Paragraph(f"{escape(item.text)}{clauses}", style["body"]),
                    Paragraph(f"<font color='{colour}'><b>{verdict}</b></font>", style["body"]),
                ]
            ],
            [9 * mm, None, 30 * mm],
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEABOVE", (0, 0), (-1, 0), 0.4, LIGHT),
        )
    ]
    indent = styles()["small"].clone("indent", leftIndent=9 * mm, spaceAfter=2)
    body = style["body"].clone("item", leftIndent=9 * mm, spaceAfter=2)
    if item.agreed_settings:
        text = escape(item.agreed_settings).replace("\n", "<br/>")
        parts.append(Paragraph(f"<b>Agreed by the trustees:</b> {text}", indent))
    if item.found:
        parts.append(Paragraph("<b>From hsdesk's records:</b>", indent))
        parts += [Paragraph("• " + escape(line), indent) for line in item.found]
    if item.notes:
        parts.append(Paragraph("<b>Notes:</b> " + escape(item.notes).replace("\n", "<br/>"), body))
    if item.evidence:
        cells: list[object] = []
        for e in item.evidence:
            data = image_of(e.sha256) if e.is_image else None
            thumb = thumbnail(data) if data else None
            caption = Paragraph(escape(e.file_name), style["small"])
            cells.append([thumb, caption] if thumb else [caption])
        rows = [cells[n : n + 3] for n in range(0, len(cells), 3)]
        rows = [r + [""] * (3 - len(r)) for r in rows]
        parts.append(Paragraph(f"<b>Evidence ({len(item.evidence)}):</b>", indent))
        parts.append(
            table(
                rows,
                [60 * mm, 54 * mm, 54 * mm],
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 9 * mm),
            )
        )
    if item.actions:
        parts.append(Paragraph("<b>Actions:</b>", indent))
        parts.append(_actions_table(item.actions, review, carried=False))
    answered = ""
    if item.answered_by:
        answered = f"Answered by {item.answered_by}, {format_datetime(item.answered_at)}"
    if answered:
        parts.append(Paragraph(escape(answered), indent))
    parts.append(Spacer(1, 2 * mm))
    return KeepTogether(parts)


def _content_log(log: Sequence[LogLine]) -> list[Flowable]:
    style = styles()
    small = style["small"]
    published = sum(1 for line in log if line.what == "Uploaded")
    taken = sum(1 for line in log if line.what == "Taken down")
    story: list[Flowable] = [
        Paragraph("Content this quarter", style["h1"]),
        Paragraph(
            f"{published} publication{'s' if published != 1 else ''} put online and {taken} "
            f"taken down, from hsdesk's content log.",
            style["para"],
        ),
    ]
    if not log:
        return story
    rows: list[list[object]] = [
        [Paragraph(f"<b>{h}</b>", small) for h in ("When", "What", "Item", "Channel", "Details")]
    ]
    for line in log:
        rows.append(
            [
                Paragraph(format_datetime(line.at), small),
                Paragraph(escape(line.what), small),
                Paragraph(escape(line.title), small),
                Paragraph(escape(line.channel), small),
                Paragraph(escape(line.details), small),
            ]
        )
    listing = table(
        rows,
        [26 * mm, 24 * mm, 42 * mm, 26 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    )
    listing.repeatRows = 1
    story.append(listing)
    return story


def _signoff(review: ReviewDetails, signature_png: bytes | None) -> Flowable:
    style = styles()
    rows = [
        [Paragraph("<b>Checked and signed off by:</b>", style["body"]),
         Paragraph(escape(review.signer_label), style["body"])],
        [Paragraph("<b>Signature:</b>", style["body"]), signature_image(signature_png)],
        [Paragraph("<b>Date:</b>", style["body"]),
         Paragraph(format_date(review.signed_on), style["body"])],
    ]  # fmt: skip
    block = table(
        rows,
        [60 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    )
    return KeepTogether(
        [
            Paragraph("Sign-off", style["h1"]),
            block,
            Spacer(1, 4 * mm),
            Paragraph(escape(SIGNED_NOTE), style["small"]),
        ]
    )


def build_review_pdf(
    review: ReviewDetails,
    signature_png: bytes | None,
    log: Sequence[LogLine],
    image_of: Callable[[str], bytes | None],
) -> bytes:
    style = styles()
    quarter = review.quarter
    story: list[Flowable] = [
        letterhead(f"Quarterly check of the website and social media ({review.policy})"),
        Spacer(1, 6 * mm),
        Paragraph(f"Quarterly review — {escape(review.title)}", style["title"]),
        field_rows(
            [
                [
                    ("Quarter", f"{format_date(quarter.start)} to {format_date(quarter.end)}"),
                    ("Due by", format_date(review.due_on)),
                ],
                [
                    ("Begun", f"{format_date(review.started_at.date())} by {review.started_by}"),
                    ("Records", f"checked {format_date(review.checked_on)}"),
                ],
                [("Result", review.summary)],
            ]
        ),  # fmt: skip
        Spacer(1, 3 * mm),
    ]
    if review.carried:
        story += [
            Paragraph("Actions carried over from earlier quarters", style["h1"]),
            _actions_table(review.carried, review, carried=True),
        ]
    group = None
    for item in review.items:
        if item.group != group:
            group = item.group
            heading = "The scheme as a whole" if not item.channel_name else group
            story.append(Paragraph(escape(heading), style["h1"]))
        story.append(_item_block(item, review, image_of))
    story += _content_log(log)
    story.append(_signoff(review, signature_png))
    return build_pdf(
        story,
        title=f"Quarterly review {review.name}",
        subject=f"Quarterly review of {review.title}",
        footer=f"Quarterly review {review.name} — signed off {format_date(review.signed_on)}",
        keywords=f"hsdesk quarterly-review {review.id}",
    )
