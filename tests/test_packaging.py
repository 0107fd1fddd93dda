"""What the installed package must carry: resources, migrations, version in one place."""

import re
from pathlib import Path

import hsdesk
from hsdesk.db.schema import MIGRATIONS_DIR
from hsdesk.resources import resource

REPO = Path(__file__).resolve().parents[1]


def test_resources_are_found():
    for parts in [
        ("logo.png",),
        ("icons", "hsdesk.ico"),
        ("icons", "hsdesk.png"),
        ("icons", "urgent.png"),
        ("fonts", "DejaVuSans.ttf"),
        ("fonts", "DejaVuSans-Bold.ttf"),
        ("wording", "consent-v1.txt"),
        ("wording", "induction-acknowledgement-v1.txt"),
    ]:
        assert resource(*parts).stat().st_size > 0


def test_migrations_ship_with_the_package():
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("0001_*.py"))


def test_version_is_set_once():
    source = (REPO / "hsdesk" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(r'__version__ = "([^"]+)"', source)[1] == hsdesk.__version__


def test_the_bundle_carries_what_the_migration_scripts_import():
    # The migration scripts are data to PyInstaller, so the hsdesk modules they import must be
    # listed as hidden imports in build.spec, or the bundled CLI cannot create a database.
    imported = set()
    for script in [MIGRATIONS_DIR / "env.py", *(MIGRATIONS_DIR / "versions").glob("*.py")]:
        text = script.read_text(encoding="utf-8")
        imported |= set(re.findall(r"^from (hsdesk(?:\.\w+)+) import", text, re.MULTILINE))
        imported |= {
            f"{package}.{name}"
            for package, name in re.findall(r"^from (hsdesk(?:\.\w+)*) import (\w+)  #", text, re.M)
        }
    imported.discard("hsdesk.db")
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert imported, "the scripts import hsdesk modules"
    assert {module for module in imported if f'"{module}"' not in spec} <= {"hsdesk.db.base"}


def test_the_wheel_lists_every_package():
    # pyproject.toml names the packages one by one (resources/ ships as hsdesk._resources), so a
    # new feature package left off the list would be missing from an installed hsdesk.
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "hsdesk").rglob("__init__.py")
    }
    assert found <= listed


def test_the_windows_build_pins_every_runtime_dependency_within_its_range():
    """The Windows installer is built from .ci/windows/requirements.txt: a dependency added to
    pyproject.toml (or a range moved) must be pinned there too, or the installer ships without
    it."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["server"]]
    pinned = {}
    for line in (REPO / ".ci" / "windows" / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[canonicalize_name(name)] = version
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not pinned for the Windows build"
        assert requirement.specifier.contains(pinned[name]), f"{name}=={pinned[name]} ∉ {text}"
    for windows_only in ("tzdata", "pywin32-ctypes", "psycopg-binary", "pyinstaller"):
        assert windows_only in pinned
