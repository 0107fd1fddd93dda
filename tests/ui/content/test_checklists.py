"""The checklist editors as an administrator uses them: each point shows the clauses of the adopted
version, and a point citing a clause is asked in the next approval."""

from __future__ import annotations

from window_driving import answer_next_message_box

from hsdesk.services.content import checklist
from hsdesk.services.reviews import template as review_template
from hsdesk.ui.content.checklist_dialog import ChecklistDialog, PointDialog
from hsdesk.ui.reviews.dialogs import TemplateItemDialog


def test_an_administrator_adds_an_approval_point_citing_a_clause(qtbot, ctx):
    dialog = ChecklistDialog(ctx)
    qtbot.addWidget(dialog)
    shown = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert "The Home-Start name and logo are used correctly (1.6) — built in" in shown
    add = PointDialog(ctx)
    qtbot.addWidget(add)
    seen: list[str] = []
    answer_next_message_box(seen=seen)
    add.save()  # nothing typed
    assert "Type the point the approver confirms" in seen[0]
    add.text.setText("Nothing shows where a family lives")
    add.clause.setCurrentIndex(add.clause.findData("1.1"))
    add.save()
    assert add.saved is not None and add.saved.clauses == "1.1"
    dialog.reload(add.saved.id)
    assert dialog.list.currentItem().text() == "Nothing shows where a family lives (1.1)"
    dialog.toggle()
    assert dialog.list.currentItem().text().endswith("— no longer asked")
    points, _cite = checklist.approval_checklist(ctx.db)
    assert "Nothing shows where a family lives" not in [p.text for p in points]


def test_a_template_item_ticks_the_clauses_it_checks(qtbot, ctx):
    item = next(
        t
        for t in review_template.list_template(ctx.db)
        if t.text == "The Home-Start name and logo are used correctly"
    )
    dialog = TemplateItemDialog(ctx, item)
    qtbot.addWidget(dialog)
    assert dialog.clauses.chosen() == ("1.6",)
    for row in range(dialog.clauses.count()):
        if dialog.clauses.item(row).data(256) == "2.8":
            dialog.clauses.item(row).setCheckState(dialog.clauses.item(row).checkState().Checked)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.clauses == "1.6, 2.8"
