"""hsdesk-cli on whichever engine the suite runs on (a file, or the server given with --db-url):
two PCs (two home folders) share one database, and the password never appears in any output."""

from __future__ import annotations

import json
import subprocess

from sqlalchemy.engine import make_url
from test_cli import assert_one_line_error, run


def _pc(tmp_path, name: str) -> dict[str, str]:
    """The environment of a PC of its own: its own home and data folders."""
    home = tmp_path / name
    home.mkdir()
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "LOCALAPPDATA": str(home)}


def _no_secret(location: str, *results: subprocess.CompletedProcess) -> None:
    password = make_url(location).password if "://" in location else None
    for result in results:
        assert "Traceback" not in result.stderr
        if password:
            assert password not in result.stdout + result.stderr


def test_two_pcs_share_one_database_from_the_command_line(db_location, tmp_path):
    pc_a, pc_b = _pc(tmp_path, "pc-a"), _pc(tmp_path, "pc-b")
    pdf = tmp_path / "policy.pdf"
    init = run("--db", db_location, "init", env=pc_a)
    demo = run("--db", db_location, "demo", env=pc_a)
    exported = run("--db", db_location, "export", "policy", "--out", str(pdf), env=pc_a)
    assert init.returncode == demo.returncode == exported.returncode == 0, exported.stderr
    verified = run("--db", db_location, "verify", str(pdf), env=pc_b)
    checked = run("--db", db_location, "check", env=pc_b)
    status = run("--db", db_location, "status", "--json", env=pc_b)
    assert verified.returncode == 0, verified.stderr
    assert "Matches Social Networking Policy version 2" in verified.stdout
    assert checked.returncode == 0 and checked.stdout.splitlines()[0] == "ok", checked.stdout
    assert json.loads(status.stdout)["items"]
    _no_secret(db_location, init, demo, exported, verified, checked, status)
    if "://" in db_location:
        assert "not checked: the database's own pages" in checked.stdout
        assert "***" in init.stdout  # the address is shown, without its password


def test_a_wrong_server_password_is_one_line_without_the_password(db_location, tmp_path):
    if "://" not in db_location:
        location = str(tmp_path / "missing" / "x.db")
        assert_one_line_error(run("--db", location, "check"), 1, "init")
        return
    wrong = make_url(db_location).set(password="Wr0ng-Secret").render_as_string(hide_password=False)
    result = run("--db", wrong, "status")
    assert_one_line_error(result, 1, "the user name or password")
    assert "Wr0ng-Secret" not in result.stderr + result.stdout


def test_a_subject_access_export_from_the_command_line(db_location, tmp_path):
    import zipfile

    pc = _pc(tmp_path, "pc")
    out = tmp_path / "person.zip"
    assert run("--db", db_location, "demo", env=pc).returncode == 0
    made = run("--db", db_location, "person", "export", "40", "--out", str(out), env=pc)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Wrote what hsdesk holds about Kirsty Mellor to ")
    with zipfile.ZipFile(out) as archive:
        assert "summary.pdf" in archive.namelist()
    not_zip = run("--db", db_location, "person", "export", "40", "--out", "x.txt", env=pc)
    assert_one_line_error(not_zip, 2, "--out should name a .zip file")
    nobody = run("--db", db_location, "person", "export", "99999", "--out", str(out), env=pc)
    assert_one_line_error(nobody, 1, "there is no person 99999")
    _no_secret(db_location, made, not_zip, nobody)


def test_a_person_is_erased_from_the_command_line_and_check_says_ok(db_location, tmp_path):
    pc = _pc(tmp_path, "pc")
    assert run("--db", db_location, "demo", env=pc).returncode == 0
    listed = run("--db", db_location, "person", "retention", env=pc)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("1 record past their retention date:\n  person:36 ")
    assert "Kate Radcliffe, volunteer: due since " in listed.stdout
    erased = run(
        "--db", db_location, "person", "erase", "35", "--reason", "She asked us to", env=pc
    )
    assert erased.returncode == 0, erased.stderr
    assert erased.stdout.startswith("Erased person 35's details (erasure 1): ")
    again = run("--db", db_location, "person", "erase", "35", "--reason", "again", env=pc)
    assert_one_line_error(again, 1, "was erased on")
    active = run("--db", db_location, "person", "erase", "20", "--reason", "asked", env=pc)
    assert_one_line_error(active, 1, "Record that they have left")
    no_reason = run("--db", db_location, "person", "erase", "35", env=pc)
    assert_one_line_error(no_reason, 2, "--reason")
    checked = run("--db", db_location, "check", "--full", env=pc)
    assert checked.returncode == 0 and checked.stdout.splitlines()[0] == "ok", checked.stdout
    _no_secret(db_location, erased, again, active, no_reason, checked)
