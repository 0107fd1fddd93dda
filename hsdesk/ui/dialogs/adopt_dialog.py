"""The Chair's adoption sign-off: their own username and password (whoever is signed in here),
the dates, and a handwritten signature drawn now or chosen from those kept for them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
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

from hsdesk.domain.errors import HsdeskError, ValidationError
from hsdesk.domain.policy import PolicyVersionRecord
from hsdesk.services import policy
from hsdesk.ui.common import GuardedDialog, password_field, read_date, set_date, show_error
from hsdesk.ui.context import AppContext
from hsdesk.ui.signature_pad import SignaturePad


class AdoptDialog(GuardedDialog):
    def __init__(
        self, ctx: AppContext, version: PolicyVersionRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.version = version
        self.adopted: PolicyVersionRecord | None = None
        self.setWindowTitle(f"Adopt {version.label}")
        intro = QLabel(
            f"<b>{version.text.title}</b> — version {version.number}, "
            f"{version.text.clause_count} clauses.<br>The Chair (or acting Chair) signs with "
            "their <i>own</i> username and password, whoever is signed in at this PC. "
            "Once adopted, this version can never be changed."
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(placeholderText="the Chair's sign-in name")
        self.password = password_field()
        self.adopted_on = QLineEdit()
        self.review_due = QLineEdit()
        set_date(self.adopted_on, date.today())
        set_date(self.review_due, policy.default_review_date(date.today()))
        self.adopted_on.editingFinished.connect(self._suggest_review)
        self.review_due.textEdited.connect(lambda _t: setattr(self, "_review_typed", True))
        self._review_typed = False
        form = QFormLayout()
        form.addRow("Chair's &username", self.username)
        form.addRow("Chair's &password", self.password)
        form.addRow("Date &adopted (dd/mm/yyyy)", self.adopted_on)
        form.addRow("&Review by (dd/mm/yyyy)", self.review_due)

        self.draw = QRadioButton("&Draw the signature")
        self.use_stored = QRadioButton("Use a &stored signature")
        self.draw.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.draw)
        choice.addButton(self.use_stored)
        self.pad = SignaturePad()
        clear = QPushButton("C&lear")
        undo = QPushButton("&Undo last stroke")
        clear.clicked.connect(self.pad.clear)
        undo.clicked.connect(self.pad.undo)
        self.keep = QCheckBox("&Keep this signature for the Chair's next sign-off")
        self.stored = QListWidget()
        self.stored.setViewMode(QListWidget.ViewMode.IconMode)
        self.stored.setIconSize(QSize(180, 60))
        self.stored.setFixedHeight(96)
        self.stored.setMovement(QListWidget.Movement.Static)
        self.stored_hint = QLabel("Type the Chair's username to see their stored signatures.")
        self.stored_hint.setStyleSheet("color: #5b6170")
        self.username.editingFinished.connect(self._load_stored)
        self.pad.changed.connect(lambda: self.draw.setChecked(True))
        self.stored.itemClicked.connect(lambda _i: self.use_stored.setChecked(True))

        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(clear)
        pad_buttons.addWidget(undo)
        pad_buttons.addStretch(1)
        pad_buttons.addWidget(self.keep)
        box = QGroupBox("Signature of Chair")
        inner = QVBoxLayout(box)
        inner.addWidget(self.draw)
        inner.addWidget(self.pad)
        inner.addLayout(pad_buttons)
        inner.addWidget(self.use_stored)
        inner.addWidget(self.stored)
        inner.addWidget(self.stored_hint)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.adopt_button = buttons.addButton(
            "Adopt and sign", QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.wire_form(buttons, self.save)
        self.pad.changed.connect(self._mark_dirty)

    def _suggest_review(self) -> None:
        if self._review_typed:
            return
        try:
            adopted = read_date(self.adopted_on, "Date adopted")
        except ValidationError:
            return
        if adopted:
            set_date(self.review_due, policy.default_review_date(adopted))

    def _load_stored(self) -> None:
        self.stored.clear()
        signatures = policy.signatures_for(self.ctx.db, self.username.text())
        for record in signatures:
            pixmap = QPixmap(str(self.ctx.db.files.path_for(record.sha256)))
            item = QListWidgetItem(QIcon(pixmap), f"kept {record.added_at:%d/%m/%Y}")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.stored.addItem(item)
        if signatures:
            self.stored.setCurrentRow(0)
            self.stored_hint.setText("Click the signature to use.")
        else:
            self.stored_hint.setText("No stored signatures for this username: draw it above.")

    def given(self) -> policy.Adoption:
        adopted_on = read_date(self.adopted_on, "Date adopted")
        review_due = read_date(self.review_due, "Review by")
        if adopted_on is None or review_due is None:
            raise ValidationError("Type both the adoption date and the review date (dd/mm/yyyy).")
        stored_id = None
        drawn = None
        if self.use_stored.isChecked():
            item = self.stored.currentItem()
            if item is None:
                raise ValidationError(
                    "Choose one of the Chair's stored signatures, or draw the signature instead."
                )
            stored_id = int(item.data(Qt.ItemDataRole.UserRole))
        else:
            drawn = self.pad.to_png()  # empty when nothing was drawn: the service explains
        return policy.Adoption(
            username=self.username.text().strip(),
            password=self.password.text(),
            adopted_on=adopted_on,
            review_due=review_due,
            drawn=drawn,
            stored_id=stored_id,
            keep_drawn=self.keep.isChecked(),
        )

    def save(self) -> None:
        try:
            self.adopted = policy.adopt(self.ctx.db, self.ctx.actor, self.version.id, self.given())
        except HsdeskError as exc:
            self.password.clear()
            show_error(self, exc, "Not adopted")
            return
        self.accept()
