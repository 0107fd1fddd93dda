"""A view's reads on a worker thread, so a list of ten years never holds up the window.

Each read runs on the thread pool with its own database connection. The view keeps showing what
it had meanwhile (``loading`` is True, and a table can say it is reading); only the answer to
the latest read is shown, so one overtaken by a newer read (a filter changed again, another PC
saved) is dropped. ``filled`` says the latest answer is shown, or its failure explained."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from hsdesk.db.stoppable import ReadStopped, may_stop
from hsdesk.ui.common import show_error
from hsdesk.ui.signals import emit
from hsdesk.ui.table import RecordTable
from hsdesk.ui.worker import run_in_background

T = TypeVar("T")


def _stoppable(read: Callable[[], T]) -> T:
    """On the worker thread: a read hsdesk may stop when it closes (nobody will see it)."""
    with may_stop():
        return read()


class LatestRead(QObject):
    filled = Signal()

    def __init__(self, view: QWidget, table: RecordTable[Any] | None = None) -> None:
        """``table``, if given, says "Reading…" while it is empty and a read is under way."""
        super().__init__(view)  # goes with its view, and drops answers that come after
        self._view = view
        self._table = table
        self._asked = 0
        self.loading = False

    def start(
        self,
        read: Callable[[], T],
        show: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``read`` on a worker thread; then ``show`` its answer (or ``failed`` its error;
        by default it is explained in a message) on the UI thread, unless a newer read was
        started meanwhile."""
        self._asked += 1
        asked = self._asked
        self.loading = True
        if self._table is not None:
            self._table.set_reading()
        run_in_background(
            partial(_stoppable, read),
            lambda value: self._answer(asked, show, value),
            lambda exc: self._failed(asked, failed or self._explain, exc),
            busy_cursor=False,
        )

    def _failed(self, asked: int, explain: Callable[[Exception], None], exc: Exception) -> None:
        if isinstance(exc, ReadStopped):  # hsdesk is closing: nobody is waiting for the list
            if isValid(self) and asked == self._asked:
                self.loading = False
            return
        self._answer(asked, explain, exc)

    def _explain(self, exc: Exception) -> None:
        if self._table is not None:
            self._table.set_reading(False)
        show_error(self._view, exc, "Could not read the list")

    def _answer(self, asked: int, callback: Callable[[Any], None], value: Any) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self.loading = False
        callback(value)
        if asked == self._asked:  # (``callback`` may have started another read)
            emit(self.filled)
