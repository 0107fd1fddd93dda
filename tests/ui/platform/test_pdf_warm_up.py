"""The PDF libraries are not loaded at start (the window comes first) but on a worker thread
soon after, so the first signed PDF of the day is as quick as the rest."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

from PySide6.QtWidgets import QWidget

from hsdesk.ui import after_start as start_up

CHECK = """
import sys
import hsdesk.app
from hsdesk.ui.main_window import MainWindow
from hsdesk.exports.warm_up import MODULES, load_pdf_libraries
heavy = ("reportlab", "pyhanko", "aiohttp")
early = sorted(name for name in sys.modules if name.split(".")[0] in heavy)
assert not early, f"loaded at start: {early[:5]}"
load_pdf_libraries()
assert all(name in sys.modules for name in MODULES)
print("ok")
"""


def test_the_window_does_not_load_the_pdf_libraries_but_the_warm_up_does():
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_after_start_they_load_on_a_worker_thread_and_the_heap_is_frozen(qtbot, monkeypatch):
    """What hsdesk keeps for good is then left out of every later collection, which keeps each
    collection on the UI thread short."""
    threads: list[str] = []
    monkeypatch.setattr(
        start_up, "load_pdf_libraries", lambda: threads.append(threading.current_thread().name)
    )
    window = QWidget()
    qtbot.addWidget(window)
    start_up.after_start(window)  # a window closed before then: nothing is loaded, nothing frozen
    qtbot.wait(100)
    assert not threads and gc.get_freeze_count() == 0
    window.show()
    try:
        start_up.after_start(window)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    finally:
        gc.unfreeze()  # the other tests' objects are collected as before
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
