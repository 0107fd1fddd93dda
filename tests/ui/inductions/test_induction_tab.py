"""The Inductions tab as the office uses it: the list and its filters, recording an
acknowledgement with a scanned slip, making packs with progress, and printing them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from window_driving import wait_for_reads

from hsdesk.domain.induction import AckMethod, InductionStatus
from hsdesk.services.inductions import packs as induction_packs
from hsdesk.services.inductions import records as inductions
from hsdesk.ui.inductions.dialogs import AcknowledgeDialog
from hsdesk.ui.inductions.pack_maker import PackMaker
from hsdesk.ui.inductions.tab import InductionTab
from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def tab(qtbot, ctx) -> InductionTab:
    widget = InductionTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    wait_for_reads(qtbot, widget)
    return widget


def _row(tab: InductionTab, first_name: str):
    return next(r for r in tab.rows if r.name.startswith(first_name))


def test_the_list_shows_who_is_outstanding_with_the_progress(tab):
    assert tab.progress is not None and tab.progress.text == "24 of 33 acknowledged"
    assert "6 overdue" in tab.summary.text() and tab.bar.value() == 24
    assert tab.table.proxy.rowCount() == 9  # outstanding and overdue, the default view
    tab.show_status.setCurrentIndex(1)  # overdue only
    assert tab.table.proxy.rowCount() == 6
    tab.show_status.setCurrentIndex(3)  # everyone
    assert tab.table.proxy.rowCount() == 33
    tab.kind.setCurrentIndex(1)  # trustees
    assert tab.table.proxy.rowCount() == 6
    tab.select_person(_row(tab, "Margaret").person_id)
    assert "Acknowledged the current version on 19/04/2018" in tab.standing.text()
    lines = [tab.records.item(n).text() for n in range(tab.records.count())]
    assert lines[0].startswith("Version 2: acknowledged 19/04/2018 (signed on screen)")
    assert lines[1].startswith("Version 1: acknowledged")
    tab.records.setCurrentRow(0)
    assert tab.evidence_button.isEnabled()


def test_recording_an_acknowledgement_with_a_scanned_slip(qtbot, tab, ctx, tmp_path, refusals):
    farah = _row(tab, "Farah")
    assert farah.status is InductionStatus.OVERDUE
    scan = tmp_path / "slip.png"
    scan.write_bytes(PNG)
    dialog = AcknowledgeDialog(ctx, tab.rows, None, scan, tab)
    qtbot.addWidget(dialog)
    assert dialog.method.currentText() == AckMethod.PAPER.label and "slip.png" in (
        dialog.scan_label.text()
    )
    dialog.reference.setText(f"IND-{farah.person_id}-V{tab.progress.version_id}")
    dialog._reference_typed(dialog.reference.text())
    assert dialog.person.currentText().startswith("Farah Iqbal")
    dialog.acknowledged_on.setText("32/11/2026")
    dialog.save()
    assert (
        refusals
        and "November 2026 has 30 days, so there is no day 32" in refusals[-1]
        and dialog.saved is None
    )
    dialog.acknowledged_on.setText("24/11/2026")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.evidence_name == "slip.png"
    tab.refresh()
    wait_for_reads(qtbot, tab)
    assert _row(tab, "Farah").status is InductionStatus.DONE
    record = inductions.history(ctx.db, farah.person_id)[0]
    assert record.method is AckMethod.PAPER and record.recorded_by == "sdm"


def test_a_slip_reference_for_no_one_changes_nothing_and_says_why(qtbot, tab, ctx, refusals):
    ruth = _row(tab, "Ruth")
    dialog = AcknowledgeDialog(ctx, tab.rows, ruth.person_id, None, tab)
    qtbot.addWidget(dialog)
    chosen = (dialog.person.currentText(), dialog.version.currentText())
    dialog.reference.setText(f"IND-99999-V{tab.progress.version_id}")  # the version exists
    dialog._reference_typed()
    assert (dialog.person.currentText(), dialog.version.currentText()) == chosen
    assert dialog.reference_note.text() == (
        "No one in the list has slip " + dialog.reference.text() + ": check the number on the slip."
    )
    dialog.acknowledged_on.setText("24/11/2026")
    dialog.save()
    assert "No one in the list has slip" in refusals[-1] and dialog.saved is None
    dialog.reference.setText("IND-99")
    dialog._reference_typed()
    assert "type it as printed, e.g. IND-12-V2" in dialog.reference_note.text()
    dialog.reference.clear()
    dialog._reference_typed()
    assert dialog.reference_note.isHidden()


def test_signing_on_screen_needs_a_signature(qtbot, tab, ctx, refusals):
    ruth = _row(tab, "Ruth")
    dialog = AcknowledgeDialog(ctx, tab.rows, ruth.person_id, None, tab)
    qtbot.addWidget(dialog)
    dialog.set_method(AckMethod.SCREEN)
    assert dialog.evidence_pages.currentIndex() == 1
    dialog.save()
    assert "Sign in the signature box" in refusals[-1]


def test_a_batch_of_packs_is_made_with_progress_and_printing_records_it(
    qtbot, tab, ctx, monkeypatch
):
    shown: list[int] = []

    def preview(self: PdfPreviewDialog) -> int:
        shown.append(self.document.pageCount())
        assert self.on_printed is not None
        self.on_printed()  # as if the pages went to the printer
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", preview)
    monkeypatch.setattr(PackMaker, "choose_output", lambda self, count: True)
    tab.print_outstanding()
    assert tab.packs.busy and not tab.print_button.isEnabled()  # busy; the window paints
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0] == 9 * 4  # nine packs of a cover, two policy pages and the form
    assert not tab.packs.busy
    wait_for_reads(qtbot, tab)  # the list is read again once printing is recorded
    printed = [r for r in tab.rows if r.pack_printed_on is not None]
    assert {r.name for r in printed} >= {"Farah Iqbal", "Tom Brierley", "Ruth Lomax"}


def test_the_progress_box_is_gone_while_the_preview_is_looked_at(qtbot, tab, monkeypatch):
    """Packs for two people: while the preview is open (longer than the progress box waits
    before showing itself), no progress box stands at 100 % over it."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QProgressDialog

    standing: list[list[str]] = []

    def look(self: PdfPreviewDialog) -> int:
        loop = QEventLoop()
        QTimer.singleShot(700, loop.quit)  # a person looking at the pages
        loop.exec()
        boxes = [b for b in tab.window().findChildren(QProgressDialog) if b.isVisible()]
        standing.append([b.labelText() for b in boxes])
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", look)
    monkeypatch.setattr(PackMaker, "choose_output", lambda self, count: True)
    tab.show()
    tab.packs.make([_row(tab, "Ruth").person_id, _row(tab, "Tom").person_id])
    qtbot.waitUntil(lambda: bool(standing), timeout=20_000)
    assert standing == [[]]


def test_packs_one_file_per_person_go_into_a_folder(qtbot, tab, monkeypatch, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    monkeypatch.setattr(PackMaker, "choose_output", lambda self, count: folder)
    tab.packs.make([_row(tab, "Ruth").person_id, _row(tab, "Tom").person_id])
    qtbot.waitUntil(lambda: not tab.packs.busy, timeout=20_000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Induction pack - Ruth Lomax.pdf", "Induction pack - Tom Brierley.pdf"]


def test_the_print_path_draws_every_page_on_the_printer(qtbot, ctx, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    batch = induction_packs.make_packs(ctx.db, ctx.actor, [1, 2])
    dialog = PdfPreviewDialog(batch.pdf, "packs.pdf", "Packs")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # the path, not the dpi, is tested
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert dialog.render_to(printer)
    expected = len(PdfReader(io.BytesIO(batch.pdf)).pages)
    assert len(PdfReader(str(target)).pages) == expected == dialog.document.pageCount()
