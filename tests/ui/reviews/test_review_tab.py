"""Completing a quarterly review in the Reviews tab: start it, answer, attach a screenshot, add an
action, and have the Vice Chair sign it off; afterwards it is read-only."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from window_driving import wait_for_reads

from hsdesk.domain.review import ItemResult, ReviewStatus
from hsdesk.services.reviews import quarterly as reviews
from hsdesk.ui.reviews.dialogs import ActionDialog, SignoffDialog
from hsdesk.ui.reviews.tab import ReviewTab


def _pick(tab: ReviewTab, starts: str, group: str) -> None:
    for i in range(tab.checklist.topLevelItemCount()):
        top = tab.checklist.topLevelItem(i)
        if top.text(0) != group:
            continue
        for j in range(top.childCount()):
            if starts in top.child(j).text(0):
                tab.checklist.setCurrentItem(top.child(j))
                return
    raise AssertionError(f"no item {starts!r} under {group!r}")


def test_working_through_the_current_quarter_review(qtbot, ctx):
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    rows = reviews.quarter_rows(ctx.db)
    assert rows[0].status is ReviewStatus.IN_PROGRESS
    assert [r.status for r in rows[1:]] == [ReviewStatus.SIGNED_OFF] * 4
    # The current quarter's review is under way: answer one item with a note.
    _pick(tab, "Content is up to date", "Instagram")
    assert tab.item is not None and tab.item.result is None
    tab.item_panel.result_buttons[ItemResult.ISSUE].setChecked(True)
    assert reviews.get_review(ctx.db, tab.review.id).items[tab.item.position - 1].result is (
        ItemResult.ISSUE
    )
    tab.item_panel.notes.setPlainText("Two posts advertise an event that has passed.")
    assert tab.item_panel.save_notes_button.isEnabled()
    _pick(tab, "Privacy settings", "Instagram")  # moving on saves the notes
    saved = [i for i in reviews.get_review(ctx.db, tab.review.id).items if i.notes]
    assert any(i.notes.startswith("Two posts") for i in saved)

    # A screenshot pasted from the clipboard becomes evidence with a thumbnail.
    out = io.BytesIO()
    Image.new("RGB", (200, 120), "teal").save(out, "PNG")
    QApplication.clipboard().setImage(QImage.fromData(out.getvalue()))
    tab.item_panel.paste_screenshot()
    assert (
        tab.item_panel.evidence.count() == 1 and not tab.item_panel.evidence.item(0).icon().isNull()
    )

    # An action for the issue.
    _pick(tab, "Content is up to date", "Instagram")
    dialog = ActionDialog(ctx, tab.review, tab.item.id, tab.item.label, tab)
    dialog.what.setPlainText("Archive the out-of-date event posts")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    tab._reload()
    wait_for_reads(qtbot, tab)
    assert tab.item is not None and len(tab.item.actions) == 1


def test_a_refused_signoff_explains_and_changes_nothing(qtbot, ctx, refusals):
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    dialog = SignoffDialog(ctx, tab.review, tab)
    qtbot.addWidget(dialog)
    dialog.signoff.username.setText("chair")
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert refusals and "can be signed off from that day" in refusals[-1]
    assert (
        dialog.signoff.password.text() == ""
        and reviews.get_review(ctx.db, tab.review.id).signed_at is None
    )


def test_a_signed_off_review_is_read_only_in_the_tab(qtbot, ctx):
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    wait_for_reads(qtbot, tab)
    tab.table.selectRow(1)
    assert tab.review is not None and tab.review.read_only
    _pick(tab, "Content is up to date", "Website")
    assert not tab.item_panel.result_buttons[ItemResult.PASS].isEnabled()
    assert tab.item_panel.notes.isReadOnly()
    assert not tab.item_panel.add_action_button.isEnabled() and not tab.signoff_button.isEnabled()
    assert tab.pdf_button.text().replace("&", "") == "Signed PDF…"


def test_answering_an_item_does_not_move_its_buttons(qtbot, ctx):
    """The next click lands where the person aims: Pass, Issue found and Not applicable stay
    where they were once the item is answered (who answered is shown beside them)."""
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_for_reads(qtbot, tab)
    _pick(tab, "Content is up to date", "Instagram")
    panel = tab.item_panel
    issue = panel.result_buttons[ItemResult.ISSUE]
    before = issue.mapTo(tab, issue.rect().topLeft())
    issue.setChecked(True)
    wait_for_reads(qtbot, tab)
    qtbot.waitUntil(lambda: panel.answered.text().startswith("Answered by"))
    QApplication.processEvents()
    assert issue.mapTo(tab, issue.rect().topLeft()) == before
