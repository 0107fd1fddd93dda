"""CSV exports are written as they are read, a block of rows at a time, with progress and Cancel;
Cancel or a failure leaves no file, and a file already there as it was."""

from __future__ import annotations

import csv
import io

import pytest

from hsdesk.domain.progress import Steps, Stopped
from hsdesk.exports import csv_file
from hsdesk.services.content.exports import content_rows, export_content_csv
from hsdesk.services.csv_export import write_csv


def _rows(n: int):  # type: ignore[no-untyped-def]
    for i in range(n):
        yield (i, f"item {i}", "=SUM(A1)" if i == 7 else "plain")


def test_a_long_register_is_written_in_blocks_saying_how_far_it_has_got(tmp_path):
    target = tmp_path / "register.csv"
    reports: list[tuple[int, int, str]] = []
    written = write_csv(
        target,
        ("No.", "Title", "Note"),
        _rows(1234),
        total=1234,
        steps=Steps(lambda *r: reports.append(r)),
    )
    assert written == 1234
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1  # one BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["No.", "Title", "Note"] and len(rows) == 1235
    assert rows[8] == ["7", "item 7", "'=SUM(A1)"]  # a formula is not run by Excel
    done = [r[0] for r in reports]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 1234
    assert len(reports) == 1234 // csv_file.BLOCK + 2  # at the start, each block, the end
    assert reports[-1] == (1234, 1234, "Written 1,234 of 1,234 rows")


def test_cancel_leaves_no_file_and_the_last_export_as_it_was(tmp_path):
    target = tmp_path / "register.csv"
    target.write_text("last month's export\n", encoding="utf-8")
    reports: list[int] = []
    with pytest.raises(Stopped, match="no file was written"):
        write_csv(
            target,
            ("No.", "Title", "Note"),
            _rows(5000),
            total=5000,
            steps=Steps(
                lambda done, _total, _what: reports.append(done),
                lambda: len(reports) >= 3,  # Cancel pressed after the second block
                lambda: Stopped("Cancelled: no file was written."),
            ),
        )
    assert reports == [0, 500, 1000]
    assert target.read_text(encoding="utf-8") == "last month's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["register.csv"]  # no temporary file left


def test_the_content_register_expects_as_many_rows_as_it_writes(demo_db, admin, tmp_path):
    """The count said at the start (one row per item and channel, one for an item with no
    channel) is the number written, on both engines."""
    reports: list[tuple[int, int]] = []
    target = tmp_path / "content.csv"
    steps = Steps(lambda done, total, _what: reports.append((done, total)))
    written = export_content_csv(demo_db, admin, target, steps)
    expected = content_rows(demo_db, admin)
    assert written == len(expected) > 0
    assert {total for _done, total in reports} == {written}
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == [str(r[0]) for r in expected]
