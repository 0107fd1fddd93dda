"""What another PC saves appears on this one within about two seconds, without Refresh, keeping
the selection, and never while this PC holds unsaved typing."""

from __future__ import annotations

from window_driving import wait_for_reads

from hsdesk.db.engine import Database
from hsdesk.domain.attention import Area
from hsdesk.domain.enums import PersonKind
from hsdesk.domain.records import PersonInput
from hsdesk.services.people import persons as people
from hsdesk.ui.main_window import MainWindow


def test_a_person_added_on_another_pc_appears_with_my_selection_kept(
    qtbot, ctx, db_location, admin, tmp_path
):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.open_area(Area.PEOPLE.value)
    tab = window.tab(Area.PEOPLE)
    wait_for_reads(qtbot, tab)
    tab.table.select_where(lambda p: p.last_name == "Whitworth")
    shown = tab.table.proxy.rowCount()
    window.listen_for_changes()
    other_pc = Database(db_location, local_dir=tmp_path / "pc-b")
    try:
        people.add_person(other_pc, admin, PersonInput("Nia", "Ward", PersonKind.VOLUNTEER))
        qtbot.waitUntil(lambda: tab.table.proxy.rowCount() == shown + 1, timeout=3000)
        selected = tab.table.selected_record()
        assert selected is not None and selected.last_name == "Whitworth"
        assert "another PC" in window.statusBar().currentMessage()
    finally:
        window.stop_listening()
        other_pc.dispose()


def test_changes_wait_while_this_pc_holds_unsaved_typing(qtbot, ctx, db_location, admin, tmp_path):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.open_area(Area.PEOPLE.value)
    tab = window.tab(Area.PEOPLE)
    wait_for_reads(qtbot, tab)
    shown = tab.table.proxy.rowCount()
    typing = [True]
    tab.has_unsaved_typing = lambda: typing[0]  # as a tab with a half-typed note would say
    window.listen_for_changes()
    other_pc = Database(db_location, local_dir=tmp_path / "pc-b")
    try:
        people.add_person(other_pc, admin, PersonInput("Nia", "Ward", PersonKind.VOLUNTEER))
        qtbot.waitUntil(
            lambda: "once you save" in window.statusBar().currentMessage(), timeout=3000
        )
        assert tab.table.proxy.rowCount() == shown  # nothing moved under the typing
        typing[0] = False  # saved
        qtbot.waitUntil(lambda: tab.table.proxy.rowCount() == shown + 1, timeout=3000)
    finally:
        window.stop_listening()
        other_pc.dispose()
