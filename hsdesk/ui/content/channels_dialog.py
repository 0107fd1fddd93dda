"""The channels register: the scheme's places online and the privacy settings the trustees
agreed for each, with their history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain import clock
from hsdesk.domain.content import CHANNEL_SCOPES, Platform
from hsdesk.domain.content_records import ChannelInput, ChannelRecord, SettingsInput
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.services.content import channels
from hsdesk.ui.common import (
    allow,
    close_buttons,
    combo_value,
    fill_combo,
    named,
    push_button,
    read_date,
    set_date,
    show_error,
)
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import FormDialog
from hsdesk.ui.record_table import Column
from hsdesk.ui.table import RecordTable

COLUMNS: list[Column[ChannelRecord]] = [
    Column("Channel", lambda c: c.name),
    Column("Kind", lambda c: c.platform.label),
    Column("Needs consent for", lambda c: c.scope.label),
    Column("In use", lambda c: c.active),
    Column("Settings agreed", lambda c: c.settings.agreed_on if c.settings else None),
    Column("Minute", lambda c: c.settings.minute_ref if c.settings else "none recorded"),
]


class ChannelsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Channels and agreed privacy settings")
        layout = QVBoxLayout(self)
        self.table: RecordTable[ChannelRecord] = RecordTable(COLUMNS, "channels")
        self.table.setAccessibleName("Channels")
        self.history = named(QTextBrowser(), "Channel history")
        self.history.setOpenExternalLinks(False)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setSizes([560, 380])
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        can_edit = allowed(ctx.actor, Permission.EDIT_CHANNELS)
        self.add_button = push_button("&Add channel…", lambda: self.edit(None))
        self.edit_button = push_button("&Change…", lambda: self.edit(self.current()))
        self.settings_button = push_button("Record agreed &settings…", self.agree)
        for button in (self.add_button, self.edit_button, self.settings_button):
            allow(button, "" if can_edit else "Administrators and trustees keep this register.")
            buttons.addWidget(button)
        if not can_edit:
            buttons.addWidget(QLabel("Administrators and trustees keep this register."))
        buttons.addStretch(1)
        buttons.addWidget(close_buttons(self))
        layout.addLayout(buttons)
        self.table.selection_changed.connect(self._show)
        if can_edit:
            self.table.activated_record.connect(self.edit)
        self.load()
        self.resize(980, 520)

    def current(self) -> ChannelRecord | None:
        return self.table.selected_record()

    def load(self) -> None:
        self.table.set_records(channels.list_channels(self.ctx.db), keep=lambda c: c.id)
        if self.current() is None and self.table.proxy.rowCount():
            self.table.selectRow(0)

    def _show(self, channel: ChannelRecord | None) -> None:
        if channel is None:
            self.history.clear()
            return
        parts = [
            f"<h3>{channel.name}</h3><p>{channel.platform.label} · needs "
            f"{channel.scope.label} consent<br><a href='{channel.url}'>{channel.url}</a></p>"
        ]
        if channel.notes:
            parts.append(f"<p>{channel.notes}</p>")
        if not channel.history:
            parts.append("<p><b>No agreed privacy settings recorded.</b></p>")
        for n, s in enumerate(reversed(channel.history)):
            label = "In force" if n == 0 else "Earlier"
            parts.append(
                f"<p><b>{label}: agreed {format_date(s.agreed_on)}</b> (minute {s.minute_ref})"
                f"<br>{s.text}<br><small>recorded by {s.recorded_by}</small></p>"
            )
        self.history.setHtml("".join(parts))

    def edit(self, channel: ChannelRecord | None) -> None:
        if ChannelForm(self.ctx, channel, self).exec():
            self.load()

    def agree(self) -> None:
        channel = self.current()
        if channel is None:
            show_error(self, ValidationError("Choose a channel first."))
            return
        if SettingsForm(self.ctx, channel, self).exec():
            self.load()
            self._show(self.current())


class ChannelForm(FormDialog[ChannelRecord]):
    refusal_title = "Channel not saved"

    def __init__(self, ctx: AppContext, channel: ChannelRecord | None, parent: QWidget):
        super().__init__(parent)
        self.ctx, self.channel = ctx, channel
        self.setWindowTitle("Change channel" if channel else "Add channel")
        form = QFormLayout(self)
        self.name = QLineEdit(channel.name if channel else "")
        self.platform = QComboBox()
        fill_combo(self.platform, [(p.label, p) for p in Platform], channel and channel.platform)
        self.scope = QComboBox()
        fill_combo(
            self.scope,
            [(s.label, s) for s in CHANNEL_SCOPES],
            channel.scope if channel else Platform.WEBSITE.default_scope,
        )
        self.platform.activated.connect(self._default_scope)
        self.url = QLineEdit(channel.url if channel else "")
        self.active = QCheckBox("The scheme uses this channel")
        self.active.setChecked(channel.active if channel else True)
        self.notes = QPlainTextEdit(channel.notes if channel else "")
        self.notes.setMaximumHeight(80)
        form.addRow("&Name", self.name)
        form.addRow("&Kind", self.platform)
        form.addRow("Needs &consent for", self.scope)
        form.addRow("&Address", self.url)
        form.addRow("", self.active)
        form.addRow("N&otes", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        self.wire_form(buttons, self.save)
        self.resize(480, 0)

    def _default_scope(self) -> None:
        platform: Platform = combo_value(self.platform)
        self.scope.setCurrentIndex(list(CHANNEL_SCOPES).index(platform.default_scope))

    def submit(self) -> ChannelRecord:
        data = ChannelInput(
            self.name.text(),
            combo_value(self.platform),
            combo_value(self.scope),
            self.url.text(),
            self.active.isChecked(),
            self.notes.toPlainText(),
        )
        return channels.save_channel(
            self.ctx.db, self.ctx.actor, data, self.channel.id if self.channel else None
        )


class SettingsForm(FormDialog[ChannelRecord]):
    refusal_title = "Settings not saved"

    def __init__(self, ctx: AppContext, channel: ChannelRecord, parent: QWidget):
        super().__init__(parent)
        self.ctx, self.channel = ctx, channel
        self.setWindowTitle(f"Agreed privacy settings — {channel.name}")
        form = QFormLayout(self)
        current = channel.settings
        self.text = QPlainTextEdit(current.text if current else "")
        self.agreed = QLineEdit()
        set_date(self.agreed, clock.today())
        self.minute = QLineEdit(placeholderText="e.g. TM 2026/07")
        form.addRow(QLabel("Write the settings exactly as the trustees agreed them."))
        form.addRow("&Settings", self.text)
        form.addRow("&Agreed on", self.agreed)
        form.addRow("&Minute reference", self.minute)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)
        self.wire_form(buttons, self.save)
        self.resize(520, 0)

    def submit(self) -> ChannelRecord:
        agreed = read_date(self.agreed, "Agreed on")
        if agreed is None:
            raise ValidationError("Enter the date of the trustees' meeting (dd/mm/yyyy).")
        return channels.agree_settings(
            self.ctx.db,
            self.ctx.actor,
            self.channel.id,
            SettingsInput(self.text.toPlainText(), agreed, self.minute.text()),
        )
