"""Start-up benchmark: hsdesk to its main window, as a ratio of a bare Qt window measured in the same run.

    python tests/benchmarks/startup.py [--runs N]

The floor is a bare PySide6 QMainWindow with a QTabWidget, plus `import sqlalchemy.orm` and opening
the SQLite file, shown and one event pass. Both are timed from starting the process to the moment
each says its window is shown (after its first pass of events); hsdesk's closing is not counted
here (big_office.py times it). hsdesk is byte-compiled first, as an installed copy is. hsdesk is started on a demo database, signed in with the
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
import time
print(f"shown-at {time.time():.6f}", flush=True)
"""

TARGET = 1.3


def shown_after(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``cmd`` to its window shown (the "shown-at" time it prints once its
    first pass of events is done), and to the process's end."""
    began = time.time()
    done = subprocess.run(
        cmd, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    ended = time.time()
    shown = [line for line in done.stdout.splitlines() if line.startswith("shown-at ")]
    if not shown:
        raise RuntimeError(f"{cmd[1:]} never said its window was shown")
    return float(shown[-1].split()[1]) - began, ended - began


def timed(cmd: list[str], env: dict[str, str]) -> float:
    return shown_after(cmd, env)[0]


def compiled(package: Path) -> None:
    """Byte-compile ``package`` as an installed copy is (a checkout run with
    PYTHONDONTWRITEBYTECODE compiles every module again on each start)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false"}
    compiled(Path(__file__).resolve().parents[2] / "hsdesk")
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
