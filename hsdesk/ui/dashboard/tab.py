"""Dashboard: a greeting and the "Needs attention" list each feature contributes to."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.records import AttentionItem
from hsdesk.resources import resource
from hsdesk.ui.context import AppContext
from hsdesk.ui.latest_read import LatestRead
from hsdesk.ui.signals import emit
from hsdesk.ui.tab_page import TabPage

SEVERITIES = ("urgent", "warning", "info")


def _greeting(name: str, now: datetime) -> str:
    part = "morning" if now.hour < 12 else "afternoon" if now.hour < 18 else "evening"
    first = name.split()[0] if name else ""
    return f"Good {part}{', ' + first if first else ''}"


def _needs_attention(ctx: AppContext) -> list[AttentionItem]:
    """On the worker thread. Every feature's services are imported here, not with the window
    (0.1 s of the start)."""
    from hsdesk.services.dashboard import dashboard

    return dashboard(ctx.db, ctx.actor, ctx.actor)


class AttentionCard(QFrame):
    go = Signal(str, str)  # the tab, and the page within it ("" for the tab's own)

    def __init__(self, item: AttentionItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"card_{item.severity}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel()
        severity = item.severity if item.severity in SEVERITIES else "info"
        pixmap = QPixmap(str(resource("icons", f"{severity}.png")))
        icon.setPixmap(
            pixmap.scaled(
                32,
                32,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b>{item.title}</b>")
        detail = QLabel(item.detail)
        detail.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(detail)
        row = QHBoxLayout(self)
        row.addWidget(icon)
        row.addLayout(text, 1)
        if item.area:
            button = QPushButton(f"Open {item.area}")
            button.clicked.connect(lambda: emit(self.go, item.area, item.page))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)


class DashboardTab(TabPage):
    open_area = Signal(str, str)
    filled = Signal()  # the items of the latest refresh are shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.subheading = QLabel()
        refresh = QPushButton("&Refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        top.addWidget(refresh, 0, Qt.AlignmentFlag.AlignTop)
        self.section = QLabel("<b>Needs attention</b>")
        self.cards = QVBoxLayout()
        self.cards.setSpacing(8)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addLayout(self.cards)
        holder_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.section)
        layout.addWidget(scroll, 1)
        self.items: list[AttentionItem] = []
        self.reads = LatestRead(self)
        self.reads.filled.connect(self.filled)
        self.refresh()

    @property
    def loading(self) -> bool:
        return self.reads.loading

    def refresh(self) -> None:
        """The greeting at once; the items from a read on a worker thread (its own database
        connection), so the window never waits for them. Until they come, the list says it is
        checking, and the cards shown before stay; an answer overtaken by a newer refresh is
        dropped."""
        now = clock.now()
        self.heading.setText(
            f"<span style='font-size:16pt'>{_greeting(self.ctx.actor.display_name, now)}</span>"
        )
        self.subheading.setText(f"{clock.today():%A} {clock.today().day} {clock.today():%B %Y}")
        ctx = self.ctx
        self.section.setText("<b>Needs attention</b> <i>(checking…)</i>")
        self.reads.start(lambda: _needs_attention(ctx), self._fill, self._failed)

    def _fill(self, items: list[AttentionItem]) -> None:
        while self.cards.count():
            taken = self.cards.takeAt(0)
            old = taken.widget() if taken is not None else None
            if old is not None:
                old.deleteLater()
        self.items = items
        self.section.setText(
            f"<b>Needs attention</b> ({len(self.items)})"
            if self.items
            else "<b>Needs attention</b>"
        )
        if not self.items:
            self.cards.addWidget(QLabel("Nothing needs attention today."))
        for item in self.items:
            card = AttentionCard(item)
            card.go.connect(self.open_area)
            self.cards.addWidget(card)

    def _failed(self, exc: Exception) -> None:
        self.section.setText(
            f"<b>Needs attention</b>: could not be read just now ({exc}). Press Refresh to try "
            "again."
        )
