"""A screen reader can name every button, box and list of every tab, for each of the five
demo accounts (each sees a different set of buttons), and every greyed-out button says why."""

from __future__ import annotations

import pytest
from accessibility import unexplained_greyed_out, unnamed
from window_driving import show_tab

from hsdesk.services.platform import auth
from hsdesk.ui.context import AppContext
from hsdesk.ui.main_window import MainWindow


@pytest.mark.parametrize("username", ["sdm", "vdo", "chair", "vicechair", "shazia"])
def test_every_widget_of_every_tab_has_a_name(qtbot, demo_db, username):
    ctx = AppContext(demo_db, auth.sign_in(demo_db, username, "demo"), demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    missing: list[str] = []
    for index in range(window.tabs.count()):
        page = show_tab(qtbot, window, index)
        missing += [f"{window.tabs.tabText(index)}: {w}" for w in unnamed(page)]
        missing += [
            f"{window.tabs.tabText(index)}: {b} greyed out, not saying why"
            for b in unexplained_greyed_out(page)
        ]
    assert not missing, "\n".join(missing)
