"""Results of background work held while the window is locked: work carries on behind the
lock, and what it shows (a preview, a message) waits until the same person unlocks. If someone
else signs in instead, what was held is dropped: the work itself was done."""

from __future__ import annotations

from collections.abc import Callable

_HELD: list[Callable[[], None]] = []
_LOCKED: list[bool] = [False]


def locked() -> bool:
    return _LOCKED[0]


def when_unlocked(show: Callable[[], None]) -> None:
    """Run ``show`` now, or once the window is unlocked."""
    if _LOCKED[0]:
        _HELD.append(show)
    else:
        show()


def set_locked(on: bool) -> None:
    _LOCKED[0] = on


def release() -> None:
    """Unlocked by the same person: show what was held, in the order it came."""
    _LOCKED[0] = False
    waiting, _HELD[:] = list(_HELD), []
    for show in waiting:
        show()


def drop() -> None:
    """The session ended: nobody is left to see what was held."""
    _LOCKED[0] = False
    _HELD.clear()
