"""Content items of the ten-year office written in bulk: the rows and audit entries the content
services write for an item that was written, submitted, decided and (if approved) uploaded to
each of its channels, made a month at a time with one INSERT per table instead of the services'
five transactions' worth of ORM work an item. The recent months are written by the services
themselves (see ``large``); these are the settled years before them."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hsdesk.db.base import Base
from hsdesk.db.models import (
    AuditEntry,
    Channel,
    ContentChannel,
    ContentDecision,
    ContentEvent,
    ContentItem,
    Publication,
)
from hsdesk.db.record_state import RECORDS, seal, states
from hsdesk.db.transfer import continue_numbering
from hsdesk.demo.content import Cast
from hsdesk.domain.actor import Actor
from hsdesk.domain.audit_chain import GENESIS, seal_fields
from hsdesk.domain.content import CHECKLIST, ContentState, Decision, content_hash
from hsdesk.domain.dates import format_datetime
from hsdesk.services.content.approval import PHOTO_CHECK
from hsdesk.services.content.items import ENTITY
from hsdesk.services.platform.auth import Signer


@dataclass
class _Trail:
    """Audit entries to append, chained in the order they are added."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        at: datetime,
        actor: Actor,
        kind: str,
        item_id: int,
        summary: str,
        data: dict[str, Any],
        signer: Signer | None = None,
    ) -> dict[str, Any]:
        row = {
            "at": at.replace(microsecond=0),
            "actor": actor.username,
            "signer": signer.username if signer else None,
            "action": kind,
            "entity": ENTITY,
            "entity_id": str(item_id),
            "summary": summary,
            "data": data,
        }
        self.rows.append(row)
        return row

    def write(self, session: Session) -> None:
        last = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, previous = (last[0], last[1]) if last else (0, GENESIS)
        for row in self.rows:
            seq += 1
            row["seq"] = seq
            row["data"] = json.dumps(row["data"], sort_keys=True, ensure_ascii=False, default=str)
            previous = seal_fields(previous, row)["hash"]
        if self.rows:
            session.execute(insert(AuditEntry), self.rows)


def item_text(written: datetime, number: int) -> tuple[str, str]:
    """An item's title and text."""
    return (
        f"{written:%B %Y} news {number}",
        f"News from the scheme, written in {written:%B %Y}: coffee mornings, walks and thanks "
        "to our volunteers.",
    )


def decision_for(draw: float) -> Decision:
    """The SDM's decision on one item in a hundred: three rejected, four sent back."""
    return Decision.REJECT if draw > 0.97 else Decision.CHANGES if draw > 0.93 else Decision.APPROVE


def _event(
    item_id: int, at: datetime, kind: str, actor: Actor, signer: Signer | None, comment: str = ""
) -> dict[str, Any]:
    return {
        "item_id": item_id,
        "at": at,
        "kind": kind,
        "actor": actor.username,
        "person_id": signer.person_id if signer else actor.person_id,
        "who": signer.name if signer else actor.display_name,
        "signer": signer.name if signer else None,
        "comment": comment,
    }


def write_settled_items(
    session: Session,
    cast: Cast,
    channels: Sequence[Channel],
    moments: Sequence[datetime],
    policy_version_id: int | None,
    first_number: int,
    rng: random.Random,
) -> int:
    """One item written at each of ``moments`` (in order), each approved and uploaded, or
    sent back for changes, or rejected; returns how many were written."""
    seal(session)  # what the services wrote before: its digests settled, its last hash final
    next_id = (session.execute(select(func.max(ContentItem.id))).scalar() or 0) + 1
    next_decision = (session.execute(select(func.max(ContentDecision.id))).scalar() or 0) + 1
    rows: tuple[list[dict[str, Any]], ...] = ([], [], [], [], [])
    items, links, events, decisions, publications = rows
    trail = _Trail()
    entries: dict[tuple[str, int], dict[str, Any]] = {}  # covered record → its audit entry
    for n, written in enumerate(moments):
        item_id, decision_id = next_id + n, next_decision + n
        writer = cast.writers[n % len(cast.writers)]
        chosen = rng.sample(list(channels), rng.randint(1, 2))
        title, body = item_text(written, first_number + n)
        digest = content_hash(title, body, [c.id for c in chosen], [])
        decision = decision_for(rng.random())
        submitted = written + timedelta(hours=1)
        decided = submitted + timedelta(hours=3)
        state = ContentState.PUBLISHED if decision is Decision.APPROVE else decision.state
        last = decided + timedelta(hours=1, minutes=7 * (len(chosen) - 1))
        items.append({
            "id": item_id, "title": title, "body": body, "planned_on": None, "day": written.date(),
            "author_id": writer.person_id, "state": state, "content_hash": digest,
            "created_at": written, "submitted_at": submitted, "copied_from_id": None,
            "updated_at": last if decision is Decision.APPROVE else decided,
            "waiting_channels": 0, "open_takedown": False,
        })  # fmt: skip
        links.extend({"item_id": item_id, "channel_id": c.id} for c in chosen)
        common = {"hash": digest, "comment": ""}
        events.append(_event(item_id, written, "created", writer, None))
        trail.add(written, writer, "created", item_id, f"Wrote '{title}' (draft)", dict(common))
        events.append(_event(item_id, submitted, "submitted", writer, None))
        trail.add(
            submitted, writer, "submitted", item_id, f"Submitted '{title}' for approval",
            dict(common),
        )  # fmt: skip
        reason = "" if decision is Decision.APPROVE else "Please check the dates and names."
        answers = {item.key: True for item in CHECKLIST} if decision is Decision.APPROVE else {}
        checklist = answers | {PHOTO_CHECK.key: True}
        decisions.append({
            "id": decision_id, "item_id": item_id, "decision": decision, "content_hash": digest,
            "checklist": json.dumps(checklist, sort_keys=True), "reason": reason,
            "signer_id": cast.sdm.person_id, "signer_name": cast.sdm.name, "signer_acting": False,
            "signed_in_user": cast.sdm_actor.username, "decided_at": decided, "voided_at": None,
            "policy_version_id": policy_version_id,
        })  # fmt: skip
        events.append(_event(item_id, decided, decision.value, cast.sdm_actor, cast.sdm, reason))
        entries[("content_decision", decision_id)] = trail.add(
            decided, cast.sdm_actor, decision.value, item_id,
            f"{cast.sdm.name} (SDM): {decision.label.lower()} '{title}'",
            {"hash": digest, "comment": reason, "checklist": checklist, "decision_id": decision_id},
            cast.sdm,
        )  # fmt: skip
        if decision is not Decision.APPROVE:
            continue
        for k, channel in enumerate(sorted(chosen, key=lambda c: c.id)):
            posted = decided + timedelta(hours=1, minutes=7 * k)
            url = f"{channel.url or 'https://example.org'}/posts/{item_id}{k}"
            publications.append({
                "item_id": item_id, "channel_id": channel.id, "decision_id": decision_id,
                "url": url, "posted_at": posted, "uploader_id": cast.vdo.person_id,
                "uploader_name": cast.vdo.name, "uploader_acting": False,
                "signed_in_user": cast.vdo_actor.username, "recorded_at": posted,
                "takedown_id": None, "taken_down_on": None,
            })  # fmt: skip
            events.append(
                _event(
                    item_id, posted, "published", cast.vdo_actor, cast.vdo, f"{channel.name}: {url}"
                )
            )
            publications[-1]["_entry"] = trail.add(
                posted, cast.vdo_actor, "published", item_id,
                f"{cast.vdo.name} (VDO) uploaded '{title}' to {channel.name} on "
                f"{format_datetime(posted)}",
                {"hash": digest, "comment": f"{channel.name}: {url}", "channel": channel.id,
                 "url": url, "posted_at": posted.isoformat()},
                cast.vdo,
            )  # fmt: skip
    session.execute(insert(ContentItem), items)
    session.execute(insert(ContentChannel), links)
    session.execute(insert(ContentEvent), events)
    session.execute(insert(ContentDecision), decisions)
    first_publication = (session.execute(select(func.max(Publication.id))).scalar() or 0) + 1
    for number, row in enumerate(publications, start=first_publication):
        row["id"] = number
        entries[("publication", number)] = row.pop("_entry")
    session.execute(insert(Publication), publications)
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # the ids were given: numbering goes on after them
        tables = ("content_item", "content_decision", "publication")
        continue_numbering(connection, [Base.metadata.tables[name] for name in tables])
    for name in ("content_decision", "publication"):
        ids = [key for table, key in entries if table == name]
        for key, digest in states(connection, name, ids).items():
            number = int(key.split(":", 1)[1])
            entries[(name, number)]["data"][RECORDS] = {key: digest}
    trail.write(session)
    return len(items)
