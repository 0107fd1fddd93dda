"""Who is acting: the signed-in user as the services see them."""

from __future__ import annotations

from dataclasses import dataclass

from hsdesk.domain.enums import Office, PersonKind


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    person_id: int | None
    display_name: str
    is_admin: bool = False
    person_kind: PersonKind | None = None
    offices: frozenset[Office] = frozenset()

    @classmethod
    def system(cls, name: str) -> Actor:
        """The operator of hsdesk-cli on this computer: whoever can run it holds the file anyway."""
        return cls(username=name, person_id=None, display_name=name, is_admin=True)
