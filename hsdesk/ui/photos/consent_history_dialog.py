"""One person's consent records: record a new one, correct, withdraw, open the scan, print."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from hsdesk.services.people import persons as people
from hsdesk.ui.common import close_buttons
from hsdesk.ui.context import AppContext
from hsdesk.ui.photos.consent_list import ConsentList


class ConsentHistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        person = people.get_person(ctx.db, person_id)
        self.setWindowTitle(f"Photo consent records — {person.full_name}")
        self.resize(900, 420)
        self.list = ConsentList(ctx, person_id, self)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(close)
        self.list.refresh()

    def reject(self) -> None:
        self.list.table.save_state()
        super().reject()
