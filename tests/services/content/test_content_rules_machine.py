"""A Hypothesis state machine: random users doing random things to content and consent, with the
policy's rules checked against the database after every step."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

from argon2 import PasswordHasher
from content_office import PASSWORD, TODAY, YES, ContentOffice, build_office
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.migrate import ensure_schema
from hsdesk.db.models import (
    AuditEntry,
    ContentDecision,
    ContentEvent,
    ContentItem,
    Publication,
)
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.content import ContentState, Decision, TakedownReason, photo_problems
from hsdesk.domain.content_records import ContentInput, SignOff
from hsdesk.domain.enums import Office
from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.services.content import approval, drafts, takedowns, upload
from hsdesk.services.content import items as content
from hsdesk.services.content.items import channel_refs, item_photos, items_with_details
from hsdesk.services.people import offices
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.photos import consents, withdrawals
from hsdesk.services.platform import auth

USERS = ["shazia", "helen", "daniel", "priya"]
SIGNERS = ["priya", "priya", "helen", "helen", "daniel", "shazia"]  # mostly the SDM office
UPLOADERS = ["priya", "priya", "daniel", "daniel", "helen", "shazia"]
TEXTS = ["Coffee morning", "Coffee morning on Friday", "Toddler group is back"]


_CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_TEMPLATE: list[tuple[TemporaryDirectory[str], ContentOffice]] = []


def _template() -> tuple[Path, ContentOffice]:
    """The office is built once; each example starts from a copy of its folder."""
    if not _TEMPLATE:
        tmp = TemporaryDirectory()
        db = Database(str(Path(tmp.name) / "hsdesk.db"))
        ensure_schema(db)
        office = build_office(db, Actor("admin", None, "Admin", is_admin=True))
        office.make_acting_sdm()  # Priya may approve too, so both paths are exercised
        offices.add_holding(  # ... and upload: she may do either, never both for one item
            db,
            office.admin,
            HoldingInput(
                Office.VDO,
                office.cover.person_id or 0,
                TODAY,
                acting=True,
                acting_reason="VDO on leave",
            ),
        )
        db.dispose()
        _TEMPLATE.append((tmp, office))
    tmp, office = _TEMPLATE[0]
    return Path(tmp.name), office


class ContentRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._hasher = auth._hasher
        auth._hasher = lambda: _CHEAP  # sign-offs are checked as ever, only with cheap hashing
        source, template = _template()
        self.tmp = TemporaryDirectory()
        shutil.copytree(source, self.tmp.name, dirs_exist_ok=True)
        self.db = Database(str(Path(self.tmp.name) / "hsdesk.db"))
        self.office = replace(template, db=self.db)
        self.actors = {
            "shazia": self.office.writer,
            "helen": self.office.sdm,
            "daniel": self.office.vdo,
            "priya": self.office.cover,
        }
        self.items: list[int] = []
        self.person_ids = {a.username: a.person_id for a in self.actors.values()}

    def pick(self, data, *states: ContentState) -> int:  # type: ignore[no-untyped-def]
        """Mostly an item in one of these states (so the workflow goes somewhere), else any."""
        with self.db.read() as s:
            fitting = (
                s.execute(select(ContentItem.id).where(ContentItem.state.in_(states)))
                .scalars()
                .all()
            )
        pool = fitting if fitting and data.draw(st.integers(0, 4)) else self.items
        return data.draw(st.sampled_from(sorted(pool)))

    def teardown(self) -> None:
        auth._hasher = self._hasher
        self.db.dispose()
        self.tmp.cleanup()

    def _try(self, action, name: str = "") -> None:  # type: ignore[no-untyped-def]
        try:
            action()
            if name:
                event(f"{name} accepted")
        except HsdeskError:
            if name:
                event(f"{name} refused")  # the invariants say nothing slipped through

    # --- actions ------------------------------------------------------------------------------

    @rule(
        user=st.sampled_from(USERS),
        text=st.sampled_from(TEXTS),
        photo=st.booleans(),
        both=st.booleans(),
    )
    def write(self, user: str, text: str, photo: bool, both: bool) -> None:
        chans = (self.office.web, self.office.facebook) if both else (self.office.facebook,)
        data = ContentInput("Post", text, chans, (self.office.photo,) if photo else ())

        def act() -> None:
            self.items.append(drafts.save_item(self.db, self.actors[user], data).id)

        self._try(act, "write")

    @precondition(lambda self: self.items)
    @rule(
        data=st.data(),
        user=st.sampled_from(USERS),
        text=st.sampled_from(TEXTS),
        photo=st.booleans(),
    )
    def edit(self, data, user: str, text: str, photo: bool) -> None:  # type: ignore[no-untyped-def]
        item = data.draw(st.sampled_from(self.items))
        new = ContentInput(
            "Post", text, (self.office.facebook,), (self.office.photo,) if photo else ()
        )
        self._try(lambda: drafts.save_item(self.db, self.actors[user], new, item))

    @precondition(lambda self: self.items)
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def submit(self, data, user: str) -> None:  # type: ignore[no-untyped-def]
        item = self.pick(data, ContentState.DRAFT, ContentState.CHANGES_REQUESTED)
        self._try(lambda: drafts.submit(self.db, self.actors[user], item))

    @precondition(lambda self: self.items)
    @rule(
        data=st.data(),
        signer=st.sampled_from(USERS),
        at=st.sampled_from(USERS),
        decision=st.sampled_from(list(Decision)),
    )
    def decide(self, data, signer: str, at: str, decision: Decision) -> None:  # type: ignore[no-untyped-def]
        item = data.draw(st.sampled_from(self.items))
        self._try(
            lambda: approval.decide(
                self.db, self.actors[at], item, decision, SignOff(signer, PASSWORD), YES, "Because"
            ),
            f"{decision.value}",
        )

    @precondition(lambda self: self.items)
    @rule(data=st.data(), signer=st.sampled_from(UPLOADERS), web=st.booleans())
    def upload(self, data, signer: str, web: bool) -> None:  # type: ignore[no-untyped-def]
        item = self.pick(data, ContentState.APPROVED, ContentState.PUBLISHED)
        channel = self.office.web if web else self.office.facebook
        posted = clock.now()
        self._try(
            lambda: upload.upload(
                self.db,
                self.office.writer,
                item,
                channel,
                "https://example.org/p/1",
                posted,
                SignOff(signer, PASSWORD),
            ),
            "upload",
        )

    @precondition(lambda self: self.items)
    @rule(data=st.data(), signer=st.sampled_from(SIGNERS), uploader=st.sampled_from(UPLOADERS))
    def advance(self, data, signer: str, uploader: str) -> None:  # type: ignore[no-untyped-def]
        """Take an item one step along the usual path (by a mostly right, sometimes wrong user)."""
        item = data.draw(st.sampled_from(self.items))
        now = content.get_item(self.db, item)
        if now.state in (ContentState.DRAFT, ContentState.CHANGES_REQUESTED):
            self._try(lambda: drafts.submit(self.db, self.office.writer, item), "submit")
        elif now.state is ContentState.SUBMITTED:
            self.decide_item(item, signer, "shazia", Decision.APPROVE)
        elif now.state in (ContentState.APPROVED, ContentState.PUBLISHED) and now.unpublished:
            self.upload_item(item, uploader, now.unpublished[0].id)

    def decide_item(self, item: int, signer: str, at: str, decision: Decision) -> None:
        self._try(
            lambda: approval.decide(
                self.db, self.actors[at], item, decision, SignOff(signer, PASSWORD), YES, "Because"
            ),
            f"{decision.value}",
        )

    def upload_item(self, item: int, signer: str, channel: int) -> None:
        posted = clock.now()
        self._try(
            lambda: upload.upload(
                self.db,
                self.office.writer,
                item,
                channel,
                "https://example.org/p/1",
                posted,
                SignOff(signer, PASSWORD),
            ),
            "upload",
        )

    @rule()
    def withdraw_consent(self) -> None:
        records = consents.consents_of(self.db, [self.office.child]).get(self.office.child, [])
        active = [c for c in records if c.status.value == "active"]
        for record in active:
            self._try(
                lambda r=record: withdrawals.withdraw_consent(
                    self.db, self.office.admin, r.id, TODAY, "Phone call"
                )
            )

    @rule()
    def renew_consent(self) -> None:
        self._try(
            lambda: consents.record_consent(
                self.db,
                self.office.admin,
                ConsentInput(
                    subject_id=self.office.child,
                    given_by_id=self.office.parent,
                    relationship="Parent",
                    method=ConsentMethod.EMAIL,
                    wording_version=2,
                    scopes=frozenset({ConsentScope.WEBSITE, ConsentScope.SOCIAL_MEDIA}),
                    given_on=TODAY,
                ),
            )
        )

    @precondition(lambda self: self.items)
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def take_down(self, data, user: str) -> None:  # type: ignore[no-untyped-def]
        item = self.pick(data, ContentState.PUBLISHED)
        self._try(
            lambda: takedowns.request_takedown(
                self.db, self.actors[user], item, TakedownReason.COMPLAINT, "A complaint"
            )
        )

    @precondition(lambda self: self.items)
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def finish_takedown(self, data, user: str) -> None:  # type: ignore[no-untyped-def]
        item = self.pick(data, ContentState.PUBLISHED)
        for task in content.get_item(self.db, item).open_takedowns:
            self._try(
                lambda t=task: takedowns.complete_takedown(
                    self.db, self.actors[user], t.id, TODAY, "Deleted"
                ),
                "takedown done",
            )

    # --- the rules ------------------------------------------------------------------------------

    @invariant()
    def the_policy_rules_hold(self) -> None:
        """Every rule below, over every item loaded once (with all its details) after each step."""
        with self.db.read() as s:
            items = list(s.execute(items_with_details()).scalars())
            self.published_only_with_a_matching_approval_by_the_sdm_office(s, items)
            self.the_author_never_approves(s, items)
            self.nothing_stays_online_uncleared_without_a_takedown(s, items)
            self.published_items_are_never_edited_and_states_agree(s, items)

    def published_only_with_a_matching_approval_by_the_sdm_office(
        self, s: Session, items: list[ContentItem]
    ) -> None:
        sdm_holders = {self.person_ids["helen"], self.person_ids["priya"]}
        by_id = {i.id: i for i in items}
        for pub in s.execute(select(Publication)).scalars():
            decision = s.get(ContentDecision, pub.decision_id)
            item = by_id[pub.item_id]
            assert decision is not None and decision.item_id == pub.item_id
            assert decision.decision is Decision.APPROVE
            assert decision.content_hash == item.content_hash == content.current_hash(item)
            assert decision.signer_id in sdm_holders
            assert pub.uploader_id in {self.person_ids["daniel"], self.person_ids["priya"]}
            assert pub.uploader_id != decision.signer_id  # approver never uploads
            assert pub.posted_at >= decision.decided_at

    def the_author_never_approves(self, s: Session, items: list[ContentItem]) -> None:
        kinds = {d.value for d in Decision}
        for item in items:
            writers: set[int | None] = set()
            decisions = iter(item.decisions)  # the n-th decision line is the n-th decision
            for line in item.events:
                if line.kind in ("created", "edited"):
                    writers.add(line.person_id)
                elif line.kind in kinds:
                    assert next(decisions).signer_id not in writers

    def nothing_stays_online_uncleared_without_a_takedown(
        self, s: Session, items: list[ContentItem]
    ) -> None:
        for item in items:
            live = [p for p in item.publications if p.taken_down_on is None]
            if not live or item.open_takedown:
                continue
            online = [r for r in channel_refs(item) if r.id in {p.channel_id for p in live}]
            assert not photo_problems(item_photos(s, item, TODAY), online)

    def published_items_are_never_edited_and_states_agree(
        self, s: Session, items: list[ContentItem]
    ) -> None:
        for item in items:
            if item.publications:
                assert item.state in (ContentState.PUBLISHED, ContentState.TAKEN_DOWN)
                assert not [
                    e
                    for e in item.events
                    if e.kind == "edited" and e.at > item.publications[0].recorded_at
                ]

    @invariant()
    def every_timeline_line_is_audited(self) -> None:
        with self.db.read() as s:
            events = s.execute(select(func.count()).select_from(ContentEvent)).scalar_one()
            audited = s.execute(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.entity == "content_item")
            ).scalar_one()
            assert events == audited
            signed = s.execute(
                select(AuditEntry.data, AuditEntry.signer).where(
                    AuditEntry.action.in_(["approve", "reject", "changes_requested", "published"])
                )
            ).all()
            assert all(signer for _data, signer in signed)
            assert all(json.loads(data)["hash"] for data, _ in signed)


ContentRules.TestCase.settings = settings(
    max_examples=int(__import__("os").environ.get("HSDESK_MACHINE_EXAMPLES", "40")),
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestContentRules = ContentRules.TestCase
