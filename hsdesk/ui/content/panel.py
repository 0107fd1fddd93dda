"""One content item: the post as it will look with its photos, where it is online, takedowns,
the timeline, and the actions its state allows."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.content import STATE_COLOURS
from hsdesk.domain.content_actions import ItemAction, may
from hsdesk.domain.content_records import ContentDetails
from hsdesk.domain.dates import format_date, format_datetime
from hsdesk.domain.duties import D
from hsdesk.domain.wording import shortened
from hsdesk.services.policy.duties import current_citations
from hsdesk.ui.colours import BAD, GREY, ink, muted
from hsdesk.ui.common import named
from hsdesk.ui.context import AppContext
from hsdesk.ui.photos.thumbnails import ThumbnailLoader
from hsdesk.ui.signals import emit

SHA_ROLE = Qt.ItemDataRole.UserRole + 1


class ContentPanel(QWidget):
    action = Signal(str)  # "edit", "submit", "decide", "upload", "takedown", "done", "copy"

    def __init__(self, ctx: AppContext, thumbnails: ThumbnailLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ContentDetails | None = None
        self.thumbnails = thumbnails
        thumbnails.loaded.connect(self._thumbnail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in [
            ("edit", "&Edit…"),
            ("submit", "&Submit"),
            ("decide", "&Approve…"),
            ("upload", "Record &upload…"),
            ("takedown", "&Take down…"),
            ("done", "Takedown &done…"),
            ("copy", "Cop&y as new item"),
        ]:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=key: emit(self.action, k))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.photo_strip = named(QListWidget(), "Photos in the item")
        self.photo_strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_strip.setIconSize(QSize(120, 120))
        self.photo_strip.setFlow(QListWidget.Flow.LeftToRight)
        self.photo_strip.setWrapping(False)
        self.photo_strip.setFixedHeight(150)
        self.body = named(QTextBrowser(), "The item as it will be posted")
        self.body.setOpenExternalLinks(True)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.photo_strip)
        self.timeline = named(QTextBrowser(), "Timeline")
        layout.addWidget(self.timeline, 1)
        self.show_item(None)

    def show_item(self, item: ContentDetails | None) -> None:
        self.item = item
        self.photo_strip.clear()
        if item is None:
            self.heading.setText("<i>Choose an item to see it as it will be posted.</i>")
            self.body.clear()
            self.timeline.clear()
            self.photo_strip.hide()
            for button in self.buttons.values():
                button.hide()
            return
        colour = ink(STATE_COLOURS[item.state]) if item.state in STATE_COLOURS else ink(GREY)
        self.heading.setText(
            f"<h3 style='margin:0'>{escape(item.title)}</h3>"
            f"<span style='color:{colour}'><b>{item.state.label}</b></span> · item {item.id} · "
            f"by {escape(item.author_name)}"
            + (f" · planned for {format_date(item.planned_on)}" if item.planned_on else "")
        )
        consent = current_citations(self.ctx.db).ref(D.PHOTO_CONSENT) if item.problems else ""
        self.body.setHtml(self._post_html(item, consent))
        self.timeline.setHtml(self._timeline_html(item))
        self.photo_strip.setVisible(bool(item.photos))
        for photo in item.photos:
            blocked = [c.scope.label for c in photo.clearances if not c.status.usable]
            entry = QListWidgetItem(shortened(photo.title, 32))
            entry.setData(SHA_ROLE, photo.sha256)
            entry.setToolTip(
                f"{photo.title}\nPictured: {', '.join(p.name for p in photo.pictured) or 'nobody'}"
                + (f"\nNo consent for: {', '.join(blocked)}" if blocked else "")
            )
            pixmap = self.thumbnails.get(photo.sha256, 256)
            if pixmap is not None:
                entry.setIcon(QIcon(pixmap))
            self.photo_strip.addItem(entry)
        self._enable(item)

    def _thumbnail(self, sha: str, _size: int) -> None:
        pixmap = self.thumbnails.get(sha, 256)
        for n in range(self.photo_strip.count()):
            entry = self.photo_strip.item(n)
            if pixmap is not None and entry.data(SHA_ROLE) == sha:
                entry.setIcon(QIcon(pixmap))

    def _enable(self, item: ContentDetails) -> None:
        """Offer exactly what the rules allow this person now (the services refuse the rest)."""
        facts = item.facts
        for key, button in self.buttons.items():
            button.setVisible(bool(may(self.ctx.actor, ItemAction(key), facts)))
        self.buttons["copy"].setText("Corr&ect…" if item.live else "Cop&y as new item")

    @staticmethod
    def _post_html(item: ContentDetails, consent: str) -> str:
        text = "<br>".join(escape(line) for line in item.body.splitlines()) or (
            "<i>No text yet.</i>"
        )
        parts = [
            f"<div style='border:1px solid {muted()}; padding:10px'>"
            f"<p style='font-size:110%'>{text}</p></div>"
        ]
        if item.problems:
            lines = "".join(f"<li>{escape(p)}</li>" for p in item.problems)
            what = (
                "it must come down where it is online"
                if item.live
                else "this cannot be approved or uploaded as it is"
            )
            parts.append(
                f"<p style='color:{ink(BAD, QPalette.ColorRole.Base)}'><b>Photo consent missing ({consent}) — {what}:</b>"
                f"</p><ul style='color:{ink(BAD, QPalette.ColorRole.Base)}'>{lines}</ul>"
            )
        rows = []
        posted = {p.channel_id: p for p in item.publications}
        for channel in item.channels:
            pub = posted.get(channel.id)
            if pub is None:
                status = "not uploaded"
            elif pub.taken_down_on:
                status = f"taken down {format_date(pub.taken_down_on)}"
            else:
                status = (
                    f"online since {format_datetime(pub.posted_at)} "
                    f"(<a href='{escape(pub.url)}'>{escape(pub.url)}</a>)"
                )
            rows.append(f"<tr><td><b>{escape(channel.name)}</b></td><td>{status}</td></tr>")
        if rows:
            parts.append(f"<table cellpadding='3'>{''.join(rows)}</table>")
        for task in item.takedowns:
            state = (
                f"done {format_date(task.done_on)} by {escape(task.done_by)}: {escape(task.how)}"
                if task.done_on
                else f"<b style='color:{ink(BAD, QPalette.ColorRole.Base)}'>OPEN — take it down now</b>"
            )
            parts.append(
                f"<p>Takedown ({task.reason.label.lower()}"
                f"{', automatic' if task.automatic else ''}), asked "
                f"{format_datetime(task.raised_at)}: {escape(task.details)}<br>{state}</p>"
            )
        return "".join(parts)

    @staticmethod
    def _timeline_html(item: ContentDetails) -> str:
        rows = []
        for event in reversed(item.events):
            who = escape(event.who)
            if event.signer:
                who += f", signed with their own password (recorded by {escape(event.actor)})"
            comment = f"<br><i>{escape(event.comment)}</i>" if event.comment else ""
            rows.append(
                f"<tr><td valign='top' style='color:{ink(GREY, QPalette.ColorRole.Base)}'>{format_datetime(event.at)}</td>"
                f"<td><b>{event.label}</b> — {who}{comment}</td></tr>"
            )
        return (
            "<h4 style='margin:0'>Timeline</h4><table cellpadding='3'>" + "".join(rows) + "</table>"
        )
