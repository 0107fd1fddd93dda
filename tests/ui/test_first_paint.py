"""The main window paints before the work its tabs start (the Dashboard's read): that work waits
for the first paint, and is dropped if the window closes unpainted. hsdesk starts with Python's
cycle collector off, so start-up's own objects are not walked again and again while made."""

from __future__ import annotations

import subprocess
import sys
import threading

from PySide6.QtWidgets import QMainWindow

from hsdesk.ui import worker


def test_work_started_while_the_window_is_built_waits_for_its_first_paint(qtbot):
    ran: list[str] = []
    started = threading.Event()
    worker.hold_background()
    window = QMainWindow()
    qtbot.addWidget(window)

    def read() -> str:
        started.set()
        return "cards"

    worker.run_in_background(read, ran.append, lambda exc: ran.append(repr(exc)))
    worker.release_after_paint(window)
    qtbot.wait(100)
    assert not started.is_set()  # built, not shown: nothing has run yet
    window.show()
    qtbot.waitUntil(lambda: ran == ["cards"], timeout=5_000)
    worker.run_in_background(lambda: "later", ran.append, lambda exc: None)  # no longer held
    qtbot.waitUntil(lambda: ran == ["cards", "later"], timeout=5_000)


def test_work_held_for_a_window_that_closed_unpainted_never_runs(qtbot):
    started = threading.Event()
    worker.hold_background()
    worker.run_in_background(started.set, lambda _: None, lambda _: None, busy_cursor=False)
    worker.wait_for_background()  # hsdesk closing
    qtbot.wait(100)
    assert not started.is_set()
    done: list[str] = []
    worker.run_in_background(lambda: "next", done.append, lambda _: None, busy_cursor=False)
    qtbot.waitUntil(lambda: done == ["next"], timeout=5_000)


def test_hsdesk_starts_with_the_cycle_collector_off_before_qt_is_loaded():
    probe = (
        "import gc, sys, types\n"
        "app = types.ModuleType('hsdesk.app')\n"
        "app.main = lambda: print(gc.isenabled(), 'PySide6' in sys.modules) or 0\n"
        "sys.modules['hsdesk.app'] = app\n"
        "from hsdesk.launch import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]
