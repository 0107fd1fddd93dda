"""Exporting a register from the window: the file is written on the worker thread behind a
progress box with Cancel, and the status bar says what happened."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog, QPushButton
from window_driving import wait_for_reads

from hsdesk.domain.progress import Steps
from hsdesk.ui.common import export_csv_file
from hsdesk.ui.content.tab import ContentTab


def _window(qtbot, widget):  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_content_register_is_exported_in_the_background(qtbot, ctx, tmp_path, monkeypatch):
    target = tmp_path / "content.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab = ContentTab(ctx)
    window = _window(qtbot, tab)
    wait_for_reads(qtbot, tab)
    tab.export_csv()
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage(), timeout=10000)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert window.statusBar().currentMessage() == f"Wrote {len(rows) - 1:,} rows to {target}"
    assert rows[0][:2] == ["Item", "Title"]
    qtbot.wait(500)  # past the box's minimum duration: it does not come back at 100 %
    assert not [box for box in window.findChildren(QProgressDialog) if box.isVisible()]


def test_cancel_in_the_progress_box_stops_the_export(qtbot, ctx, tmp_path, monkeypatch):
    target = tmp_path / "big.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    started = threading.Event()

    def write(path: Path, steps: Steps) -> int:
        steps.step(0, 100_000, "Written 0 of 100,000 rows")
        started.set()
        for _ in range(500):  # a long export: it notices Cancel between blocks
            steps.step(0, 100_000, "Written 0 of 100,000 rows")
            threading.Event().wait(0.01)
        return 100_000

    window = _window(qtbot, QMainWindow())
    export_csv_file(window, "Export", "big", write)
    qtbot.waitUntil(started.is_set, timeout=5000)
    box = window.findChild(QProgressDialog)
    assert box is not None and box.windowTitle() == "Export"
    qtbot.waitUntil(lambda: box.labelText() == "Written 0 of 100,000 rows", timeout=5000)
    (cancel,) = box.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage() == f"Export cancelled: {target} was not written"
    assert not target.exists()
    qtbot.wait(500)
    assert not [b for b in window.findChildren(QProgressDialog) if b.isVisible()]
