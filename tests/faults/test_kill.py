"""Promise 1: a kill -9 in the middle of writing loses nothing committed and leaves nothing
half-written. Each test kills a real subprocess at 20 random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hsdesk.db.engine import Database
from hsdesk.db.models import AuditEntry, ContentDecision, Person
from hsdesk.domain.content import Decision
from hsdesk.services.platform.integrity import check

KILLS = 20
HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "HSDESK_LOG_DIR": "", "PYTHONPATH": str(HERE.parent.parent)}
pytestmark = pytest.mark.skipif(os.name == "nt", reason="kill -9 is a POSIX signal")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "hsdesk.cli", *args]


def _kill_after(process: subprocess.Popen, seconds: float) -> None:
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _checked(path: Path) -> Database:
    db = Database(str(path))
    assert check(db) == [], "the database failed its check after a kill"
    return db


def test_demo_force_killed_at_random_moments_leaves_old_or_new_data_never_half(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("HSDESK_LOG_DIR", str(tmp_path / "logs"))
    path = tmp_path / "hsdesk.db"
    # The CLI runs on this "PC" (its settings folder), which forgets the trail it verified when
    # the demo replaces it.
    env = {**ENV, "HSDESK_LOG_DIR": str(tmp_path / "logs")}
    env["HSDESK_CONFIG_DIR"] = os.environ["HSDESK_CONFIG_DIR"]
    subprocess.run(_cli("--db", str(path), "demo"), check=True, env=env, capture_output=True)
    db = Database(str(path))
    with db.read() as session:
        full = session.scalar(select(func.count()).select_from(Person))
    db.dispose()
    started = time.monotonic()
    subprocess.run(
        _cli("--db", str(path), "demo", "--force"), check=True, env=env, capture_output=True
    )
    duration = time.monotonic() - started
    rng = random.Random(8)
    for _ in range(KILLS):
        process = subprocess.Popen(
            _cli("--db", str(path), "demo", "--force"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _kill_after(process, rng.uniform(0.05, duration))
        db = _checked(path)
        with db.read() as session:
            people = session.scalar(select(func.count()).select_from(Person))
        db.dispose()
        assert people == full  # the old demo set or the new one, never a part of either


def test_a_loop_of_approvals_killed_at_random_moments_keeps_every_reported_approval(tmp_path):
    import sys as _sys

    _sys.path.insert(0, str(HERE.parent / "support"))
    from content_office import build_office

    from hsdesk.db.migrate import ensure_schema
    from hsdesk.domain.actor import Actor

    path = tmp_path / "hsdesk.db"
    db = Database(str(path))
    ensure_schema(db)
    office = build_office(db, Actor("admin", None, "Admin", is_admin=True))
    db.dispose()
    env = {**ENV, "HSDESK_LOG_DIR": str(tmp_path / "logs")}
    reported: list[int] = []
    rng = random.Random(20)
    for _ in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, str(HERE / "approve_loop.py"), str(path), str(office.web)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        _kill_after(process, rng.uniform(0.0, 1.5))
        reported += [int(line.split()[1]) for line in process.stdout.read().splitlines()]
        process.stdout.close()
        db = _checked(path)
        with db.read() as session:
            approved = set(
                session.scalars(
                    select(ContentDecision.item_id).where(
                        ContentDecision.decision == Decision.APPROVE
                    )
                )
            )
            audited = set(
                session.scalars(
                    select(AuditEntry.entity_id).where(
                        AuditEntry.entity == "content_item", AuditEntry.action == "approve"
                    )
                )
            )
        db.dispose()
        assert set(reported) <= approved, "an approval that reported success is missing"
        assert {str(i) for i in approved} == audited, "an approval without its audit entry"
    assert len(reported) >= KILLS  # the kills really landed in the middle of a running loop
