"""At 150 % scaling (a Full HD laptop, the usual setting there: 1280×693 to lay windows out in,
less its taskbar) the main window and every dialog still fit with their buttons on screen and
every widget named: the same tests, run again in a process Qt scales by 1.5."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SCREEN = TESTS / "support" / "fullhd-screen-150.json"


def test_every_window_fits_and_reads_at_150_percent():
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": f"offscreen:configfile={SCREEN}",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:cacheprovider",
            str(TESTS / "ui" / "test_screen_fit.py"),
            str(TESTS / "ui" / "test_dialogs_fit_and_read.py"),
        ],
        env=env,
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
