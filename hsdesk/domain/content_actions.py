"""What may be done with a content item now, by whom, and why not: one rule for the Content
panel's buttons and for the services that refuse."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hsdesk.domain.actor import Actor
from hsdesk.domain.content import ContentState
from hsdesk.domain.permissions import Permission
from hsdesk.domain.verdict import YES, Verdict, needs, no


class ItemAction(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    DECIDE = "decide"
    UPLOAD = "upload"
    TAKEDOWN = "takedown"
    DONE = "done"  # record a takedown done
    COPY = "copy"  # a new draft from its text (a correction, when it is online)


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the rules read of an item."""

    title: str
    state: ContentState
    live: bool  # online on some channel now
    unpublished: bool  # some channel it was meant for has not had it yet
    open_takedown: bool


def may(actor: Actor, action: ItemAction, item: ItemFacts) -> Verdict:
    """Whether ``actor`` may do ``action`` with ``item`` now. Approval and upload are signed
    off by the office holder's own password whoever is signed in, so they do not depend on
    ``actor``; the services check the signer."""
    title, state = f"'{item.title}'", item.state
    now_is = f"{title} is {state.label.lower()}"
    if action is ItemAction.EDIT:
        if not (verdict := needs(actor, Permission.WRITE_CONTENT)):
            return verdict
        if state.editable:
            return YES
        if state is ContentState.REJECTED:
            return no(
                f"{title} was rejected, so it cannot be changed. Use 'Copy as new item' to start "
                "again from its text."
            )
        return no(
            f"{now_is}, so it cannot be changed: what went online must stay as it was approved. "
            "Use 'Correct…' to write a corrected copy; the one online is then taken down."
        )
    if action is ItemAction.SUBMIT:
        if not (verdict := needs(actor, Permission.WRITE_CONTENT)):
            return verdict
        if state in (ContentState.DRAFT, ContentState.CHANGES_REQUESTED):
            return YES
        return no(f"{now_is}; only a draft can be submitted.")
    if action is ItemAction.DECIDE:
        if state is ContentState.SUBMITTED:
            return YES
        return no(f"{now_is}, not awaiting approval; there is nothing to decide.")
    if action is ItemAction.UPLOAD:
        if state not in (ContentState.APPROVED, ContentState.PUBLISHED):
            return no(
                f"{now_is}: only content the Scheme Development Manager approved can be uploaded."
            )
        if item.open_takedown:
            return no(
                f"{title} has a takedown open. Do not put it online anywhere else; take it down "
                "first."
            )
        if not item.unpublished:
            return no(f"{title} is already on every channel it was approved for.")
        return YES
    if action is ItemAction.TAKEDOWN:
        if not (verdict := needs(actor, Permission.WRITE_CONTENT)):
            return verdict
        return can_come_down(item)
    if action is ItemAction.DONE:
        if not (verdict := needs(actor, Permission.TAKE_DOWN)):
            return verdict
        if item.open_takedown:
            return YES
        return no(f"No takedown of {title} is open.")
    # COPY
    if not (verdict := needs(actor, Permission.WRITE_CONTENT)):
        return verdict
    if state.editable:
        return no(f"{now_is} and can still be changed: edit it rather than copy it.")
    return YES


def can_come_down(item: ItemFacts) -> Verdict:
    """Whether a takedown can be raised for the item, whoever or whatever raises it (a person,
    a withdrawn consent, a complaint, a correction)."""
    if not item.live:
        return no(f"'{item.title}' is not online anywhere, so there is nothing to take down.")
    if item.open_takedown:
        return no(f"A takedown of '{item.title}' is already open; record it done first.")
    return YES
