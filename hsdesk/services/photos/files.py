"""Reading photo files with Pillow: checks before import, EXIF date and orientation, thumbnails.

Pillow is imported only when a photo is read, never at start-up. Nothing here touches the
database; `services.photos` stores what these functions return.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hsdesk.db.filestore import write_atomic
from hsdesk.domain.errors import ValidationError

MAX_PIXELS = 50_000_000
MAX_BYTES = 80 * 1024 * 1024
THUMB_SIZE = 256
ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "HEIF": "image/heif"}
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 36867
_DATE_TIME = 306


@dataclass(frozen=True, slots=True)
class PhotoFile:
    """A photo file that has been read in full and may be imported."""

    data: bytes
    sha256: str
    name: str
    media_type: str
    width: int
    height: int
    taken_on: date | None


def _exif_date(image: object) -> date | None:
    exif = image.getexif()  # type: ignore[attr-defined]
    raw = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def read_photo(path: Path) -> PhotoFile:
    """Read and check one photo file; raises ValidationError naming the file and what to do.
    Only a regular file is read (not a device or a pipe a link may lead to), and never more
    than the size limit, whatever the file says its size is."""
    name = readable_name(path.name)
    too_big = (
        f"{name} is larger than the {MAX_BYTES // (1024 * 1024)} MB hsdesk accepts. Save a "
        "smaller copy and import that."
    )
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ValidationError(
                    f"{name} is not a photo file (it is a device, a folder or a pipe). Choose "
                    "the photo files themselves."
                )
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ValidationError(too_big)
    except OSError as exc:
        raise ValidationError(
            f"{name} could not be read ({exc.strerror or exc}). Check the file is still there "
            "and that you may open it."
        ) from exc
    return check_photo(data, name)


def readable_name(name: str) -> str:
    """A file's name as it can be shown and stored: bytes that were not valid text in the name
    (which Python keeps as lone surrogates) become the replacement mark '�'."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in name)


def check_photo(data: bytes, name: str) -> PhotoFile:
    """Decode the photo in full (so damage shows now, not later) and read its size and date."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            if kind not in ACCEPTED:
                raise ValidationError(
                    f"{name} is a {kind or 'kind of'} image hsdesk does not take. "
                    "Import JPEG, PNG or WebP photos."
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"{name} is {width * height / 1e6:.0f} megapixels ({width} × {height}); the "
                    f"largest hsdesk takes is {MAX_PIXELS // 1_000_000} megapixels. "
                    "Save a smaller copy and import that."
                )
            image.load()  # decodes every byte: a truncated or damaged file fails here
            taken = _exif_date(image)
    except ValidationError:
        raise
    except UnidentifiedImageError as exc:
        heic = name.lower().endswith((".heic", ".heif"))
        raise ValidationError(
            f"{name} is not a photo hsdesk can read. "
            + (
                "HEIC photos cannot be read on this PC; save it as JPEG and import that."
                if heic
                else "Import JPEG, PNG or WebP files."
            )
        ) from exc
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"{name} is damaged or incomplete ({exc}). Copy it again from the camera or phone "
            "and import the new copy."
        ) from exc
    sha = hashlib.sha256(data).hexdigest()
    return PhotoFile(data, sha, name, ACCEPTED[kind], width, height, taken)


def make_thumbnail(source: bytes, target: Path, size: int = THUMB_SIZE) -> None:
    """A JPEG thumbnail of the photo's bytes, turned upright by its EXIF orientation, written
    atomically."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(source)) as image:
        image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at reduced size, much faster
        upright = ImageOps.exif_transpose(image) or image
        upright.thumbnail((size, size))
        if upright.mode not in ("RGB", "L"):
            background = Image.new("RGB", upright.size, "white")
            background.paste(upright, mask=upright.convert("RGBA").getchannel("A"))
            upright = background
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=85)
    write_atomic(target, out.getvalue())
