"""Sign-in timing: a wrong password for a known username against an unknown username, with the
real password hashing (argon2's defaults, as on the office PCs), against a floor measured in the
same run.

    python tests/benchmarks/sign_in.py [--runs 15]

Target: the two refusals take the same time (ratio unknown / known between 0.8 and 1.25), so the
time taken does not tell which usernames exist. Floor: one argon2 check of a password, the least
either refusal must cost. Prints the figures; it never fails on time.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from sqlalchemy import update

    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema
    from hsdesk.db.models import UserAccount
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.errors import PermissionDenied
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.people import accounts
    from hsdesk.services.platform import auth

    with tempfile.TemporaryDirectory() as folder:
        db = Database(str(Path(folder) / "hsdesk.db"))
        ensure_schema(db)
        accounts.create_first_admin(
            db, PersonInput("Helen", "Whitworth", PersonKind.STAFF), "helen", "correct horse"
        )
        stored = auth.hash_password("correct horse")

        def refused(username: str) -> float:
            with db.write() as session:  # a fresh count each time: no pause in the way
                session.execute(update(UserAccount).values(wrong_passwords=0))
            start = time.perf_counter()
            with contextlib.suppress(PermissionDenied):
                auth.sign_in(db, username, "a wrong guess")
            return time.perf_counter() - start

        def floor() -> float:
            start = time.perf_counter()
            auth.password_matches(stored, "a wrong guess")
            return time.perf_counter() - start

        known, unknown, least = [], [], []
        refused("helen"), refused("nobody")  # warm up: imports, the stand-in hash
        for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
            known.append(refused("helen"))
            unknown.append(refused("nobody"))
            least.append(floor())
        db.dispose()
    k, u, f = (statistics.median(x) * 1000 for x in (known, unknown, least))
    print(f"sign-in refused, known username:   median {k:7.1f} ms ({k / f:.2f}× the floor)")
    print(f"sign-in refused, unknown username: median {u:7.1f} ms ({u / f:.2f}× the floor)")
    print(f"floor (one argon2 password check): median {f:7.1f} ms")
    verdict = "same" if 0.8 <= u / k <= 1.25 else "DIFFERENT"
    print(f"unknown / known: {u / k:.2f} ({verdict}; target 0.80–1.25)")


if __name__ == "__main__":
    main()
