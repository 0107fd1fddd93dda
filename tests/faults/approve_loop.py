"""Run by test_kill: approve content items one after another, printing each as it is committed.

    python approve_loop.py DB_PATH WEB_CHANNEL_ID

Each line "approved N" is printed only after the approval's transaction committed, so every id
printed before the process is killed must be found approved, with its audit entry.
"""

from __future__ import annotations

import sys

from hsdesk.db.engine import Database
from hsdesk.domain.content import CHECKLIST, Decision
from hsdesk.domain.content_records import ContentInput, SignOff
from hsdesk.services.content import approval, drafts
from hsdesk.services.platform import auth

PASSWORD = "correct horse"  # content_office.PASSWORD


def main() -> None:
    db = Database(sys.argv[1])
    channel = int(sys.argv[2])
    writer = auth.sign_in(db, "shazia", PASSWORD)
    yes = {item.key: True for item in CHECKLIST}
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        item = drafts.save_item(
            db, writer, ContentInput(f"Post {number}", "Coffee morning on Friday", (channel,), ())
        ).id
        drafts.submit(db, writer, item)
        approval.decide(db, writer, item, Decision.APPROVE, SignOff("helen", PASSWORD), yes)
        print(f"approved {item}", flush=True)


if __name__ == "__main__":
    main()
