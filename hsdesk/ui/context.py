"""What every tab and dialog needs: the open database, who is signed in, and demo mode."""

from __future__ import annotations

from dataclasses import dataclass

from hsdesk.db.engine import Database
from hsdesk.domain.actor import Actor


@dataclass
class AppContext:
    db: Database
    actor: Actor
    demo: bool = False
