"""Signed policy PDF benchmark: export-and-sign, as a ratio of reportlab laying out the same
document alone, each in a fresh process (so the lazy imports are counted), medians compared.

    python tests/benchmarks/policy_pdf.py [--runs N]

Target: exporting and signing under 1 s on this machine. The floor process imports reportlab and
builds the identical PDF from the same record; the measured process makes the PDF, creates or
loads the signing key, signs it with pyhanko and stores it — everything "Signed PDF…" does, from
a database whose adopted version has no PDF yet. Prints figures; never fails on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

COMMON = """
import sys, time
from hsdesk.db.engine import Database
from hsdesk.services.policy.versions import list_versions
db = Database(sys.argv[1])
version = next(v for v in list_versions(db) if v.status.value == "adopted")
"""

FLOOR = (
    COMMON
    + """
start = time.perf_counter()
from hsdesk.exports.policy_pdf import build_policy_pdf
signature = db.files.path_for(version.signature_sha256).read_bytes()
data = build_policy_pdf(version, signature)
print(time.perf_counter() - start)
"""
)

SIGNED = (
    COMMON
    + """
from hsdesk.domain.actor import Actor
start = time.perf_counter()
from hsdesk.services.policy.pdf import signed_policy_pdf
_, data = signed_policy_pdf(db, Actor.system("bench"), version.id)
print(time.perf_counter() - start)
"""
)

TARGET_SECONDS = 1.0


MAKE_KEY = """
import sys
from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor
from hsdesk.services.platform.signing import signing_identity
db = Database(sys.argv[1])
signing_identity(db, Actor(username="benchmark", person_id=None, display_name="Benchmark", is_admin=True))
db.dispose()
"""


def run_script(script: Path, db: Path, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, str(script), str(db)], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="hsdesk-bench-pdf-") as folder:
        base = Path(folder) / "base"
        base.mkdir()
        subprocess.run(
            [sys.executable, "-m", "hsdesk.cli", "--db", str(base / "hsdesk.db"), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # The scheme's signing key, made once (it is kept in the database, so every copy has it).
        subprocess.run(
            [sys.executable, "-c", MAKE_KEY, str(base / "hsdesk.db")], env=env, check=True
        )
        floor_script, signed_script = Path(folder) / "floor.py", Path(folder) / "signed.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        signed_script.write_text(SIGNED, encoding="utf-8")
        floors: list[float] = []
        signed: list[float] = []
        for n in range(args.runs + 1):
            # A fresh copy each time: no PDF made yet (the key is in the copy).
            run_dir = Path(folder) / f"run{n}"
            shutil.copytree(base, run_dir)
            db = run_dir / "hsdesk.db"
            floor_time = run_script(floor_script, db, env)
            signed_time = run_script(signed_script, db, env)
            if n == 0:
                print(f"first signed PDF (a warm-up run, not counted): {signed_time * 1000:.0f} ms")
                continue
            floors.append(floor_time)
            signed.append(signed_time)
    floor, total = statistics.median(floors), statistics.median(signed)
    print(
        f"policy PDF floor (reportlab alone, with its import): {floor * 1000:.0f} ms (median of {args.runs})"
    )
    print(
        f"policy PDF made, signed and stored (with imports):  {total * 1000:.0f} ms (median of {args.runs})"
    )
    verdict = "within" if total < TARGET_SECONDS else "ABOVE"
    print(f"policy PDF ratio: {total / floor:.2f}x of reportlab alone; {verdict} the 1 s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
