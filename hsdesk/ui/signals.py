"""Emitting Qt signals from Python without the PySide6 6.12.0 reference-count bug.

With Python 3.11, PySide6 6.12.0's ``Signal.emit()`` returns ``True`` without counting the
reference, so every emit lowers the count on ``True`` by one; after a few thousand emits (a long
session, a big photo library) Python stops with "bool_dealloc: deallocating True or False".
``emit`` below measures once whether this PySide has the bug and, if so, gives the reference back
after each emit. With a PySide or Python without the bug it is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_LEAKS: bool | None = None


class _Probe(QObject):
    fired = Signal()


def _emit_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    leaks = sys.getrefcount(True) < before
    if leaks:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return leaks


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safe on every PySide6 version hsdesk runs with."""
    global _LEAKS
    if _LEAKS is None:
        _LEAKS = _emit_leaks()
    signal.emit(*args)
    if _LEAKS:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
