"""CSV files that open safely in Excel: UTF-8 with a byte-order mark, and any cell a spreadsheet
would run as a formula (starting = + - @, tab or carriage return) is prefixed with an apostrophe.

:class:`CsvStream` gives a file's bytes a block of rows at a time, so a register of a hundred
thousand rows is written as it is read (with progress, and Cancel between blocks) instead of
being held whole in memory first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from hsdesk.domain.progress import Steps

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BLOCK = 500  # rows written (and progress reported) at a time


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    return b"".join(CsvStream(headers, rows))


class CsvStream:
    """The bytes of a CSV file of ``headers`` and ``rows``, in blocks of BLOCK rows; ``total``
    (the rows expected, for progress) and ``steps`` (progress and Cancel) are optional.
    ``written`` counts the rows given so far."""

    def __init__(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        total: int | None = None,
        steps: Steps | None = None,
    ) -> None:
        self.headers, self.rows, self.total, self.steps = headers, rows, total, steps
        self.written = 0

    def __iter__(self) -> Iterator[bytes]:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in self.headers])
        first = True
        self._step()
        for row in self.rows:
            writer.writerow([safe_cell(v) for v in row])
            self.written += 1
            if self.written % BLOCK == 0:
                yield self._taken(out, first)
                first = False
                self._step()
        yield self._taken(out, first)
        self._step()

    def _step(self) -> None:
        if self.steps is not None:
            total = max(self.total or 0, self.written)
            self.steps.step(self.written, total, f"Written {self.written:,} of {total:,} rows")

    @staticmethod
    def _taken(out: io.StringIO, first: bool) -> bytes:
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text.encode("utf-8-sig" if first else "utf-8")
