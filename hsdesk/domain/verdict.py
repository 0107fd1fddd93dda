"""The answer to "may this person do that now?": yes, or no with the reason in words. Panels
enable buttons and show tooltips from it; services refuse with the same words."""

from __future__ import annotations

from dataclasses import dataclass

from hsdesk.domain.actor import Actor
from hsdesk.domain.errors import HsdeskError, PermissionDenied, ValidationError
from hsdesk.domain.permissions import Permission, allowed


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    reason: str = ""  # why not, in words a person can act on; empty when allowed
    refusal: type[HsdeskError] = ValidationError

    def __bool__(self) -> bool:
        return self.allowed

    def enforce(self) -> None:
        """Raise the refusal when not allowed (what a service does with a verdict)."""
        if not self.allowed:
            raise self.refusal(self.reason)


YES = Verdict(True)


def no(reason: str) -> Verdict:
    return Verdict(False, reason)


def needs(actor: Actor, permission: Permission) -> Verdict:
    """Yes when the actor has ``permission``; otherwise its refusal, as a permission refusal."""
    if allowed(actor, permission):
        return YES
    return Verdict(False, permission.value.refusal, PermissionDenied)
