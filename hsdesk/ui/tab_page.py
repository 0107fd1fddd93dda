"""What every tab of the main window can do, so the window treats them all alike: refresh, ask
before leaving unsaved typing, show one of its pages, and keep its own layout between sessions."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QSplitter, QWidget


class TabPage(QWidget):
    """A tab's widget. Subclasses override what applies to them; the defaults do nothing."""

    state_key = ""  # where the tab keeps its layout in the settings, e.g. "content"

    def refresh(self) -> None:
        """Read again what the tab shows (on showing it, and on View → Refresh)."""

    def has_unsaved_typing(self) -> bool:
        """True while the tab holds typing not yet saved (another PC's changes then wait)."""
        return False

    def confirm_leave(self) -> bool:
        """True when it is safe to move away: nothing typed, or saved, or knowingly discarded."""
        return True

    def find_box(self) -> QLineEdit | None:
        """The box Ctrl+F goes to: the tab's search (its ``search``), if it has one."""
        box = getattr(self, "search", None)
        return box if isinstance(box, QLineEdit) else None

    def adding_button(self) -> QAbstractButton | None:
        """The button Ctrl+N presses: the tab's way to add a record, if it has one."""
        return None

    def show_page(self, page: str) -> None:
        """Show the part of the tab named ``page`` (for tabs of several pages)."""

    def splitters(self) -> dict[str, QSplitter]:
        """The tab's splitters by name; their positions are kept between sessions."""
        return {}

    def save_state(self) -> None:
        settings = QSettings()
        for name, splitter in self.splitters().items():
            settings.setValue(f"{self.state_key}/{name}", splitter.saveState())

    def restore_state(self) -> None:
        settings = QSettings()
        for name, splitter in self.splitters().items():
            state = settings.value(f"{self.state_key}/{name}")
            if state is not None:
                splitter.restoreState(state)
