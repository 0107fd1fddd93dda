"""Ask for a takedown (complaint, out of date, error) and record one done (the VDO)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.content import MANUAL_REASONS
from hsdesk.domain.content_records import ContentDetails, TakedownRecord
from hsdesk.domain.dates import format_datetime
from hsdesk.domain.errors import ValidationError
from hsdesk.services.content import takedowns
from hsdesk.ui.common import combo_value, fill_combo, read_date, set_date
from hsdesk.ui.context import AppContext
from hsdesk.ui.guarded_dialog import GuardedDialog
from hsdesk.ui.operation import FormDialog


def _finish(dialog: GuardedDialog, layout: QVBoxLayout, ok_text: str, save: Callable[[], None]):  # type: ignore[no-untyped-def]
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    layout.addWidget(buttons)
    dialog.wire_form(buttons, save)
    dialog.resize(520, 0)


class TakedownRequestDialog(FormDialog[ContentDetails]):
    refusal_title = "Takedown not recorded"

    def __init__(self, ctx: AppContext, item: ContentDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setWindowTitle("Take down content")
        layout = QVBoxLayout(self)
        where = ", ".join(p.channel_name for p in item.live)
        intro = QLabel(
            f"<b>{item.title}</b> is online on {where}. The Volunteer Development Officer is "
            "asked to take it down at once; the Dashboard shows it as overdue after 24 hours."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QComboBox()
        fill_combo(self.reason, [(r.label, r) for r in MANUAL_REASONS])
        self.details = QPlainTextEdit(placeholderText="What is wrong, and who raised it")
        form.addRow("&Why", self.reason)
        form.addRow("&Details", self.details)
        layout.addLayout(form)
        _finish(self, layout, "&Ask for takedown", self.save)

    def submit(self) -> ContentDetails:
        return takedowns.request_takedown(
            self.ctx.db,
            self.ctx.actor,
            self.item.id,
            combo_value(self.reason),
            self.details.toPlainText(),
        )


class TakedownDoneDialog(FormDialog[ContentDetails]):
    refusal_title = "Takedown not recorded"

    def __init__(self, ctx: AppContext, task: TakedownRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.task = ctx, task
        self.setWindowTitle("Record takedown done")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{task.item_title}</b> — {task.reason.label}: {task.details}<br>"
            f"Asked for {format_datetime(task.raised_at)}; online on {task.channels}."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.done_on = QLineEdit()
        set_date(self.done_on, clock.today())
        self.how = QLineEdit(placeholderText="e.g. post deleted on Facebook and Instagram")
        form.addRow("Taken down &on", self.done_on)
        form.addRow("&How", self.how)
        layout.addLayout(form)
        _finish(self, layout, "&Record done", self.save)

    def submit(self) -> ContentDetails:
        done_on = read_date(self.done_on, "Taken down on")
        if done_on is None:
            raise ValidationError("Enter the day it was taken down (dd/mm/yyyy).")
        return takedowns.complete_takedown(
            self.ctx.db, self.ctx.actor, self.task.id, done_on, self.how.text()
        )
