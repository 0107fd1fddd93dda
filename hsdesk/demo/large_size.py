"""The ten-year office's sizes and counts, its pictures, and the moments its records are
written at (see ``large``)."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from hsdesk.domain import clock

MONTHS = 120  # ten years, written one month at a time
PICTURE_POOL = 160  # distinct pictures; each stored photo is one of them with its own comment


@dataclass(frozen=True)
class OfficeSize:
    people: int = 2_000
    photos: int = 20_000
    consents: int = 50_000
    items: int = 100_000
    reviews: int = 40
    complaints: int = 500
    audit_entries: int = 600_000
    photo_bytes: int = 60_000  # each photo's file, roughly (20,000 make about 1 GB)

    def scaled(self, fraction: float) -> OfficeSize:
        """The same office's shape at ``fraction`` of its size (reviews stay at ten years')."""
        if not 0 < fraction <= 1:
            raise ValueError("The fraction of a large office is more than 0 and at most 1.")
        shrink = lambda n: max(1, round(n * fraction))  # noqa: E731
        return replace(
            self,
            people=max(40, shrink(self.people)),
            photos=shrink(self.photos),
            consents=shrink(self.consents),
            items=shrink(self.items),
            complaints=shrink(self.complaints),
            audit_entries=shrink(self.audit_entries),
        )


LARGE = OfficeSize()


# Entries that write no record, spread through the trail (exports and printouts).
EXPORTS = [
    ("csv", "Exported the consent register as CSV"),
    ("csv", "Exported the content log as CSV"),
    ("pdf", "Printed the photo consent form"),
    ("pdf", "Printed a contact sheet of photos"),
    ("csv", "Exported the complaints register as CSV"),
]


@dataclass
class Built:
    """What the office holds once built, by kind."""

    people: int = 0
    photos: int = 0
    consents: int = 0
    items: int = 0
    reviews: int = 0
    complaints: int = 0
    audit_entries: int = 0
    photo_bytes: int = 0
    backup: Path | None = None  # where the database's previous contents went (with force)


def pictures(size: int) -> list[bytes]:
    """Distinct JPEG pictures of about ``size`` bytes: grain over a field and a sky."""
    from PIL import Image, ImageDraw

    rng = random.Random(2026)
    found = []
    side = max(64, int((size / 0.30) ** 0.5))  # grainy JPEG at quality 70: ~0.3 bytes a pixel
    for n in range(PICTURE_POOL):
        image = Image.effect_noise((side * 4 // 3, side), 40).convert("RGB")
        draw = ImageDraw.Draw(image)
        sky = tuple(rng.randint(60, 240) for _ in range(3))
        draw.rectangle((0, 0, side * 4 // 3, side // 3), fill=sky)
        draw.rectangle((0, side * 3 // 4, side * 4 // 3, side), fill=(90, 150 + n % 60, 80))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=70)
        found.append(out.getvalue())
    return found


def unique(picture: bytes, number: int) -> bytes:
    """The picture with a JPEG comment naming this photo, so each file is its own."""
    text = f"hsdesk ten-year office, photo {number}".encode()
    return picture[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + picture[2:]


@contextmanager
def at_moment(moment: datetime) -> Iterator[None]:
    """Every "now" inside is ``moment``, as it was when the record was written."""
    before = clock.frozen()
    clock.freeze(moment)
    try:
        yield
    finally:
        if before is None:
            clock.reset()
        else:
            clock.freeze(before)


def share_of(total: int, month: int) -> int:
    """Month ``month``'s share of ``total`` spread evenly over the ten years."""
    return total * (month + 1) // MONTHS - total * month // MONTHS
