"""Start-up benchmark: hsdesk to its main window, as a ratio of a bare Qt window measured in the same run.

    python tests/benchmarks/startup.py [--runs N]

The floor is a bare PySide6 QMainWindow with a QTabWidget, plus `import sqlalchemy.orm` and opening
the SQLite file, shown and one event pass. hsdesk is started on a demo database, signed in with the
benchmark-only --demo-user (no dialog; refused on real data), and quits once its main window is shown. Runs alternate; medians compared.
Target: ratio <= 1.3. Prints the figures; it never fails on time (machines are noisy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import sqlite3, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget
import sqlalchemy.orm
app = QApplication(sys.argv)
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
window = QMainWindow()
window.setCentralWidget(QTabWidget())
window.show()
app.processEvents()
"""

TARGET = 1.3


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false"}
    with tempfile.TemporaryDirectory(prefix="hsdesk-bench-") as folder:
        db = Path(folder) / "demo.db"
        settings = Path(folder) / "config"
        env["XDG_CONFIG_HOME"] = str(settings)  # keep the developer's own window settings out of it
        subprocess.run(
            [sys.executable, "-m", "hsdesk.cli", "--db", str(db), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        floor_script = Path(folder) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        floor_cmd = [sys.executable, str(floor_script), str(db)]
        app_cmd = [
            sys.executable,
            "-m",
            "hsdesk",
            "--db",
            str(db),
            "--demo-user",
            "sdm",
            "--quit-when-shown",
        ]
        app_env = env
        timed(floor_cmd, env)  # warm the file cache for both
        timed(app_cmd, app_env)
        floors, apps = [], []
        for _ in range(args.runs):
            floors.append(timed(floor_cmd, env))
            apps.append(timed(app_cmd, app_env))
    floor, app = statistics.median(floors), statistics.median(apps)
    ratio = app / floor
    print(
        f"startup floor (bare Qt window + sqlalchemy.orm + SQLite open): {floor * 1000:.0f} ms (median of {args.runs})"
    )
    print(
        f"startup hsdesk (process start to main window on demo data):   {app * 1000:.0f} ms (median of {args.runs})"
    )
    verdict = "within" if ratio <= TARGET else "ABOVE"
    print(f"startup ratio: {ratio:.2f}x ({verdict} the {TARGET}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
