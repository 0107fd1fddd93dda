"""The PDF libraries are not loaded at start (the window comes first) but on a worker thread
soon after, so the first signed PDF of the day is as quick as the rest."""

from __future__ import annotations

import subprocess
import sys
import threading

from hsdesk.ui import main_window
from hsdesk.ui.main_window import MainWindow

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


def test_they_are_loaded_on_a_worker_thread_soon_after_the_window_shows(qtbot, ctx, monkeypatch):
    threads: list[str] = []
    monkeypatch.setattr(main_window, "WARM_UP_SECONDS", 0)
    monkeypatch.setattr(
        main_window, "load_pdf_libraries", lambda: threads.append(threading.current_thread().name)
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads != [threading.main_thread().name]
