"""Writing a register as a CSV file: atomically, a block of rows at a time as they are read,
with progress and Cancel for the window (and none of either for the command line)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from pathlib import Path

from hsdesk.db.filestore import write_atomic
from hsdesk.domain.progress import Steps
from hsdesk.exports.csv_file import CsvStream


def write_csv(
    target: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    total: int | None = None,
    steps: Steps | None = None,
) -> int:
    """Write ``rows`` under ``headers`` to ``target``; returns the number of rows. ``total`` is
    the rows expected (for progress; a list's own length by default); ``steps`` reports
    progress and notices Cancel. On Cancel, or any failure
    on the way, no file is left and one already at ``target`` stays as it was."""
    expected = total if total is not None else (len(rows) if isinstance(rows, Sized) else None)
    stream = CsvStream(headers, rows, expected, steps)
    write_atomic(target, stream)
    return stream.written
