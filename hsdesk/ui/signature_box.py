"""The handwritten part of a sign-off: draw the signature now, or pick one kept for the signer
(found from the username typed in the dialog), optionally keeping the new one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hsdesk.domain.errors import ValidationError
from hsdesk.services.platform import signatures
from hsdesk.services.platform.signatures import SignatureChoice
from hsdesk.ui.colours import paint_text
from hsdesk.ui.common import stored_pixmap
from hsdesk.ui.context import AppContext
from hsdesk.ui.signals import emit
from hsdesk.ui.signature_pad import SignaturePad


class SignatureBox(QGroupBox):
    changed = Signal()

    def __init__(
        self, ctx: AppContext, office: str, username: QLineEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Signature of {office}", parent)
        self.ctx = ctx
        self.office = office
        self.username = username
        self.draw = QRadioButton("&Draw the signature")
        self.use_stored = QRadioButton("Use a &stored signature")
        self.draw.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.draw)
        choice.addButton(self.use_stored)
        self.pad = SignaturePad()
        clear = QPushButton("C&lear")
        undo = QPushButton("Und&o last stroke")
        clear.clicked.connect(self.pad.clear)
        undo.clicked.connect(self.pad.undo)
        self.keep = QCheckBox(f"&Keep this signature for the {office}'s next sign-off")
        self.stored = QListWidget()
        self.stored.setViewMode(QListWidget.ViewMode.IconMode)
        self.stored.setIconSize(QSize(180, 60))
        self.stored.setFixedHeight(96)
        self.stored.setMovement(QListWidget.Movement.Static)
        self.stored_hint = QLabel(f"Type the {office}'s username to see their stored signatures.")
        paint_text(self.stored_hint)
        username.editingFinished.connect(self.load_stored)
        self.pad.changed.connect(lambda: self.draw.setChecked(True))
        self.pad.changed.connect(lambda: emit(self.changed))
        self.stored.itemClicked.connect(lambda _i: self.use_stored.setChecked(True))

        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(clear)
        pad_buttons.addWidget(undo)
        pad_buttons.addStretch(1)
        pad_buttons.addWidget(self.keep)
        inner = QVBoxLayout(self)
        inner.addWidget(self.draw)
        inner.addWidget(self.pad)
        inner.addLayout(pad_buttons)
        inner.addWidget(self.use_stored)
        inner.addWidget(self.stored)
        inner.addWidget(self.stored_hint)

    def load_stored(self) -> None:
        self.stored.clear()
        kept = signatures.signatures_for(self.ctx.db, self.username.text())
        for record in kept:
            pixmap = stored_pixmap(self.ctx.db, record.sha256)
            item = QListWidgetItem(QIcon(pixmap), f"kept {record.added_at:%d/%m/%Y}")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.stored.addItem(item)
        if kept:
            self.stored.setCurrentRow(0)
            self.stored_hint.setText("Click the signature to use.")
        else:
            self.stored_hint.setText("No stored signatures for this username: draw it above.")

    def choice(self) -> SignatureChoice:
        if self.use_stored.isChecked():
            item = self.stored.currentItem()
            if item is None:
                raise ValidationError(
                    f"Choose one of the {self.office}'s stored signatures, or draw the "
                    "signature instead."
                )
            return SignatureChoice(stored_id=int(item.data(Qt.ItemDataRole.UserRole)))
        # Empty when nothing was drawn: the service explains.
        return SignatureChoice(drawn=self.pad.to_png(), keep_drawn=self.keep.isChecked())
