"""hsdesk-cli through real subprocesses: outputs, exit codes, one-line errors, untouched files."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hsdesk import __version__
from hsdesk.domain import clock

pytestmark = pytest.mark.sqlite_only(
    "drives hsdesk-cli on database files it makes, copies and damages (test_cli_on_both_engines "
    "runs it on the server)"
)

SCRIPT = Path(sys.executable).parent / ("hsdesk-cli.exe" if os.name == "nt" else "hsdesk-cli")
CLI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "hsdesk.cli"]


def run(
    *args: str, env: dict | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "HSDESK_DB"}
    full_env.update(env or {})
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin if stdin is not None else "",
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hsdesk-cli: error: "), result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert run("--db", str(path), "demo").returncode == 0
    return path


def copy_db(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "copy.db"
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    if (src.parent / "files").is_dir():  # the stored files (signatures…) go with the database
        shutil.copytree(src.parent / "files", tmp_path / "files")
    return dst


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"hsdesk-cli {__version__}"


def test_init_is_idempotent(tmp_path):
    path = tmp_path / "new.db"
    assert run("--db", str(path), "init").returncode == 0
    second = run("--db", str(path), "init")
    assert second.returncode == 0 and "ready" in second.stdout
    assert run("--db", str(path), "check").stdout.strip() == "ok"


def test_hsdesk_db_environment_variable_chooses_the_file(tmp_path):
    path = tmp_path / "env.db"
    assert run("init", env={"HSDESK_DB": str(path)}).returncode == 0
    assert path.exists()


def test_demo_refuses_a_non_empty_database_unless_forced(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    assert_one_line_error(run("--db", str(path), "demo"), 1, "--force")
    forced = run("--db", str(path), "demo", "--force")
    assert forced.returncode == 0 and "backed up to" in forced.stdout
    assert run("--db", str(path), "check").stdout.strip() == "ok"


def test_status_text_and_json(demo_file):
    text = run("--db", str(demo_file), "status")
    assert text.returncode == 0 and "Priya Shah (Vice Chair) cannot sign in" in text.stdout
    assert "Social Networking Policy: review overdue since 31/03/2021" in text.stdout
    doc = json.loads(run("--db", str(demo_file), "status", "--json").stdout)
    titles = [item["title"] for item in doc["items"]]
    severities = [item["severity"] for item in doc["items"]]
    # Most urgent first: the complaint without a private reply at the very top (clause 1.7 says
    # "immediately"), then the open takedown, photos that lost clearance and the overdue review,
    # then warnings.
    assert severities == sorted(severities, key=["urgent", "warning", "info"].index)
    assert titles[:4] == [
        "Complaint C-10 on Facebook page: no private reply, waiting 1 day 6 h",
        "Take down now: 1 item online, 1 overdue",
        "7 photos lost clearance",
        "Social Networking Policy: review overdue since 31/03/2021",
    ]
    assert [i["area"] for i in doc["items"][:2]] == ["Registers", "Content"]
    # The registers: the waiting complaint with its age, the two declarations to confirm again;
    # nothing about breaches without a permitted --user.
    registers = doc["registers"]
    assert [(c["complaint"], c["overdue"]) for c in registers["complaints_awaiting_reply"]] == [
        ("C-10", True)
    ]
    assert 29.9 <= registers["complaints_awaiting_reply"][0]["hours_waiting"] <= 31
    assert len(registers["connections_to_confirm"]) == 2
    assert "2 declared connections due to be confirmed again" in titles
    assert "breaches_open" not in registers
    assert not any("breach" in t for t in titles)
    # Approvals waiting, oldest first, each with its author and how long it has waited.
    waiting = doc["approvals_waiting"]
    assert len(waiting) == 5 and "5 items awaiting approval" in titles
    assert [w["submitted_at"] for w in waiting] == sorted(w["submitted_at"] for w in waiting)
    assert {"Helen Whitworth", "Claire Holden"} <= {w["author"] for w in waiting}
    assert waiting[0]["waiting"].endswith("days")
    assert "Priya Shah (Vice Chair) cannot sign in" in titles
    # The consent items: expiring soon and unidentified people, each naming the Photos tab.
    consent_items = [i for i in doc["items"] if i["area"] == "Photos"]
    assert [i["title"] for i in consent_items] == [
        "7 photos lost clearance",
        "Photo consent ends within 30 days for 4 people",
        "3 photos with unidentified people",
    ]
    assert "withdrew consent on" in consent_items[0]["detail"]
    assert set(doc["items"][0]) == {"severity", "title", "detail", "area", "page"}
    assert (doc["items"][0]["page"], doc["items"][1]["page"]) == ("Complaints", "")


@pytest.mark.parametrize("content", [os.urandom(4096), b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"])
def test_check_refuses_a_file_that_is_not_a_database_and_leaves_it(tmp_path, content):
    path = tmp_path / "scan.db"
    path.write_bytes(content)
    result = run("--db", str(path), "check")
    assert_one_line_error(result, 1, "not an hsdesk database")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.db"]


def test_check_reports_a_tampered_audit_entry(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 7")
    conn.close()
    result = run("--db", str(path), "check")
    assert result.returncode == 1
    assert result.stdout.strip() == "audit entry 7 was altered after it was written"


def test_check_full_finds_an_entry_edited_after_this_pc_checked_it(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    assert run("--db", str(path), "check").stdout.strip() == "ok"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 7")
    conn.close()
    assert run("--db", str(path), "check").returncode == 0  # verified here before: not re-read
    result = run("--db", str(path), "check", "--full")
    assert result.returncode == 1
    assert result.stdout.strip() == "audit entry 7 was altered after it was written"


def test_check_on_a_missing_file_says_how_to_create_it(tmp_path):
    path = tmp_path / "missing.db"
    assert_one_line_error(run("--db", str(path), "check"), 1, "init")
    assert not path.exists()


def test_newer_database_is_refused(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    before = path.read_bytes()
    assert_one_line_error(run("--db", str(path), "status"), 1, "written by a newer hsdesk")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        [],
        ["user"],
        ["user", "add", "x"],
        ["status", "--nope"],
        ["user", "add", "x", "--person", "one"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path):
    assert_one_line_error(run("--db", str(tmp_path / "u.db"), *args), 2, "")


def test_user_add_and_passwd(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    pw = tmp_path / "pw.txt"
    pw.write_text("long enough password\n", encoding="utf-8")
    with sqlite3.connect(path) as conn:
        priya = conn.execute("SELECT id FROM person WHERE first_name = 'Priya'").fetchone()[0]
    conn.close()
    added = run(
        "--db",
        str(path),
        "user",
        "add",
        "p.shah",
        "--person",
        str(priya),
        "--password-file",
        str(pw),
    )
    assert added.returncode == 0 and "Priya Shah" in added.stdout
    assert "cannot sign in" not in run("--db", str(path), "status").stdout
    assert_one_line_error(
        run(
            "--db",
            str(path),
            "user",
            "add",
            "p.shah",
            "--person",
            str(priya),
            "--password-file",
            str(pw),
        ),
        1,
        "already has the account",
    )
    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    assert_one_line_error(
        run("--db", str(path), "user", "passwd", "p.shah", "--password-file", str(short)),
        1,
        "at least 8 characters",
    )
    assert (
        run("--db", str(path), "user", "passwd", "p.shah", stdin="another good one\n").returncode
        == 0
    )
    assert_one_line_error(
        run("--db", str(path), "user", "passwd", "nobody", stdin="another good one\n"),
        1,
        "no account called 'nobody'",
    )
    assert_one_line_error(run("--db", str(path), "user", "passwd", "p.shah"), 1, "--password-file")
    assert run("--db", str(path), "check").stdout.strip() == "ok"


def test_export_and_verify_the_signed_policy(tmp_path):
    db = str(tmp_path / "d.db")
    pdf = tmp_path / "p.pdf"
    assert run("--db", db, "demo").returncode == 0
    exported = run("--db", db, "export", "policy", "--out", str(pdf))
    assert exported.returncode == 0, exported.stderr
    verified = run("--db", db, "verify", str(pdf))
    assert verified.returncode == 0, verified.stderr
    assert "Matches Social Networking Policy version 2, adopted 11/04/2018" in verified.stdout

    data = bytearray(pdf.read_bytes())
    for position in (len(data) // 3, len(data) - 40):  # in the text, and after the signature
        altered = tmp_path / f"altered-{position}.pdf"
        changed = bytearray(data)
        changed[position] = (changed[position] + 1) % 256
        altered.write_bytes(changed)
        assert_one_line_error(run("--db", db, "verify", str(altered)), 1, "is not valid")

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert_one_line_error(run("--db", db, "verify", str(unsigned)), 1, "is not valid")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    assert_one_line_error(run("--db", db, "verify", str(text)), 1, "not a PDF")
    assert_one_line_error(
        run("--db", db, "export", "policy", "--version", "3", "--out", str(tmp_path / "x.pdf")),
        1,
        "is a draft",
    )
    assert not (tmp_path / "x.pdf").exists()


def test_consent_form_and_consents_csv_from_the_demo(demo_file, tmp_path):
    import csv

    from pypdf import PdfReader

    blank, filled, table = tmp_path / "blank.pdf", tmp_path / "child.pdf", tmp_path / "c.csv"
    assert (
        run("--db", str(demo_file), "export", "consent-form", "--out", str(blank)).returncode == 0
    )
    assert "wording version 2" in PdfReader(blank).pages[0].extract_text()
    child = (
        sqlite3.connect(demo_file)
        .execute("select id, first_name from person where kind = 'child' order by id limit 1")
        .fetchone()
    )
    made = run(
        "--db",
        str(demo_file),
        "export",
        "consent-form",
        "--person",
        str(child[0]),
        "--out",
        str(filled),
    )
    assert made.returncode == 0 and child[1] in PdfReader(filled).pages[0].extract_text()
    result = run("--db", str(demo_file), "export", "csv", "consents", "--out", str(table))
    assert result.returncode == 0 and "consent records" in result.stdout
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(table.open(encoding="utf-8-sig")))
    assert {r["Status"] for r in rows} == {"Active", "Expired", "Withdrawn", "Superseded"}
    assert_one_line_error(
        run(
            "--db",
            str(demo_file),
            "export",
            "consent-form",
            "--person",
            "99999",
            "--out",
            str(tmp_path / "x.pdf"),
        ),
        1,
        "not in the People register",
    )
    assert not (tmp_path / "x.pdf").exists()
    assert run("--db", str(demo_file), "export", "csv", "nonsense", "--out", "x").returncode == 2


def test_check_fails_when_a_stored_photo_is_altered(demo_file, tmp_path):
    path = copy_db(demo_file, tmp_path)
    sha = sqlite3.connect(path).execute("select sha256 from photo limit 1").fetchone()[0]
    stored = path.parent / "files" / sha[:2] / sha
    stored.write_bytes(stored.read_bytes() + b"tampered")
    result = run("--db", str(path), "check")
    assert result.returncode == 1 and "changed or damaged" in result.stdout + result.stderr


def test_induction_packs_for_everyone_outstanding(demo_file, tmp_path):
    import io

    from pypdf import PdfReader

    db = str(copy_db(demo_file, tmp_path))
    out = tmp_path / "i.pdf"
    made = run("--db", db, "export", "induction-pack", "--outstanding", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "Wrote induction packs for 9 people" in made.stdout
    pages = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(out.read_bytes())).pages
    ]
    covers = [
        n
        for n, text in enumerate(pages)
        if text.startswith("Home-Start") and "Induction pack" in text
    ]
    forms = [n for n, text in enumerate(pages) if "Acknowledgement of the policy" in text]
    assert len(covers) == len(forms) == 9
    assert all(
        "1.7 Any complaints" in " ".join(pages[c:f]) for c, f in zip(covers, forms, strict=True)
    )
    assert all("I have received and read" in pages[f] for f in forms)

    partly = run(
        "--db",
        db,
        "export",
        "induction-pack",
        "--person",
        "1",
        "999",
        "--out",
        str(tmp_path / "p.pdf"),
    )
    assert_one_line_error(partly, 1, "no pack was made for 1 of them (person 999")
    assert "Wrote induction packs for 1 person" in partly.stdout
    assert (tmp_path / "p.pdf").exists()
    assert_one_line_error(
        run("--db", db, "export", "induction-pack", "--out", str(tmp_path / "n.pdf")),
        2,
        "--outstanding",
    )
    assert_one_line_error(
        run(
            "--db",
            db,
            "export",
            "induction-pack",
            "--person",
            "34",
            "--out",
            str(tmp_path / "f.pdf"),
        ),
        1,
        "Émilie Durand left on",
    )
    assert not (tmp_path / "f.pdf").exists()


def test_inductions_csv_and_status(demo_file, tmp_path):
    import csv

    out = tmp_path / "inductions.csv"
    result = run("--db", str(demo_file), "export", "csv", "inductions", "--out", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    statuses = {r["Status"] for r in rows}
    assert {"Done", "Outstanding", "Overdue", "Earlier version"} <= statuses
    assert any(r["How"] == "Paper slip signed and scanned" and r["Evidence file"] for r in rows)
    status = run("--db", str(demo_file), "status", "--json")
    data = json.loads(status.stdout)
    inductions = data["inductions"]
    assert (inductions["acknowledged"], inductions["total"], inductions["overdue"]) == (24, 33, 6)
    assert len(inductions["people"]) == 9
    titles = [i["title"] for i in data["items"] if i["area"] == "Inductions"]
    assert "6 people overdue to acknowledge the policy" in titles


def test_signed_review_exports_verifies_and_bad_quarters_are_refused(demo_file, tmp_path):
    import csv

    from hsdesk.domain.review import QuarterScheme, quarter_of

    db = str(copy_db(demo_file, tmp_path))
    last = quarter_of(clock.today()).previous
    key = last.key(QuarterScheme.CALENDAR)
    pdf = tmp_path / "review.pdf"
    exported = run("--db", db, "export", "review", "--quarter", key, "--out", str(pdf))
    assert exported.returncode == 0, exported.stderr
    assert "signed off" in exported.stdout
    verified = run("--db", db, "verify", str(pdf))
    assert verified.returncode == 0, verified.stderr
    assert f"Matches the quarterly review of {last.title(QuarterScheme.CALENDAR)}" in (
        verified.stdout
    )
    current = quarter_of(clock.today()).key(QuarterScheme.CALENDAR)
    future = quarter_of(clock.today()).next.key(QuarterScheme.CALENDAR)
    out = str(tmp_path / "x.pdf")
    assert_one_line_error(
        run("--db", db, "export", "review", "--quarter", current, "--out", out), 1, "not signed"
    )
    assert_one_line_error(
        run("--db", db, "export", "review", "--quarter", future, "--out", out), 1, "not begun"
    )
    assert_one_line_error(
        run("--db", db, "export", "review", "--quarter", "2019Q2", "--out", out), 1, "not begun"
    )
    assert_one_line_error(
        run("--db", db, "export", "review", "--quarter", "2026-3", "--out", out), 2, "e.g. 2026Q3"
    )
    assert not Path(out).exists()

    table = tmp_path / "reviews.csv"
    result = run("--db", db, "export", "csv", "reviews", "--out", str(table))
    assert result.returncode == 0, result.stderr
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Status"] for r in rows} == {"Signed off", "In progress"}
    assert any(r["Result"] == "Issue found" and r["Actions"] for r in rows)
    data = json.loads(run("--db", db, "status", "--json").stdout)
    assert data["reviews"]["next_due"]["quarter"] == current
    assert [a["what"] for a in data["reviews"]["actions_overdue"]] == [
        "Archive the posts about the closed 2024 appeal"
    ]
    titles = [i["title"] for i in data["items"] if i["area"] == "Reviews"]
    assert any(t.startswith("Quarterly review of Q") and "due in" in t for t in titles)


def test_register_csvs_and_breaches_only_for_a_permitted_user(demo_file, tmp_path):
    import csv

    def rows(path: Path) -> list[dict[str, str]]:
        return list(csv.DictReader(path.open(encoding="utf-8-sig")))

    complaints, connections = tmp_path / "complaints.csv", tmp_path / "connections.csv"
    result = run("--db", str(demo_file), "export", "csv", "complaints", "--out", str(complaints))
    assert result.returncode == 0 and "Wrote 10 complaints" in result.stdout
    table = rows(complaints)
    assert table[0]["Reference"] == "C-10" and table[0]["Status"] == "Private reply overdue"
    answered = [r for r in table if r["Replied on"]]
    assert len(answered) == 9 and sum(r["Over the time allowed"] == "Yes" for r in answered) == 1
    assert [r["Reference"] for r in table if "taken down on" in r["Takedown"]] == ["C-9"]
    result = run("--db", str(demo_file), "export", "csv", "connections", "--out", str(connections))
    assert result.returncode == 0 and len(rows(connections)) == 8

    # Breaches are confidential: refused without --user, and for a plain member of staff.
    out = tmp_path / "breaches.csv"
    password = tmp_path / "pw"
    password.write_text("demo\n", encoding="utf-8")
    refused = run("--db", str(demo_file), "export", "csv", "breaches", "--out", str(out))
    assert refused.returncode == 1 and "--user" in refused.stderr and not out.exists()
    staff = run(
        "--db", str(demo_file), "export", "csv", "breaches", "--out", str(out),
        "--user", "shazia", "--password-file", str(password),
    )  # fmt: skip
    assert staff.returncode == 1 and "confidential" in staff.stderr and not out.exists()
    wrong = password.with_name("wrong")
    wrong.write_text("not-it\n", encoding="utf-8")
    bad = run(
        "--db", str(demo_file), "export", "csv", "breaches", "--out", str(out),
        "--user", "sdm", "--password-file", str(wrong),
    )  # fmt: skip
    assert bad.returncode == 1 and not out.exists()
    sdm = run(
        "--db", str(demo_file), "export", "csv", "breaches", "--out", str(out),
        "--user", "sdm", "--password-file", str(password),
    )  # fmt: skip
    assert sdm.returncode == 0 and "Wrote 3 breach records" in sdm.stdout
    statuses = sorted(r["Status"] for r in rows(out))
    assert statuses == ["Action under way", "Being looked into", "Closed"]
    # With a permitted user, status --json counts the open breach records too.
    doc = json.loads(
        run(
            "--db", str(demo_file), "status", "--json",
            "--user", "sdm", "--password-file", str(password),
        ).stdout
    )  # fmt: skip
    assert doc["registers"]["breaches_open"] == 2
    assert "2 breach records open" in [i["title"] for i in doc["items"]]


def test_status_redirected_in_a_code_page_without_arrows_still_writes_them(demo_file):
    # What Windows does to redirected output (cp1252); "→" and "—" used to crash status.
    result = run("--db", str(demo_file), "status", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert "→" in result.stdout and "—" in result.stdout


def test_a_reader_that_stops_early_gets_no_error_message(demo_file):
    """`hsdesk-cli status | head -1`: the pipe closes before the list is written."""
    full_env = {k: v for k, v in os.environ.items() if k != "HSDESK_DB"}
    proc = subprocess.Popen(
        [*CLI, "--db", str(demo_file), "status", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone before anything is written
    errors = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert errors == ""
