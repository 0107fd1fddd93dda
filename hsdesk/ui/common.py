"""Small helpers every dialog uses: plain-English errors, dd/mm/yyyy fields, combo values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.dates import format_date, parse_date
from hsdesk.domain.errors import AccountChanged, HsdeskError, ValidationError, WriteConflict
from hsdesk.domain.permissions import Permission, allowed
from hsdesk.domain.progress import Steps, Stopped
from hsdesk.domain.verdict import Verdict
from hsdesk.ui.colours import paint_text

W = TypeVar("W", bound=QWidget)


def allow_only(widget: QWidget, actor: Actor, permission: Permission) -> bool:
    """Enable ``widget`` for those ``permission`` allows; for anyone else grey it out with a
    tooltip that says who may. True if allowed."""
    ok = allowed(actor, permission)
    allow(widget, "" if ok else permission.value.refusal)
    return ok


def allow(widget: QWidget, why_not: str | Verdict) -> bool:
    """Enable ``widget`` when there is no reason not to; otherwise grey it out with the reason
    as its tooltip (its own tooltip comes back when it is enabled). True if enabled."""
    reason = (why_not.reason if not why_not else "") if isinstance(why_not, Verdict) else why_not
    usual = widget.property("usual_tooltip")
    if usual is None:
        usual = widget.toolTip()
        widget.setProperty("usual_tooltip", usual)
    widget.setEnabled(not reason)
    widget.setToolTip(reason or usual)
    return not reason


def buddy_label(text: str, widget: QWidget) -> QLabel:
    """A label that names ``widget`` (read out with it, and its & key moves to it)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def named(widget: W, name: str) -> W:
    """``widget`` with the name a screen reader reads for it (where no label names it)."""
    widget.setAccessibleName(name)
    return widget


def show_error(parent: QWidget | None, exc: Exception, title: str = "Cannot do that") -> None:
    """Explain a refusal; anything unexpected is still shown in words, never as a crash."""
    from PySide6.QtWidgets import QMessageBox

    from hsdesk.domain.secrets import redacted

    text = str(exc) if isinstance(exc, HsdeskError) else f"Something went wrong: {exc}"
    QMessageBox.warning(parent, title, redacted(text))
    if isinstance(exc, WriteConflict):
        refresh_main_window()
    if isinstance(exc, AccountChanged):
        end_session_in_main_window(exc)


def end_session_in_main_window(refusal: AccountChanged) -> None:
    """The signed-in account changed (switched off, a right removed): the window's session ends
    and the sign-in box comes back, so nothing is shown that the person may no longer see."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    for widget in QApplication.topLevelWidgets():
        session = getattr(widget, "session", None)
        if isinstance(widget, QMainWindow) and session is not None:
            session.account_changed(refusal)


def refresh_main_window() -> None:
    """Show again what the database holds now, in the main window (after another PC's change)."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    for widget in QApplication.topLevelWidgets():
        refresh = getattr(widget, "refresh", None)
        if isinstance(widget, QMainWindow) and callable(refresh):
            refresh()


def ask(dialog: QDialog) -> bool:
    """Run a dialog, then let Qt delete it (deleteLater): a dialog that listened to a tab's
    signals must not be deleted by Python dropping it (PySide6 6.12 corrupts memory)."""
    accepted = bool(dialog.exec())
    dialog.deleteLater()
    return accepted


def show_status(widget: QWidget, text: str) -> None:
    """A passing message in the main window's status bar (nothing if there is no window)."""
    from PySide6.QtWidgets import QMainWindow

    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 8000)


def read_chosen_file(parent: QWidget, path: Path) -> bytes | None:
    """The bytes of a file the user chose; None (having said why) if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        show_error(parent, ValidationError(f"{path.name} could not be read: {exc.strerror}."))
        return None


def read_text_file(path: Path) -> str:
    """A text file as typed on Windows or anywhere else: UTF-8 first, then Windows-1252."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_scan(parent: QWidget, path: Path) -> tuple[bytes, str] | None:
    """A chosen scan's bytes and media type, checked by the service's rule as it is attached;
    None (having said why and what to attach instead) if it will not do."""
    from hsdesk.services.platform.files import checked_scan

    data = read_chosen_file(parent, path)
    if data is None:
        return None
    try:
        return data, checked_scan(data, path.name)
    except HsdeskError as exc:
        show_error(parent, exc, "Not attached")
        return None


def progress_dialog(
    parent: QWidget, title: str, label: str, total: int, *, modal: bool
) -> QProgressDialog:
    """A progress dialog with Cancel for work on the worker thread; it stays until the caller
    closes it. ``modal`` blocks this window meanwhile (the window still paints)."""
    from PySide6.QtCore import Qt

    dialog = QProgressDialog(label, "Cancel", 0, total, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def close_progress(dialog: QProgressDialog) -> None:
    """Take a progress dialog away for good once its work is done. (Only hiding it is not
    enough: a QProgressDialog shows itself again when its minimum duration has passed since
    it was made, so a quick job would leave it standing at 100 % over the window.)"""
    dialog.reset()  # stops the timer that would show it
    dialog.hide()
    dialog.deleteLater()


def push_button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def list_editor_layout(
    dialog: QDialog, intro: QWidget, listing: QWidget, buttons: Sequence[QPushButton]
) -> None:
    """A dialog that edits a list: the words above, the list with its buttons down the right,
    and Close."""
    from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

    side = QVBoxLayout()
    for button in buttons:
        side.addWidget(button)
    side.addStretch(1)
    row = QHBoxLayout()
    row.addWidget(listing, 1)
    row.addLayout(side)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(row, 1)
    layout.addWidget(close_buttons(dialog))


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """Close, for a dialog that shows or edits lists: Enter in a search box or on the list
    presses Close, never a button beside the list (a focused button still takes Enter)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)  # the dialog's own
    box.rejected.connect(dialog.reject)
    box.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
    return box


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def read_date(edit: QLineEdit, field: str) -> date | None:
    return parse_date(edit.text(), field)


def set_date(edit: QLineEdit, value: date | None) -> None:
    edit.setText(format_date(value))


def hint_label(text: str = "") -> QLabel:
    """A word-wrapped line of guidance in the hint colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    paint_text(label)
    return label


VALUES_ATTR = "_hsdesk_values"


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], current: Any = None) -> None:
    """Fill a combo box; the Python values are kept as they are (Qt would turn enums into text)."""
    combo.clear()
    values = []
    for label, value in items:
        values.append(value)
        combo.addItem(label, value)
        if value == current:
            combo.setCurrentIndex(combo.count() - 1)
    setattr(combo, VALUES_ATTR, values)


def combo_value(combo: QComboBox) -> Any:
    values = getattr(combo, VALUES_ATTR, None)
    index = combo.currentIndex()
    return values[index] if values is not None and 0 <= index < len(values) else combo.currentData()


SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}


def stored_pixmap(db: Database, sha: str) -> QPixmap:
    """A stored image as a pixmap; an empty one when the stored copy is missing or damaged."""
    from hsdesk.services.platform.files import stored_bytes

    pixmap = QPixmap()
    data = stored_bytes(db, sha)
    if data is not None:
        pixmap.loadFromData(data)
    return pixmap


def open_stored_file(parent: QWidget, db: Database, sha: str, name: str) -> None:
    """Open a file from the store (a scan, a screenshot) in the program Windows uses for it,
    through a copy in the temporary folder; explain if the stored copy is missing."""
    import tempfile

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from hsdesk.db.filestore import write_atomic
    from hsdesk.services.platform.files import stored_bytes

    data = stored_bytes(db, sha)
    if data is None:
        show_error(
            parent,
            HsdeskError(
                f"The file {name} is missing or damaged in {db.files.where}. Restore it from a "
                "backup, or attach it again."
            ),
        )
        return
    from hsdesk.domain.scans import evidence_media_type

    kind = evidence_media_type(data) or ""
    suffix = Path(name).suffix or SUFFIXES.get(kind, ".bin")
    target = Path(tempfile.gettempdir()) / "hsdesk" / f"{sha[:16]}{suffix}"
    try:
        write_atomic(target, data)
    except OSError as exc:
        show_error(parent, exc, "Could not open the file")
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def export_csv_file(
    parent: QWidget,
    title: str,
    stem: str,
    write: Callable[[Path, Steps], int],
) -> None:
    """Ask where to save a register as CSV (dated file name in the home folder), then write it
    on the worker thread with ``write(path, steps)`` (which returns the rows
    written) behind a progress box with Cancel; say how many, or explain a refusal. Cancel
    leaves no file (and one already there as it was)."""
    from PySide6.QtWidgets import QFileDialog

    from hsdesk.ui.worker import run_with_progress

    name, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path.home() / f"{stem}-{clock.today():%Y-%m-%d}.csv"),
        "CSV files (*.csv)",
    )
    if not name:
        return
    box = progress_dialog(parent, title, f"Writing {Path(name).name}…", 0, modal=True)

    def on_progress(done: int, total: int, text: str) -> None:
        box.setMaximum(max(total, 1))
        box.setValue(min(done, total))
        box.setLabelText(text)

    def finished(count: int) -> None:
        close_progress(box)
        show_status(parent, f"Wrote {count:,} rows to {name}")

    def failed(exc: Exception) -> None:
        close_progress(box)
        if isinstance(exc, Stopped):
            show_status(parent, f"Export cancelled: {name} was not written")
        else:
            show_error(parent, exc, "Not exported")

    job = run_with_progress(
        lambda progress: write(Path(name), Steps(progress.report, progress.cancelled)),
        finished,
        failed,
        on_progress,
    )
    box.canceled.connect(job.cancel)
    box.show()
