"""The committed modules under hsdesk/ui/forms are exactly what pyside6-uic makes of forms/*.ui."""

from pathlib import Path

from hsdesk.ui.forms import build

REPO = Path(__file__).resolve().parents[2]


def test_every_form_has_a_module_and_recompiling_changes_nothing():
    pairs = build.targets(REPO / "forms", REPO / "hsdesk" / "ui" / "forms")
    assert len(pairs) >= 6
    for ui, module in pairs:
        assert module.exists(), f"{module.name} missing: run python -m hsdesk.ui.forms.build"
        assert build.compile_form(ui) == module.read_text(encoding="utf-8"), (
            f"{module.name} is stale"
        )


def test_the_installed_package_carries_the_same_forms():
    installed = Path(build.__file__).resolve().parent
    for _ui, module in build.targets(REPO / "forms", REPO / "hsdesk" / "ui" / "forms"):
        assert (installed / module.name).read_text(encoding="utf-8") == module.read_text(
            encoding="utf-8"
        )
