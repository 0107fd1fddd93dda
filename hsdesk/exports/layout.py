"""What every hsdesk PDF shares: embedded DejaVu fonts, A4 page, the scheme's name and logo,
and a footer with "page x of y". reportlab is imported here, and this module only when a PDF
is made, so start-up never pays for it."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle

from hsdesk import SCHEME_NAME, __version__
from hsdesk.resources import resource

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
MARGIN = 20 * mm
INK = colors.HexColor("#1f2a44")
GREY = colors.HexColor("#5b6170")


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name in (FONT, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=10.5, leading=14.5, textColor=INK, alignment=TA_LEFT
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", body, fontName=BOLD, fontSize=18, leading=23, spaceAfter=4
        ),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=10, textColor=GREY, spaceAfter=10),
        "h1": ParagraphStyle(
            "h1", body, fontName=BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", body, fontName=BOLD, fontSize=11, leading=15, spaceBefore=8, spaceAfter=3
        ),
        "clause": ParagraphStyle(
            "clause", body, leftIndent=11 * mm, bulletIndent=0, bulletFontName=BOLD, spaceAfter=4
        ),
        "para": ParagraphStyle("para", body, spaceAfter=6),
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=GREY),
    }


def escape(text: str) -> str:
    """Plain text made safe for reportlab's paragraph mark-up."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table(rows: list[list[Any]], widths: list[Any], *commands: tuple[Any, ...]) -> Table:
    """A table in the document's font (reportlab's default would pull in base-14 Helvetica)."""
    result = Table(rows, colWidths=widths)
    result.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands]))
    return result


@lru_cache(maxsize=16)
def _reader(source: bytes | str) -> ImageReader:
    return ImageReader(io.BytesIO(source) if isinstance(source, bytes) else source)


def shared_image(source: bytes | str, **size: float) -> Image:
    """An image placed many times (the logo, the Chair's signature in every induction pack):
    read and decoded once per process, and stored once in each PDF. ``source`` is its bytes
    or its file's path."""
    image = Image(io.BytesIO(source) if isinstance(source, bytes) else source, **size)
    image._img = _reader(source)  # reportlab's own field: the decoded picture it draws
    return image


def letterhead(subtitle: str) -> Flowable:
    """The scheme's logo and name across the top of the first page."""
    style = styles()
    logo = shared_image(str(resource("logo.png")), width=60 * mm, height=15 * mm)
    words = Paragraph(
        f"<b>{escape(SCHEME_NAME)}</b><br/><font size=9 color='#5b6170'>{escape(subtitle)}</font>",
        style["body"],
    )
    return table(
        [[logo, words]],
        [64 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
    )


Pair = tuple[str, str]  # (label, value); an empty value prints a line to write on


def field_rows(rows: list[list[Pair]]) -> Flowable:
    """Labelled fields, one or two to a row; an empty field is a line to write on, and a lone
    field's line runs across the page."""
    style = styles()
    cells: list[list[object]] = []
    commands: list[tuple[object, ...]] = []
    for n, row in enumerate(rows):
        line: list[object] = []
        for label, value in row:
            if not value:
                column = len(line) + 1
                last = 3 if len(row) == 1 else column
                commands.append(("LINEBELOW", (column, n), (last, n), 0.5, GREY))
            line += [
                Paragraph(f"<b>{escape(label)}</b>", style["body"]),
                Paragraph(escape(value), style["body"]),
            ]
        if len(row) == 1:
            line += ["", ""]
            commands.append(("SPAN", (1, n), (3, n)))
        cells.append(line)
    return table(
        cells,
        [36 * mm, 58 * mm, 20 * mm, None],
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        *commands,
    )


class _Marker(Flowable):
    """Takes no room; does its work when platypus draws it on a page."""

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0


class Section(_Marker):
    """Starts a document inside a combined PDF (one person's pack, say): from the page it is
    drawn on, page numbers restart and the footer reads ``footer``. ``on_start`` runs then too,
    so long work can report progress or stop."""

    def __init__(self, footer: str, on_start: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.footer = footer
        self.on_start = on_start

    def draw(self) -> None:
        canv = self.canv
        canv.hsdesk_section = getattr(canv, "hsdesk_section", 0) + 1  # type: ignore[attr-defined]
        canv.hsdesk_footer = self.footer  # type: ignore[attr-defined]
        canv.hsdesk_skipped = 0  # type: ignore[attr-defined]
        if self.on_start is not None:
            self.on_start()


class InsertPoint(_Marker):
    """Where ``pages`` pages of another PDF will be put in before this page, once laid out;
    the page numbers of this section count them. ``page`` is where it landed (1-based)."""

    def __init__(self, pages: int) -> None:
        super().__init__()
        self.pages = pages
        self.page = 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()
        self.canv.hsdesk_skipped += self.pages  # type: ignore[attr-defined]


def fitted(text: str, width: float, size: float) -> str:
    """``text`` in one line of ``width`` points, shortened with "…" where it would not fit
    (a footer naming someone with a 100-letter name must not run into the page number)."""
    if pdfmetrics.stringWidth(text, FONT, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its "…"
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle].rstrip() + "…", FONT, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _numbered_canvas(footer: str) -> type[canvas.Canvas]:
    class NumberedCanvas(canvas.Canvas):
        """Holds every page until the end so each footer can say "page x of y" (within its
        Section, when the document has them)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT  # never base-14 Helvetica, even unused
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.hsdesk_section = 0
            self.hsdesk_footer = footer
            self.hsdesk_skipped = 0

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                section = state["hsdesk_section"]
                totals[section] = totals.get(section, 0) + 1
            last = {s["hsdesk_section"]: s["hsdesk_skipped"] for s in self._pages}
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                section = state["hsdesk_section"]
                seen[section] = seen.get(section, 0) + 1
                number = seen[section] + state["hsdesk_skipped"]
                total = totals[section] + last[section]
                self.setFont(FONT, 8)
                self.setFillColor(GREY)
                page = f"Page {number} of {total}"
                room = A4[0] - 2 * MARGIN - pdfmetrics.stringWidth(page, FONT, 8) - 6 * mm
                self.drawString(MARGIN, 12 * mm, fitted(state["hsdesk_footer"], room, 8))
                self.drawRightString(A4[0] - MARGIN, 12 * mm, page)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    subject: str,
    footer: str,
    keywords: str = "",
    invariant: bool = False,
    on_page: Callable[[canvas.Canvas, Any], None] | None = None,
) -> bytes:
    """Lay the story out on A4 with the footer on every page; returns the PDF's bytes."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=22 * mm,
        title=title,
        author=SCHEME_NAME,
        subject=subject,
        creator=f"hsdesk {__version__}",
        keywords=keywords,
        invariant=invariant,
    )
    hook = on_page or (lambda _c, _d: None)
    doc.build(
        list(story), onFirstPage=hook, onLaterPages=hook, canvasmaker=_numbered_canvas(footer)
    )
    return out.getvalue()
