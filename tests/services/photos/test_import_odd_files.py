"""A batch of photo files that includes odd ones: a name that is not valid text is imported
under a readable name, a link to a device is refused without being read, and neither stops the
batch. On both engines."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from hsdesk.services.photos import library


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="file names are text on Windows")
def test_odd_files_never_stop_a_batch(db, admin, tmp_path):
    folder = tmp_path / "from the camera"
    folder.mkdir()
    latin1 = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.jpg"))  # not valid UTF-8
    latin1.write_bytes(_jpeg((200, 30, 30)))
    device = folder / "zero.jpg"
    device.symlink_to("/dev/zero")  # says 0 bytes, never ends
    plain = folder / "plain.jpg"
    plain.write_bytes(_jpeg((30, 200, 30)))
    report = library.import_files(db, admin, [latin1, device, plain])
    assert [name for name, _id in report.imported] == ["caf\ufffd.jpg", "plain.jpg"]
    assert report.refused == [
        (
            "zero.jpg",
            "zero.jpg is not a photo file (it is a device, a folder or a pipe). Choose the photo "
            "files themselves.",
        )
    ]
