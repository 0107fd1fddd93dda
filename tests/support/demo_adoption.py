"""The demo Chair's adoption of the demo's draft (version 3, which drops the volunteers' logo
clause), as tests give it; change any field with keyword arguments."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hsdesk.demo.policy import demo_signature_png
from hsdesk.domain import clock
from hsdesk.services.policy import adoption


def demo_adoption(**changes: Any) -> adoption.Adoption:
    given = adoption.Adoption(
        username="chair",
        password="demo",
        adopted_on=clock.today(),
        review_due=adoption.default_review_date(clock.today()),
        drawn=demo_signature_png(),
        # the draft drops the volunteers' logo clause: the Chair confirms it is gone
        links={"volunteer_logo": None},
    )
    return replace(given, **changes)
