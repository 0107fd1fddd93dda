"""The committed modules under hsdesk/ui/forms are exactly what pyside6-uic makes of forms/*.ui."""

import pytest

from hsdesk.ui.forms import build


def test_every_form_has_a_module_and_recompiling_changes_nothing():
    pairs = build.targets()
    if not pairs:
        pytest.skip("forms/ is not beside this hsdesk (installed without a checkout)")
    for ui, module in pairs:
        assert module.exists(), f"{module.name} missing: run python -m hsdesk.ui.forms.build"
        assert build.compile_form(ui) == module.read_text(encoding="utf-8"), (
            f"{module.name} is stale"
        )
