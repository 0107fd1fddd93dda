"""Two PCs at the same moment: two real processes act on the same rows, six rounds a case, on
whichever engine the suite runs on (SQLite files, or the server given with --db-url). Whatever
the order, the outcome is one of the two orders, never a mix, and the loser gets a sentence."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from content_office import APPROVE, PASSWORD, YES, ContentOffice, build_office
from PIL import Image
from sqlalchemy import func, select

from hsdesk.db.engine import Database
from hsdesk.db.models import (
    AuditEntry,
    Consent,
    ConsentWithdrawal,
    ContentDecision,
    ContentItem,
    Photo,
    Publication,
)
from hsdesk.domain.content import ContentState
from hsdesk.domain.content_records import SignOff
from hsdesk.domain.errors import WriteConflict
from hsdesk.services.content import approval, drafts
from hsdesk.services.platform.integrity import check

ROUNDS = 6
RACER = Path(__file__).with_name("racer.py")
SUPPORT = Path(__file__).parents[1] / "support"


class Racer:
    """One PC: a process with the database open, waiting for its next command."""

    def __init__(self, location: str, local_dir: Path) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SUPPORT), str(RACER.parent)]))
        self.process = subprocess.Popen(
            [sys.executable, str(RACER), location, str(local_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert json.loads(self.answer()) == {"ready": True}

    def send(self, action: str, **args: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"action": action, "args": args}) + "\n")
        self.process.stdin.flush()

    def answer(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the racer stopped"
        return line

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Race:
    def __init__(self, a: Racer, b: Racer) -> None:
        self.a, self.b = a, b
        self.outcomes: list[dict[str, Any]] = []

    def run(self, first: tuple[str, dict[str, Any]], second: tuple[str, dict[str, Any]]):
        """Both commands at the same moment; their answers, which must both be explained."""
        self.a.send(first[0], **first[1])
        self.b.send(second[0], **second[1])
        answers = json.loads(self.a.answer()), json.loads(self.b.answer())
        self.outcomes.extend(answers)
        for answer in answers:
            assert "raw" not in answer, answer["raw"]
        return answers

    @property
    def refusals(self) -> list[str]:
        return [o["message"] for o in self.outcomes if "refused" in o]


@pytest.fixture
def office(db: Database, admin) -> ContentOffice:
    return build_office(db, admin)


@pytest.fixture
def race(db_location: str, office: ContentOffice, tmp_path: Path) -> Iterator[Race]:
    a = Racer(db_location, tmp_path / "pc-a")
    b = Racer(db_location, tmp_path / "pc-b")
    yield Race(a, b)
    a.close()
    b.close()
    assert check(office.db) == []  # the audit chain and every stored file intact after it all


@pytest.fixture
def demo_race(db_location: str, demo_db: Database, tmp_path: Path) -> Iterator[Race]:
    a = Racer(db_location, tmp_path / "pc-a")
    b = Racer(db_location, tmp_path / "pc-b")
    yield Race(a, b)
    a.close()
    b.close()
    assert check(demo_db) == []


def _count(db: Database, query: Any) -> int:
    with db.read() as session:
        return int(session.execute(query).scalar_one())


def _submitted(office: ContentOffice) -> tuple[int, str]:
    item = office.draft()
    done = drafts.submit(office.db, office.writer, item)
    return item, done.content_hash


def test_the_sdm_approving_one_item_on_two_pcs_gives_one_approval(race, office):
    for _ in range(ROUNDS):
        item, seen = _submitted(office)
        a, b = race.run(
            ("decide", {"item": item, "seen": seen}), ("decide", {"item": item, "seen": seen})
        )
        assert sorted(("ok" in a, "ok" in b)) == [False, True]
        decisions = (
            select(func.count()).select_from(ContentDecision).where(ContentDecision.item_id == item)
        )
        assert _count(office.db, decisions) == 1
    assert all("Helen Whitworth approved 'Coffee morning'" in m for m in race.refusals)


def test_an_approval_never_holds_for_text_the_approver_did_not_see(race, office):
    stale = 0
    for n in range(ROUNDS):
        item, seen = _submitted(office)
        channels = [office.web, office.facebook]
        decided, edited = race.run(
            ("decide", {"item": item, "seen": seen}),
            ("edit", {"item": item, "channels": channels, "body": f"New text {n}"}),
        )
        assert "ok" in edited  # the author may always edit; it voids an approval
        with office.db.read() as session:
            row = session.get(ContentItem, item)
            assert row is not None
            live = [d for d in row.decisions if d.voided_at is None and d.decision is APPROVE]
            stale += sum(d.content_hash != row.content_hash for d in live)
            if "ok" in decided:  # approved first: the edit voided it and made it a draft again
                assert row.state is ContentState.DRAFT and not live
            else:
                assert "changed 'Coffee morning'" in decided["message"]
    assert stale == 0


def test_a_withdrawal_racing_a_correction_is_never_lost(race, office):
    lost = 0
    consent = office.consent
    for _ in range(ROUNDS):
        withdrawn, corrected = race.run(
            ("withdraw", {"consent": consent}),
            ("correct", {"consent": consent, "child": office.child, "parent": office.parent}),
        )
        with office.db.read() as session:
            current = session.get(Consent, consent)  # and the record that replaced it
            while current is not None and current.superseded_by is not None:
                current = current.superseded_by
            assert current is not None
            if "ok" in withdrawn:
                lost += current.withdrawal is None
            else:
                assert "was corrected by record" in withdrawn["message"]
        assert "ok" in corrected
        # the next round races over the record now in force, given again
        consent = _fresh_consent(office)
    assert lost == 0


def _fresh_consent(office: ContentOffice) -> int:
    from content_office import TODAY

    from hsdesk.domain.consent import ConsentMethod, ConsentScope
    from hsdesk.domain.photo_records import ConsentInput
    from hsdesk.services.photos import consents

    given = consents.record_consent(
        office.db,
        office.admin,
        ConsentInput(
            subject_id=office.child,
            given_by_id=office.parent,
            relationship="Parent",
            method=ConsentMethod.EMAIL,
            wording_version=2,
            scopes=frozenset({ConsentScope.WEBSITE, ConsentScope.SOCIAL_MEDIA}),
            given_on=TODAY,
        ),
    )
    return given.id


def test_the_same_withdrawal_on_two_pcs_is_recorded_once(race, office):
    for _ in range(ROUNDS):
        consent = _fresh_consent(office)
        a, b = race.run(("withdraw", {"consent": consent}), ("withdraw", {"consent": consent}))
        assert sorted(("ok" in a, "ok" in b)) == [False, True]
        rows = (
            select(func.count())
            .select_from(ConsentWithdrawal)
            .where(ConsentWithdrawal.consent_id == consent)
        )
        assert _count(office.db, rows) == 1
    assert all("already withdrawn" in m for m in race.refusals)


def test_the_same_upload_on_two_pcs_is_recorded_once(race, office):
    for _ in range(ROUNDS):
        item = office.approved()
        a, b = race.run(
            ("post", {"item": item, "channel": office.facebook}),
            ("post", {"item": item, "channel": office.facebook}),
        )
        assert sorted(("ok" in a, "ok" in b)) == [False, True]
        rows = (
            select(func.count())
            .select_from(Publication)
            .where(Publication.item_id == item, Publication.channel_id == office.facebook)
        )
        assert _count(office.db, rows) == 1
    assert len(race.refusals) == ROUNDS


def _jpeg(n: int) -> str:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (n * 30 % 256, 90, 200)).save(out, "JPEG")
    return out.getvalue().hex()


def test_the_same_photo_imported_on_two_pcs_is_kept_once(race, office):
    for n in range(ROUNDS):
        data = _jpeg(n)
        a, b = race.run(
            ("import_photo", {"hex_bytes": data}), ("import_photo", {"hex_bytes": data})
        )
        assert a["ok"][0] == b["ok"][0]  # the same photo
        assert sorted((a["ok"][1], b["ok"][1])) == [False, True]  # new on one PC only
    assert _count(office.db, select(func.count()).select_from(Photo)) == 1 + ROUNDS


def test_unrelated_saves_at_the_same_moment_keep_the_audit_trail_numbered(race, office):
    before = _count(office.db, select(func.count()).select_from(AuditEntry))
    for n in range(ROUNDS):
        a, b = race.run(("add_person", {"first": f"A{n}"}), ("add_person", {"first": f"B{n}"}))
        assert "ok" in a and "ok" in b
    with office.db.read() as session:
        seqs = list(session.execute(select(AuditEntry.seq).order_by(AuditEntry.seq)).scalars())
    assert len(seqs) == before + 2 * ROUNDS
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no gap, no number twice


def test_a_decision_on_an_item_already_decided_names_who_and_when(office):
    """The refusal the loser of a race sees, without the race: the same rule, one process."""
    item, seen = _submitted(office)
    approval.decide(office.db, office.writer, item, APPROVE, SignOff("helen", PASSWORD), YES)
    with pytest.raises(WriteConflict) as refused:
        approval.decide(
            office.db, office.writer, item, APPROVE, SignOff("helen", PASSWORD), YES, seen=seen
        )
    assert str(refused.value).startswith("Helen Whitworth approved 'Coffee morning' at 10:00")
    assert "The list has been refreshed" in str(refused.value)


def test_the_chair_adopting_one_draft_on_two_pcs_adopts_it_once_with_one_set_of_links(
    demo_race, demo_db
):
    from hsdesk.db.models import PolicyLink, PolicyVersion
    from hsdesk.domain.duties import BUILT_IN
    from hsdesk.domain.policy import PolicyStatus

    draft = _count(
        demo_db,
        select(func.max(PolicyVersion.id)).where(PolicyVersion.status == PolicyStatus.DRAFT),
    )
    a, b = demo_race.run(("adopt", {"version": draft}), ("adopt", {"version": draft}))
    assert sorted(("ok" in a, "ok" in b)) == [False, True]
    links = select(func.count()).select_from(PolicyLink).where(PolicyLink.version_id == draft)
    assert _count(demo_db, links) == len(BUILT_IN)
    assert "adopted" in demo_race.refusals[0]


def test_erasing_on_two_pcs_at_once_erases_once_and_numbers_each_erasure(demo_race, demo_db):
    from hsdesk.db.models import Erasure

    a, b = demo_race.run(("erase", {"person": 34}), ("erase", {"person": 34}))
    assert sorted(("ok" in a, "ok" in b)) == [False, True]
    assert all("was erased on" in m for m in demo_race.refusals)
    a, b = demo_race.run(("erase", {"person": 35}), ("erase", {"person": 36}))
    assert sorted((a["ok"], b["ok"])) == [2, 3]
    with demo_db.read() as session:
        assert sorted(session.scalars(select(Erasure.person_id))) == [34, 35, 36]
