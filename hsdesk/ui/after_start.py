"""What the window does once it has started (see hsdesk.exports.warm_up)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from hsdesk.exports.warm_up import load_pdf_libraries
from hsdesk.ui import collector
from hsdesk.ui.worker import run_in_background


def after_start(window: QWidget) -> None:
    """Soon after the first window shows, if it still does: load the PDF libraries on a worker
    thread (hsdesk.exports.warm_up), then freeze what hsdesk keeps for good out of collections."""
    if not window.isVisible():
        return
    run_in_background(
        load_pdf_libraries,
        lambda _: collector.settle(),
        lambda exc: logging.getLogger(__name__).warning("PDF libraries not loaded ahead: %s", exc),
        busy_cursor=False,
    )
