"""The Content tab as the SDM and the VDO use it: queues, filters, preview, the approval and upload
sign-offs with right and wrong passwords."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_driving import wait_for_reads

from hsdesk.domain.content import ContentState
from hsdesk.domain.content_records import ContentQuery, Queue
from hsdesk.services.content import items as content
from hsdesk.services.content.queries import item_rows
from hsdesk.services.platform import auth
from hsdesk.ui.content.signoff_dialogs import DecisionDialog, UploadDialog
from hsdesk.ui.content.tab import ContentTab
from hsdesk.ui.context import AppContext


def first(ctx, queue: Queue):
    return content.get_item(ctx.db, item_rows(ctx.db, ContentQuery(queue), ctx.actor)[0].id)


def test_queues_filters_and_preview(qtbot, ctx):
    tab = ContentTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.count.text() == "Reading…"  # the list is read on a worker thread
    wait_for_reads(qtbot, tab)
    # The SDM starts on "Awaiting my approval": not her own item, which someone else approves.
    assert tab.current_queue() is Queue.AWAITING
    assert tab.model.total == 4 and tab.queues.item(0).text() == "Awaiting my approval  (4)"
    assert all(tab.model.row(r).author != "Helen Whitworth" for r in range(4))
    tab.queues.setCurrentRow(4)  # All content
    assert tab.model.total == 40 and tab.count.text() == "40 items"
    qtbot.keyClicks(tab.search, "Sponsored walk")
    qtbot.waitUntil(lambda: tab.model.total == 2)
    states = {tab.model.row(r).state for r in range(2)}
    assert states == {ContentState.SUBMITTED, ContentState.TAKEN_DOWN}
    tab.search.clear()
    tab.day_from.setText("31/02/2026")  # not a date: marked on the field, the list unchanged
    tab.apply_filters()
    assert "February 2026 has 28 days" in tab.day_from.toolTip() and tab.model.total == 40
    tab.day_from.clear()
    tab.apply_filters()
    assert tab.day_from.toolTip() == ""
    tab.queues.setCurrentRow(2)  # Takedowns
    qtbot.waitUntil(lambda: tab.model.total == 1)
    item = tab.panel.item
    assert item is not None and item.open_takedowns
    assert "Poppy Ali withdrew consent" in tab.panel.body.toPlainText()
    assert tab.panel.buttons["done"].isVisibleTo(tab) and tab.panel.photo_strip.count() == 1
    assert "Takedown needed" in tab.panel.timeline.toPlainText()
    tab.model.sort(1)  # by title, done by the database
    assert tab.model.query.sort.value == "title"


def test_a_search_kept_from_another_queue_says_it_hides_items(qtbot, ctx):
    """Switching queue keeps the search typed before: the count says how many it hides, and
    Clear filters shows them all."""
    tab = ContentTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_for_reads(qtbot, tab)
    assert tab.clear_button.isHidden()
    tab.queues.setCurrentRow(4)  # All content
    qtbot.keyClicks(tab.search, "Sponsored walk")
    qtbot.waitUntil(lambda: tab.model.total == 2)
    assert tab.count.text() == "2 of 40 match"
    tab.queues.setCurrentRow(2)  # Takedowns: its one item is not about the walk
    assert tab.model.total == 0 and tab.count.text() == "0 of 1 match"
    assert tab.clear_button.isVisibleTo(tab)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.search.text() == "" and tab.model.total == 1 and tab.count.text() == "1 item"
    assert tab.clear_button.isHidden() and tab.panel.item is not None


def test_the_sdm_signs_a_decision_and_a_wrong_password_changes_nothing(qtbot, ctx, refusals):
    item = first(ctx, Queue.AWAITING)
    dialog = DecisionDialog(ctx, item)
    qtbot.addWidget(dialog)
    for box in dialog.checks.values():
        box.setChecked(True)
    dialog.signoff.username.setText("sdm")
    dialog.signoff.password.setText("wrong")
    dialog.save()
    assert "password of the Scheme Development Manager is not right" in refusals[-1]
    assert dialog.signoff.password.text() == "" and dialog.signoff.username.text() == "sdm"
    assert content.get_item(ctx.db, item.id).state is ContentState.SUBMITTED
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert content.get_item(ctx.db, item.id).state is ContentState.APPROVED


def test_unticked_checklist_and_own_item_are_refused_in_words(qtbot, ctx, refusals):
    own = next(
        r
        for r in item_rows(ctx.db, ContentQuery(state=ContentState.SUBMITTED), ctx.actor)
        if r.author == "Helen Whitworth"
    )
    dialog = DecisionDialog(ctx, content.get_item(ctx.db, own.id))
    qtbot.addWidget(dialog)
    dialog.signoff.username.setText("sdm")
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert "confirm every point of the checklist" in refusals[-1]
    for box in dialog.checks.values():
        box.setChecked(True)
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert "Helen Whitworth wrote or changed this item" in refusals[-1]


def test_only_the_vdo_signs_an_upload_and_it_shows_on_the_timeline(qtbot, ctx, refusals):
    vdo = AppContext(ctx.db, auth.sign_in(ctx.db, "vdo", "demo"), demo=True)
    item = next(
        content.get_item(ctx.db, r.id)
        for r in item_rows(ctx.db, ContentQuery(Queue.READY), vdo.actor)
        if not content.get_item(ctx.db, r.id).problems
    )
    dialog = UploadDialog(vdo, item)
    qtbot.addWidget(dialog)
    dialog.url.setText("https://www.facebook.com/HomeStartOST/posts/999")
    dialog.signoff.username.setText("sdm")
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert "does not hold the office of Volunteer Development Officer" in refusals[-1]
    dialog.signoff.username.setText("vdo")
    dialog.signoff.password.setText("demo")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    after = content.get_item(ctx.db, item.id)
    assert after.state is ContentState.PUBLISHED
    assert after.publications[0].url.endswith("/posts/999")
    assert after.events[-1].who == "Daniel Okafor" and after.events[-1].signer


def test_the_approval_is_signed_from_the_keyboard_tab_leaving_the_reason_box(
    qtbot, qapp, ctx, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from hsdesk.ui import text_limits

    discard = QMessageBox.StandardButton.Discard  # should the test fail, closing never waits
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: discard)

    text_limits.install(qapp)
    item = first(ctx, Queue.AWAITING)
    dialog = DecisionDialog(ctx, item)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    for box in dialog.checks.values():
        box.setChecked(True)
    dialog.reason.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
    qtbot.keyClicks(dialog.reason, "Looks right")
    reached = []
    for _ in range(10):  # Tab on, as far as the username
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is dialog.signoff.username:
            break
    assert dialog.reason.toPlainText() == "Looks right"  # no tab typed into it
    assert reached[-1] is dialog.signoff.username
    qtbot.keyClicks(dialog.signoff.username, "sdm")
    qtbot.keyClick(dialog.signoff.username, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.signoff.password
    qtbot.keyClicks(dialog.signoff.password, "demo")
    qtbot.keyClick(dialog.signoff.password, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert content.get_item(ctx.db, item.id).state is ContentState.APPROVED


def test_the_filters_and_the_state_show_their_whole_words_on_a_laptop(qtbot, ctx):
    """In the main window on the laptop screen: "Any channel", not "Any char…"; the state
    column has room for "Approved · 1 to upload"."""
    from hsdesk.domain.attention import Area
    from hsdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.open_area(Area.CONTENT)
    tab = window.tab(Area.CONTENT)
    wait_for_reads(qtbot, tab)
    for combo in (tab.state, tab.channel, tab.author):
        words = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() >= words + 24, f"{combo.currentText()!r} is cut"
    state = tab.view.fontMetrics().horizontalAdvance("Approved · 1 to upload")
    assert tab.view.columnWidth(2) >= state + 12
    for n in range(tab.queues.count()):
        queue = tab.queues.item(n).text()
        assert tab.queues.width() >= tab.queues.fontMetrics().horizontalAdvance(queue) + 8


def test_an_item_that_left_the_queue_is_shown_with_no_other_row_highlighted(qtbot, ctx):
    """After "Takedown done…" the item leaves Takedowns: it is still shown, and no other row
    is highlighted as if it were the one shown."""
    tab = ContentTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_for_reads(qtbot, tab)
    tab.queues.setCurrentRow(list(Queue).index(Queue.READY))
    assert tab.model.total == 3 and tab.view.selectionModel().hasSelection()
    elsewhere = first(ctx, Queue.AWAITING)  # as an item just moved out of this queue
    tab._after(elsewhere)
    assert tab.panel.item is not None and tab.panel.item.id == elsewhere.id
    assert not tab.view.selectionModel().hasSelection()
