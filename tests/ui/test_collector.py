"""Python's cycle collector runs on the UI thread only, so work on a pool thread never frees a
widget there (which crashes PySide6)."""

from __future__ import annotations

import gc
import weakref

from hsdesk.app import make_application
from hsdesk.ui.collector import MainThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_automatic_collection_is_off_and_the_ui_thread_collects_instead(qtbot):
    app = make_application([])
    assert not gc.isenabled()
    [collector] = app.findChildren(MainThreadCollector)
    make_application([])  # a second call adds no second collector
    assert app.findChildren(MainThreadCollector) == [collector]
    gc.collect()
    node = _Node()
    gone = weakref.ref(node)
    del node
    collector.collect()  # too few new objects yet: nothing is collected
    assert gone() is not None
    litter = [[n] for n in range(collector.threshold[0] + 1)]  # enough to set it off
    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)  # its timer collects on this thread
    assert litter


def test_each_look_collects_one_generation_and_the_whole_heap_at_most_once_a_minute(
    qtbot, monkeypatch
):
    from hsdesk.ui import collector as module

    app = make_application([])
    [collector] = app.findChildren(MainThreadCollector)
    young, middle, old = collector.threshold
    counts = [(young, 0, 0)]
    monkeypatch.setattr(module.gc, "get_count", lambda: counts[0])
    assert collector.due() is None  # not enough new objects
    counts[0] = (young + 1, 0, 0)
    assert collector.due() == 0
    counts[0] = (young + 1, middle + 1, 0)
    assert collector.due() == 1
    counts[0] = (young + 1, middle + 1, old + 1)
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    collector._last_full = now[0] - 5  # a full collection five seconds ago
    assert collector.due() == 1  # the whole heap waits
    now[0] += module.FULL_EVERY_SECONDS
    assert collector.due() == 2
