"""A small PDF to preview: A4 pages with their numbers."""

from __future__ import annotations

import io


def a4_pages(count: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(count):
        pdf.drawString(72, 750, f"Page {page + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()
