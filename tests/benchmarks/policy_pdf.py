"""Signed policy PDF benchmark: export-and-sign, as a ratio of reportlab laying out the same
document alone, each in a fresh process (so the lazy imports are counted), medians compared.

    python tests/benchmarks/policy_pdf.py [--runs N]

Target: exporting and signing under 1 s on this machine (the policy in a fresh process; the
latest quarterly review as a running hsdesk makes it, its PDF libraries loaded after start). The floor process imports reportlab and
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

# The signed PDF of the latest signed-off quarterly review, as "Signed PDF…" on the Reviews tab
# makes it in a running hsdesk: the PDF libraries already loaded (the window loads them soon after
# start). Prints the layout alone (the floor), then the whole: laid out, signed and stored.
REVIEW = """
import sys, time
from hsdesk.exports.warm_up import load_pdf_libraries
load_pdf_libraries()
from sqlalchemy import select
from hsdesk.db.engine import Database
from hsdesk.db.models import QuarterlyReview
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.services.reviews.pdf import make_review_pdf, signed_review_pdf
from hsdesk.services.reviews.quarterly import details_of, load_review
db = Database(sys.argv[1])
with db.read() as session:
    review_id = max(session.execute(
        select(QuarterlyReview.id).where(QuarterlyReview.signed_on.is_not(None))
    ).scalars())
    review = details_of(session, load_review(session, review_id), clock.today())
start = time.perf_counter()
make_review_pdf(db, review)
laid_out = time.perf_counter() - start
start = time.perf_counter()
signed_review_pdf(db, Actor.system("bench"), review_id)
print(laid_out, time.perf_counter() - start)
"""


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


def run_pair(script: Path, db: Path, env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, str(script), str(db)], env=env, check=True, capture_output=True, text=True
    )
    first, second = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(second)


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
        review_script = Path(folder) / "review.py"
        review_script.write_text(REVIEW, encoding="utf-8")
        floors: list[float] = []
        signed: list[float] = []
        review_floors: list[float] = []
        reviews: list[float] = []
        for n in range(args.runs + 1):
            # A fresh copy each time: no PDF made yet (the key is in the copy).
            run_dir = Path(folder) / f"run{n}"
            shutil.copytree(base, run_dir)
            db = run_dir / "hsdesk.db"
            floor_time = run_script(floor_script, db, env)
            signed_time = run_script(signed_script, db, env)
            laid_out, review_time = run_pair(review_script, db, env)
            if n == 0:
                print(f"first signed PDF (a warm-up run, not counted): {signed_time * 1000:.0f} ms")
                continue
            floors.append(floor_time)
            signed.append(signed_time)
            review_floors.append(laid_out)
            reviews.append(review_time)
    floor, total = statistics.median(floors), statistics.median(signed)
    print(
        f"policy PDF floor (reportlab alone, with its import): {floor * 1000:.0f} ms (median of {args.runs})"
    )
    print(
        f"policy PDF made, signed and stored (with imports):  {total * 1000:.0f} ms (median of {args.runs})"
    )
    verdict = "within" if total < TARGET_SECONDS else "ABOVE"
    print(f"policy PDF ratio: {total / floor:.2f}x of reportlab alone; {verdict} the 1 s target")
    laid_out, review = statistics.median(review_floors), statistics.median(reviews)
    print(
        f"review PDF laid out alone (libraries loaded, as in the running window): "
        f"{laid_out * 1000:.0f} ms"
    )
    verdict = "within" if review < TARGET_SECONDS else "ABOVE"
    print(
        f"review PDF made, signed and stored: {review * 1000:.0f} ms (median of {args.runs}); "
        f"{review / laid_out:.2f}x of its layout; {verdict} the 1 s target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
