"""Long work that reports how far it has got and stops when the person presses Cancel.

The work is handed two plain functions (so no layer below the window needs Qt): ``report(done,
total, what)`` and ``cancelled()``. :class:`Steps` joins them: each step first asks whether to
stop (raising the work's own refusal, so nothing half-made is kept), then says how far it is."""

from __future__ import annotations

from collections.abc import Callable

from hsdesk.domain.errors import HsdeskError

Report = Callable[[int, int, str], None]  # (done, total, what is being done)
Cancelled = Callable[[], bool]  # whether the person pressed Cancel


class Stopped(HsdeskError):
    """The person pressed Cancel; nothing was kept."""


class Steps:
    def __init__(
        self,
        report: Report | None = None,
        cancelled: Cancelled | None = None,
        stopped: Callable[[], HsdeskError] = lambda: Stopped("Cancelled: nothing was saved."),
    ) -> None:
        self._report = report
        self._cancelled = cancelled
        self._stopped = stopped

    def step(self, done: int, total: int, what: str) -> None:
        """Stop here if the person pressed Cancel; otherwise say how far the work has got."""
        if self._cancelled is not None and self._cancelled():
            raise self._stopped()
        if self._report is not None:
            self._report(done, total, what)
