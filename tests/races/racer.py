"""One PC in a race: opens the database, then does what each line on stdin asks, answering each
with one JSON line on stdout. The test writes the same moment's command to two of these at once.

    python racer.py LOCATION LOCAL_DIR

Each answer is {"ok": value}, {"refused": error class, "message": text} for a refusal hsdesk
explains, or {"raw": traceback} for anything else (which the race suite counts as a failure).
"""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from content_office import PASSWORD, YES

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.content import Decision
from hsdesk.domain.content_records import ContentInput, SignOff
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.errors import HsdeskError
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.domain.records import PersonInput
from hsdesk.services.content import approval, drafts, upload
from hsdesk.services.people import persons as people
from hsdesk.services.photos import consents
from hsdesk.services.photos import library as photos
from hsdesk.services.photos.files import check_photo
from hsdesk.services.photos.withdrawals import withdraw_consent
from hsdesk.services.platform import auth

ADMIN = Actor(username="admin", person_id=None, display_name="Admin", is_admin=True)


def decide(db: Database, who: dict[str, Actor], item: int, seen: str) -> str:
    done = approval.decide(
        db, who["shazia"], item, Decision.APPROVE, SignOff("helen", PASSWORD), YES, seen=seen
    )
    return done.state.value


def edit(db: Database, who: dict[str, Actor], item: int, channels: list[int], body: str) -> str:
    data = ContentInput("Coffee morning", body, tuple(channels), ())
    return drafts.save_item(db, who["shazia"], data, item_id=item).content_hash


def post(db: Database, who: dict[str, Actor], item: int, channel: int) -> str:
    done = upload.upload(
        db,
        who["shazia"],
        item,
        channel,
        "https://www.facebook.com/p/1",
        clock.now(),
        SignOff("daniel", PASSWORD),
    )
    return done.state.value


def withdraw(db: Database, _who: dict[str, Actor], consent: int) -> int:
    return withdraw_consent(db, ADMIN, consent, clock.today(), "phone call").consent.id


def correct(db: Database, _who: dict[str, Actor], consent: int, child: int, parent: int) -> int:
    data = ConsentInput(
        subject_id=child,
        given_by_id=parent,
        relationship="Parent",
        method=ConsentMethod.EMAIL,
        wording_version=2,
        scopes=frozenset({ConsentScope.WEBSITE}),
        given_on=date.fromordinal(clock.today().toordinal() - 9),
    )
    return consents.correct_consent(db, ADMIN, consent, data, "wrong scopes").id


def import_photo(db: Database, _who: dict[str, Actor], hex_bytes: str) -> list[Any]:
    photo = check_photo(bytes.fromhex(hex_bytes), "race.jpg")
    photo_id, new = photos.import_photo(db, ADMIN, photo, "Race")
    return [photo_id, new]


def add_person(db: Database, _who: dict[str, Actor], first: str) -> int:
    return people.add_person(db, ADMIN, PersonInput(first, "Racer", PersonKind.VOLUNTEER)).id


def adopt(db: Database, _who: dict[str, Actor], version: int) -> int:
    """The demo's Chair adopts the demo's draft (which drops the volunteers' logo clause)."""
    from hsdesk.demo.policy import demo_signature_png
    from hsdesk.services.policy import adoption

    given = adoption.Adoption(
        "chair",
        "demo",
        clock.today(),
        date(2029, 12, 1),
        drawn=demo_signature_png(),
        links={"volunteer_logo": None},
    )
    return adoption.adopt(db, ADMIN, version, given).number


def erase(db: Database, _who: dict[str, Actor], person: int) -> int:
    from hsdesk.services.people.erasure import erase_person

    return erase_person(db, ADMIN, person, "Past the retention date").number


ACTIONS: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (decide, edit, post, withdraw, correct, import_photo, add_person, adopt, erase)
}


def main() -> None:
    db = Database(sys.argv[1], local_dir=Path(sys.argv[2]))
    who: dict[str, Actor] = {}
    for name in ("helen", "daniel", "shazia"):  # the content office's (the demo has others)
        with contextlib.suppress(HsdeskError):
            who[name] = auth.sign_in(db, name, PASSWORD)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        try:
            result: dict[str, Any] = {"ok": ACTIONS[command["action"]](db, who, **command["args"])}
        except HsdeskError as exc:
            result = {"refused": type(exc).__name__, "message": str(exc)}
        except Exception:  # noqa: BLE001 - reported to the test as a raw error
            result = {"raw": traceback.format_exc()}
        print(json.dumps(result), flush=True)
    db.dispose()


if __name__ == "__main__":
    main()
