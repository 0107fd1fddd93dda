"""The Policy tab, the adoption dialog with its signature pad, and the PDF preview."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from window_driving import answer_next_message_box, type_text, wait_for_reads

from hsdesk.domain import clock
from hsdesk.domain.attention import Area
from hsdesk.domain.policy import PolicyStatus
from hsdesk.services.policy import versions as policy
from hsdesk.ui.policy.adopt_dialog import AdoptDialog
from hsdesk.ui.policy.tab import PolicyTab


def _draft(ctx):
    return next(v for v in policy.list_versions(ctx.db) if v.status is PolicyStatus.DRAFT)


def _adopted(ctx):
    return next(v for v in policy.list_versions(ctx.db) if v.status is PolicyStatus.ADOPTED)


def _open_tab(qtbot, ctx, version_id):
    tab = PolicyTab(ctx)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    tab.tree.setCurrentItem(tab._item_for(version_id))
    return tab


def test_adopted_versions_show_read_only_and_drafts_edit(qtbot, ctx):
    adopted = _adopted(ctx)
    tab = _open_tab(qtbot, ctx, adopted.id)
    assert "Adopted 11/04/2018 by Margaret Ashworth" in tab.heading.text()
    assert tab.editor.title.isReadOnly() and not tab.editor.add_clause_button.isVisibleTo(tab)
    assert tab.pdf_button.isVisibleTo(tab) and not tab.adopt_button.isVisibleTo(tab)

    draft = _draft(ctx)
    tab.tree.setCurrentItem(tab._item_for(draft.id))
    assert not tab.editor.title.isReadOnly() and tab.adopt_button.isVisibleTo(tab)


def test_adding_and_moving_clauses_keeps_the_numbers_and_saves(qtbot, ctx):
    draft = _draft(ctx)
    tab = _open_tab(qtbot, ctx, draft.id)
    editor = tab.editor
    section = editor.tree.topLevelItem(0)
    editor.tree.setCurrentItem(section.child(0))
    qtbot.mouseClick(editor.add_clause_button, Qt.MouseButton.LeftButton)
    type_text(editor.body, "Sharing on WhatsApp groups follows this policy — même règle")
    assert editor.tree.currentItem().text(0) == "1.2"
    assert section.child(2).text(0) == "1.3"  # the old 1.2 moved down one
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.tree.currentItem().text(0) == "1.1"
    assert tab.save_button.isEnabled()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = policy.get_version(ctx.db, draft.id)
    assert saved.text.numbered()[0] == (
        "1.1",
        "Sharing on WhatsApp groups follows this policy — même règle",
    )
    assert saved.text.clause_count == draft.text.clause_count + 1
    assert not tab.save_button.isEnabled()


def test_leaving_a_changed_draft_asks_first(qtbot, ctx):
    draft = _draft(ctx)
    tab = _open_tab(qtbot, ctx, draft.id)
    type_text(tab.editor.title, " (revised)")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    tab.tree.setCurrentItem(tab._item_for(_adopted(ctx).id))
    assert seen and "not saved" in seen[0]
    assert tab.current.id == draft.id and tab.editor.dirty  # still there, typing kept


def test_comparison_lists_the_changed_clauses(qtbot, ctx):
    tab = _open_tab(qtbot, ctx, _draft(ctx).id)
    assert tab.compare.summary.text().startswith("2 changed, 1 added, 1 removed")
    assert tab.compare.model.rowCount() == 4
    tab.compare.only_changes.setChecked(False)
    assert tab.compare.model.rowCount() > 30


def test_the_chair_signs_on_the_pad_and_adopts(qtbot, ctx):
    draft = _draft(ctx)
    dialog = AdoptDialog(ctx, draft)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.signoff.username, "chair")
    type_text(dialog.signoff.password, "demo")
    pad = dialog.signoff.signature.pad
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(30, 300, 15):
        QTest.mouseMove(pad, QPoint(x, 60 + (x % 40) - 20))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
    assert not pad.is_empty()
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    # The draft drops the volunteers' logo clause: adoption waits for the Chair to say so.
    logo = dialog.links["volunteer_logo"]
    assert logo.currentText() == "— choose —"
    assert dialog.links["complaints"].currentData() == "1.8"
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    dialog.save()
    assert "no clause found for: Volunteers do not use the logo" in seen[0]
    assert _draft(ctx).status is PolicyStatus.DRAFT and dialog.signoff.username.text() == "chair"
    logo.setCurrentIndex(logo.findData(None))
    type_text(dialog.signoff.password, "demo")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    adopted = policy.get_version(ctx.db, draft.id)
    assert adopted.status is PolicyStatus.ADOPTED and adopted.adopted_on == clock.today()
    assert ctx.db.files.path_for(adopted.signature_sha256).read_bytes() == png


def test_a_refused_adoption_is_explained_and_the_form_kept(qtbot, ctx):
    dialog = AdoptDialog(ctx, _draft(ctx))
    qtbot.addWidget(dialog)
    dialog.links["volunteer_logo"].setCurrentIndex(dialog.links["volunteer_logo"].findData(None))
    type_text(dialog.signoff.username, "vdo")
    type_text(dialog.signoff.password, "demo")
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    dialog.save()
    assert "does not hold the office of Chair" in seen[0]
    assert dialog.signoff.username.text() == "vdo" and dialog.signoff.password.text() == ""
    assert _draft(ctx).status is PolicyStatus.DRAFT


def test_stored_signatures_are_offered_for_the_chair(qtbot, ctx):
    dialog = AdoptDialog(ctx, _draft(ctx))
    qtbot.addWidget(dialog)
    type_text(dialog.signoff.username, "chair")
    dialog.signoff.signature.load_stored()
    assert dialog.signoff.signature.stored.count() == 1
    dialog.signoff.signature.use_stored.setChecked(True)
    given = dialog.given()
    assert given.stored_id is not None and given.drawn is None


def test_signature_pad_undo_and_clear(qtbot):
    from hsdesk.ui.signature_pad import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    for y in (40, 80):
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, y))
        QTest.mouseMove(pad, QPoint(200, y))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, y))
    assert len(pad.strokes) == 2
    pad.undo()
    assert len(pad.strokes) == 1
    pad.clear()
    assert pad.is_empty() and pad.to_png() == b""


def test_the_signed_pdf_opens_in_the_preview(qtbot, ctx):
    from hsdesk.services.policy.pdf import signed_policy_pdf
    from hsdesk.ui.pdf_preview_dialog import PdfPreviewDialog

    version, data = signed_policy_pdf(ctx.db, ctx.actor, _adopted(ctx).id)
    dialog = PdfPreviewDialog(data, "policy.pdf", "Signed PDF")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 3


def test_import_of_a_malformed_file_names_the_line(qtbot, ctx, tmp_path):
    tab = PolicyTab(ctx)
    qtbot.addWidget(tab)
    bad = tmp_path / "policy.txt"
    bad.write_text("Confidentiality Policy\n\n1. Heading\nloose words\n", encoding="utf-8")
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    tab.import_file(bad)
    assert "Line 4 could not be read" in seen[0]
    assert len(policy.list_versions(ctx.db)) == 3


def test_the_signed_pdf_is_made_off_the_ui_thread_and_previewed(qtbot, ctx, monkeypatch):
    from hsdesk.ui import pdf_preview_dialog

    shown = []
    monkeypatch.setattr(
        pdf_preview_dialog.PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0
    )
    tab = _open_tab(qtbot, ctx, _adopted(ctx).id)
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    assert not tab.pdf_button.isEnabled()  # busy while the worker runs; the window still paints
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0].document.pageCount() == 3 and tab.pdf_button.isEnabled()


def test_the_first_start_offers_the_schemes_policy(qtbot, db, admin):
    from hsdesk.ui.context import AppContext

    tab = PolicyTab(AppContext(db, admin))
    qtbot.addWidget(tab)
    answer_next_message_box(QMessageBox.StandardButton.Yes)  # "Start with the scheme's policy?"
    answer_next_message_box()  # "Imported"
    tab.offer_scheme_policy()
    wait_for_reads(qtbot, tab)
    (draft,) = policy.list_versions(db)
    assert (draft.document_name, draft.status, draft.text.clause_count) == (
        "Social Networking Policy",
        PolicyStatus.DRAFT,
        24,
    )
    assert tab.current is not None and tab.current.id == draft.id


def test_the_tab_is_built_when_opened_and_closing_asks_about_a_changed_draft(qtbot, ctx):
    from hsdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.pages[Area.POLICY].built is None  # nothing paid for at start-up
    window.tabs.setCurrentWidget(window.pages[Area.POLICY])
    tab = window.pages[Area.POLICY].built
    assert tab is not None
    wait_for_reads(qtbot, tab)
    assert len(tab.records) == 3
    tab.tree.setCurrentItem(tab._item_for(_draft(ctx).id))
    type_text(tab.editor.title, " (revised)")
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()  # the typing is still there
    answer_next_message_box(QMessageBox.StandardButton.Save)
    window.close()
    assert not window.isVisible()
    assert _draft(ctx).text.title.endswith("(revised)")


def test_the_chosen_clause_says_what_hsdesk_checks_under_it(qtbot, ctx):
    from hsdesk.ui.policy.tab import PolicyTab

    tab = PolicyTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    wait_for_reads(qtbot, tab)
    adopted = next(r for r in tab.records if r.status is PolicyStatus.ADOPTED)
    tab._show(adopted)
    section = tab.editor.tree.topLevelItem(0)
    tab.editor.tree.setCurrentItem(section.child(6))
    assert tab.editor.body_label.text() == (
        "Clause 1.7 — hsdesk checks: Complaints raised online are answered at once, privately"
    )
    tab._show(_draft(ctx))
    tab.editor.tree.setCurrentItem(tab.editor.tree.topLevelItem(0).child(7))
    assert "Clause 1.8 — hsdesk will check (proposed): Complaints raised" in (
        tab.editor.body_label.text()
    )
