"""Compile the Designer forms: forms/FEATURE/x.ui -> hsdesk/ui/forms/ui_x.py (run from a checkout).

python -m hsdesk.ui.forms.build          # rewrite the generated modules
python -m hsdesk.ui.forms.build --check  # exit 1 if any generated module is stale
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMS = HERE.parents[2] / "forms"


def uic_command() -> list[str]:
    found = shutil.which("pyside6-uic") or str(Path(sys.executable).parent / "pyside6-uic")
    return [found]


def targets(forms: Path = FORMS, modules: Path = HERE) -> list[tuple[Path, Path]]:
    """Each Designer source with the module generated from it."""
    return [(ui, modules / f"ui_{ui.stem}.py") for ui in sorted(forms.rglob("*.ui"))]


def compile_form(ui: Path) -> str:
    result = subprocess.run(
        [*uic_command(), "--generator", "python", str(ui)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main(argv: list[str]) -> int:
    stale = []
    for ui, module in targets():
        code = compile_form(ui)
        if "--check" in argv:
            if not module.exists() or module.read_text(encoding="utf-8") != code:
                stale.append(module.name)
        else:
            module.write_text(code, encoding="utf-8")
    for name in stale:
        print(f"stale: {name} (run python -m hsdesk.ui.forms.build)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
