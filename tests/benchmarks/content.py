"""Content tab benchmark with 100,000 items, against a floor measured in the same run.

    python tests/benchmarks/content.py [--items 100000] [--runs 5]

1. Opening the tab (queue counts and the first page of the default queue) and switching between
   the five queues. Target: each <= 200 ms.
2. Filtering: search text, state, channel, author and a date range. Target: each <= 50 ms.
Floor: the same database read raw with sqlite3 — one count and one page of 200 ids — which is
the least any list over this table can cost. Prints the figures; it never fails on time.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402

OPEN_TARGET_MS = 200.0
FILTER_TARGET_MS = 50.0
WORDS = [
    "coffee",
    "morning",
    "volunteers",
    "toddler",
    "group",
    "picnic",
    "walk",
    "trustees",
    "appeal",
    "party",
    "course",
]


def build(path: Path, count: int):  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from hsdesk.db.engine import Database
    from hsdesk.db.migrate import ensure_schema
    from hsdesk.db.models import ContentChannel, ContentItem
    from hsdesk.domain.actor import Actor
    from hsdesk.domain.content import ContentState, Platform
    from hsdesk.domain.content_records import ChannelInput
    from hsdesk.domain.enums import PersonKind
    from hsdesk.domain.records import PersonInput
    from hsdesk.services.content import channels
    from hsdesk.services.people import persons as people

    db = Database(str(path))
    ensure_schema(db)
    admin = Actor("bench", None, "Bench", is_admin=True)
    authors = [
        people.add_person(db, admin, PersonInput(f"Writer{n}", "Bench", PersonKind.STAFF)).id
        for n in range(6)
    ]
    chans = [
        channels.save_channel(db, admin, ChannelInput(name, platform, platform.default_scope)).id
        for name, platform in [
            ("Website", Platform.WEBSITE),
            ("Facebook page", Platform.FACEBOOK),
            ("Instagram", Platform.INSTAGRAM),
            ("X", Platform.X),
        ]
    ]
    rng = random.Random(100)
    states = list(ContentState)
    start = datetime(2020, 1, 1)
    items, links = [], []
    for n in range(1, count + 1):
        state = rng.choice(states)
        stamp = start + timedelta(minutes=rng.randint(0, 3_000_000))
        targets = rng.sample(chans, rng.randint(1, 2))
        waiting = len(targets) if state is ContentState.APPROVED else 0
        items.append(
            {
                "id": n,
                "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}",
                "body": " ".join(rng.choice(WORDS) for _ in range(40)),
                "planned_on": None,
                "day": stamp.date(),
                "author_id": rng.choice(authors),
                "state": state,
                "content_hash": "0" * 64,
                "created_at": stamp,
                "updated_at": stamp,
                "waiting_channels": waiting,
                "open_takedown": state is ContentState.PUBLISHED and n % 997 == 0,
            }
        )
        links.extend({"item_id": n, "channel_id": c} for c in targets)
    with db.write() as session:
        session.execute(insert(ContentItem), items)
        session.execute(insert(ContentChannel), links)
    return db, authors, chans


def timed(action) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def dispose(widget) -> None:  # type: ignore[no-untyped-def]
    """Close and delete through Qt's deferred delete, as the window does. Dropping the last
    Python reference instead makes PySide6 6.12 delete it directly, which can corrupt memory."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.thumbnails.wait()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def filled(tab) -> None:  # type: ignore[no-untyped-def]
    """Until the tab shows its first read (made on a worker thread), and one pass of events."""
    from PySide6.QtCore import QEventLoop

    if tab.reads.loading:
        loop = QEventLoop()
        tab.reads.filled.connect(loop.quit)
        loop.exec()
    QApplication.processEvents()


def floor(path: Path) -> float:
    conn = sqlite3.connect(path)
    began = time.perf_counter()
    conn.execute("SELECT count(*) FROM content_item").fetchone()
    conn.execute("SELECT id FROM content_item ORDER BY id LIMIT 200").fetchall()
    took = (time.perf_counter() - began) * 1000
    conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from PySide6.QtCore import QSettings

    from hsdesk.domain.actor import Actor
    from hsdesk.domain.content import ContentState
    from hsdesk.domain.enums import Office
    from hsdesk.ui.content.tab import ContentTab
    from hsdesk.ui.context import AppContext

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "bench.db"
        print(f"building {args.items:,} content items…", flush=True)
        db, authors, _channels = build(path, args.items)
        actor = Actor("sdm", authors[0], "Writer0 Bench", offices=frozenset({Office.SDM}))
        ctx = AppContext(db, actor)
        base = min(floor(path) for _ in range(args.runs))
        print(f"floor (raw count + one page of ids): {base:.1f} ms")

        def report(name: str, ms: float, target: float) -> None:
            verdict = "ok" if ms <= target else "OVER TARGET"
            print(
                f"  {name:<34} {ms:7.1f} ms  ({ms / base:5.1f}× floor; target {target:.0f} ms:"
                f" {verdict})"
            )

        opens = []
        for _ in range(args.runs):
            tab: ContentTab | None = None

            def open_tab() -> None:
                nonlocal tab
                tab = ContentTab(ctx)
                tab.show()
                filled(tab)

            opens.append(timed(open_tab))
            assert tab is not None
            dispose(tab)
            tab = None
        print("opening and switching queues:")
        report("open the tab (median)", sorted(opens)[len(opens) // 2], OPEN_TARGET_MS)

        def queues_and_filters() -> None:
            # The tab lives in this function, so it is gone before the QApplication is.
            tab = ContentTab(ctx)
            tab.show()
            filled(tab)
            for row in range(tab.queues.count()):
                label = tab.queues.item(row).text()
                runs = []
                for _ in range(args.runs):
                    tab.queues.setCurrentRow((row + 1) % tab.queues.count())
                    runs.append(timed(lambda r=row: tab.queues.setCurrentRow(r)))
                report(f"switch to {label}", min(runs), OPEN_TARGET_MS)
            tab.queues.setCurrentRow(4)  # All content
            print("filtering all content:")

            def measure(name: str, set_filter, clear) -> None:  # type: ignore[no-untyped-def]
                runs = []
                for _ in range(args.runs):
                    clear()
                    tab.apply_filters()
                    set_filter()
                    runs.append(timed(tab.apply_filters))
                report(f"{name} ({tab.model.total:,} found)", min(runs), FILTER_TARGET_MS)
                clear()

            measure(
                "search 'picnic walk 4'",
                lambda: tab.search.setText("picnic walk 4"),
                tab.search.clear,
            )
            measure("search by item number", lambda: tab.search.setText("77777"), tab.search.clear)
            state_index = 1 + list(ContentState).index(ContentState.SUBMITTED)
            measure(
                "state: awaiting approval",
                lambda: tab.state.setCurrentIndex(state_index),
                lambda: tab.state.setCurrentIndex(0),
            )
            measure(
                "channel: Instagram",
                lambda: tab.channel.setCurrentIndex(1 + 1),
                lambda: tab.channel.setCurrentIndex(0),
            )
            measure(
                "author",
                lambda: tab.author.setCurrentIndex(2),
                lambda: tab.author.setCurrentIndex(0),
            )
            measure(
                "date range (one month)",
                lambda: (tab.day_from.setText("01/03/2023"), tab.day_to.setText("31/03/2023")),
                lambda: (tab.day_from.clear(), tab.day_to.clear()),
            )
            dispose(tab)

        queues_and_filters()
        app.processEvents()
        db.dispose()


if __name__ == "__main__":
    main()
