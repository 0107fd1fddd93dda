"""Making induction packs in the background: one PDF to preview and print (recording the day
they were printed), or one file per person in a folder; with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from hsdesk.domain.errors import HsdeskError
from hsdesk.services.inductions import packs as induction_packs
from hsdesk.services.inductions import recording
from hsdesk.ui.common import ask, close_progress, progress_dialog, show_error, show_status
from hsdesk.ui.context import AppContext
from hsdesk.ui.operation import Operation
from hsdesk.ui.signals import emit
from hsdesk.ui.worker import Progress, run_with_progress


class PackMaker(QObject):
    busy_changed = Signal()  # packs started or finished
    recorded = Signal()  # printed packs were recorded

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.job: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def choose_output(self, count: int) -> Path | None | bool:
        """True for one PDF to preview and print, a folder for one file each, None to stop."""
        if count == 1:
            return True
        box = QMessageBox(self.window)
        box.setWindowTitle("Induction packs")
        box.setText(f"Make induction packs for {count} people.")
        box.setInformativeText(
            "One PDF opens in the preview to print every pack at once (each numbered on its "
            "own). One file per person saves a PDF for each into a folder you choose."
        )
        together = box.addButton("One PDF to &print", QMessageBox.ButtonRole.AcceptRole)
        separate = box.addButton("One &file per person…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is together:
            return True
        if clicked is separate:
            folder = QFileDialog.getExistingDirectory(
                self.window, "Save the packs in which folder?"
            )
            return Path(folder) if folder else None
        return None

    def make(self, person_ids: list[int]) -> None:
        if self.job is not None:
            show_error(
                self.window, HsdeskError("Packs are being made already. Wait for them to finish.")
            )
            return
        output = self.choose_output(len(person_ids))
        if output is None:
            return
        folder = output if isinstance(output, Path) else None
        db, actor = self.ctx.db, self.ctx.actor
        dialog = progress_dialog(
            self.window, "Induction packs", "Making induction packs…", len(person_ids), modal=True
        )
        self.job = dialog
        emit(self.busy_changed)

        def work(progress: Progress) -> induction_packs.PackBatch:
            return induction_packs.make_packs(
                db,
                actor,
                person_ids,
                separate=folder is not None,
                report=progress.report,
                cancelled=progress.cancelled,
            )

        def on_progress(done: int, total: int, name: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if name:
                dialog.setLabelText(f"Making the pack for {name} ({done + 1} of {total})…")

        job = run_with_progress(
            work, lambda batch: self._packs_made(batch, folder), self._packs_failed, on_progress
        )
        dialog.canceled.connect(job.cancel)

    def _finish_job(self) -> None:
        if self.job is not None:
            self.job.canceled.disconnect()
            close_progress(self.job)  # gone for good: never back at 100 % over the preview
        self.job = None
        emit(self.busy_changed)

    def _packs_failed(self, exc: Exception) -> None:
        self._finish_job()
        if not isinstance(exc, induction_packs.PacksCancelled):
            show_error(self.window, exc, "No packs made")

    def _packs_made(self, batch: induction_packs.PackBatch, folder: Path | None) -> None:
        self._finish_job()
        if batch.failed:
            details = "".join(f"<li><b>{name}</b>: {why}</li>" for name, why in batch.failed)
            QMessageBox.warning(
                self.window,
                "Some packs were not made",
                f"<p>{len(batch.people)} made. No pack for:</p><ul>{details}</ul>",
            )
        if folder is not None:
            try:
                written = induction_packs.write_separate(batch, folder)
            except OSError as exc:
                show_error(self.window, exc, "Packs not saved")
                return
            show_status(self.window, f"Saved {len(written)} induction packs in {folder}")
            return
        self.preview(batch)

    def preview(self, batch: induction_packs.PackBatch) -> None:
        from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

        who = batch.people[0].name if len(batch.people) == 1 else f"{len(batch.people)} people"
        title = f"Induction pack — {who}"

        def printed() -> None:
            if not Operation(
                self.window,
                lambda: recording.mark_printed(
                    self.ctx.db, self.ctx.actor, batch.person_ids, batch.version.id
                ),
                "Printed, but not recorded",
            ).run():
                return
            emit(self.recorded)

        ask(
            PdfPreviewDialog(
                batch.pdf,
                f"{title}.pdf",
                title,
                note=batch.summary + " Printing records today as the day the packs were printed.",
                parent=self.window,
                on_printed=printed,
            )
        )
