"""hsdesk-cli policy import | show | adopt, on whichever engine the suite runs on: the same rules
and refusals as the Policy tab, and every citation following the adopted version afterwards."""

from __future__ import annotations

import json

from test_cli import assert_one_line_error, run

from hsdesk.demo.policy import demo_signature_png, scheme_policy_text


def test_the_chair_adopts_a_renumbered_version_from_the_command_line(db_location, tmp_path):
    db = ["--db", db_location]
    assert run(*db, "init").returncode == 0
    assert run(*db, "demo").returncode == 0
    shown = run(*db, "policy", "show")
    assert shown.returncode == 0, shown.stderr
    assert "version 2 — Adopted 11/04/2018" in shown.stdout
    assert "  1.7 Any complaints" in shown.stdout
    assert "→ checks: Complaints raised online are answered at once, privately" in shown.stdout
    draft = run(*db, "policy", "show", "--version", "3")
    assert "Duties proposed for each clause" in draft.stdout
    assert (
        "volunteer_logo: Volunteers do not use the logo on personal pages (clause 3.5 before)"
        in (draft.stdout)
    )

    password = tmp_path / "password.txt"
    password.write_text("demo\n", encoding="utf-8")
    signature = tmp_path / "signature.png"
    signature.write_bytes(demo_signature_png())
    adopt = [*db, "policy", "adopt", "--version", "3", "--user", "chair"]
    adopt += ["--password-file", str(password), "--signature", str(signature)]
    refused = run(*adopt)
    assert_one_line_error(refused, 1, "no clause found for: Volunteers do not use the logo")
    wrong = run(*adopt, "--password-file", str(signature))
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    bad_link = run(*adopt, "--link", "volunteer_logo")
    assert_one_line_error(bad_link, 2, "--link takes DUTY=N.M")
    adopted = run(*adopt, "--no-clause", "volunteer_logo", "--review-by", "01/12/2029")
    assert adopted.returncode == 0, adopted.stderr
    assert "adopted Social Networking Policy, version 3" in adopted.stdout
    assert "review due 01/12/2029" in adopted.stdout

    status = json.loads(run(*db, "status", "--json").stdout)
    assert status["policy"]["adopted"] == "Social Networking Policy, version 3"
    assert status["policy"]["clauses"]["complaints"] == "1.8"
    assert status["policy"]["clauses"]["volunteer_logo"] is None
    details = " ".join(i["detail"] for i in status["items"])
    assert "Clause 1.8 asks for a private reply" in details
    assert "Clause 1.7 asks" not in details


def test_a_policy_imported_as_text_becomes_a_draft_and_bad_text_is_refused(db_location, tmp_path):
    db = ["--db", db_location]
    assert run(*db, "init").returncode == 0
    text = tmp_path / "policy.txt"
    text.write_text(scheme_policy_text().as_plain_text(), encoding="utf-8")
    imported = run(*db, "policy", "import", str(text))
    assert imported.returncode == 0, imported.stderr
    assert "Imported Social Networking Policy, version 1 as a draft, with 24 clauses" in (
        imported.stdout
    )
    shown = run(*db, "policy", "show", "--version", "1")
    assert "→ checks: Photos are uploaded only with the consent of everyone pictured" in (
        shown.stdout
    )
    broken = tmp_path / "broken.txt"
    broken.write_text("Title\n\n1. Heading\n\n- 1.2 Out of order\n", encoding="utf-8")
    assert_one_line_error(run(*db, "policy", "import", str(broken)), 1, "Nothing was imported")
    assert_one_line_error(
        run(*db, "policy", "import", str(tmp_path / "missing.txt")), 1, "cannot read"
    )
