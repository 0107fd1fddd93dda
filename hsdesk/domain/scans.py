"""What a scanned form is, judged by its first bytes: a PDF or an image, or neither."""

from __future__ import annotations

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


def evidence_media_type(data: bytes) -> str | None:
    """The kind of a scanned slip from its first bytes: a PDF or an image, else None."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    # Some scanners put a few bytes before the PDF header; readers accept it within 1 KB.
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)
