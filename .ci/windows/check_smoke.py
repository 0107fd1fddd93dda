"""What the installed hsdesk-cli.exe wrote in .ci/windows/smoke.cmd, checked from Linux: output
redirected to files is UTF-8 (Windows would write its ANSI code page, which has no "→"), the
JSON reads back, and every export is a real file of its kind."""

from __future__ import annotations

import json
import sys
from pathlib import Path

folder = Path(sys.argv[1])
problems: list[str] = []


def text(name: str) -> str:
    try:
        return (folder / name).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{name}: {exc}")
        return ""


if not text("version.txt").startswith("hsdesk-cli "):
    problems.append("version.txt does not name hsdesk-cli")
if "→" not in text("status.txt"):
    problems.append("status.txt has no '→' (written in another code page?)")
try:
    status = json.loads(text("status.json"))
    if not status["items"] or "→" not in json.dumps(status, ensure_ascii=False):
        problems.append("status.json has no items, or lost its '→'")
except (ValueError, KeyError) as exc:
    problems.append(f"status.json does not read back: {exc}")
draft = text("policy draft.txt")
if "→ checks: Complaints raised online" not in draft or "volunteer_logo:" not in draft:
    problems.append("policy show did not list the duties of the draft's clauses")
if text("check.txt").strip() != "ok":
    problems.append("check did not say ok")
if "Matches" not in text("verify.txt"):
    problems.append("verify did not match the policy")
for pdf in ("policy.pdf", "consent form.pdf", "packs.pdf", "review.pdf"):
    path = folder / pdf
    if not path.is_file() or not path.read_bytes().startswith(b"%PDF"):
        problems.append(f"{pdf} is not a PDF")
for csv in (
    "consents",
    "content",
    "inductions",
    "reviews",
    "complaints",
    "connections",
    "log",
    "breaches",
):
    data = (folder / f"{csv}.csv").read_bytes() if (folder / f"{csv}.csv").is_file() else b""
    if not data.startswith(b"\xef\xbb\xbf") or data.count(b"\r\n") < 1:
        problems.append(f"{csv}.csv is not a UTF-8 CSV for Excel (BOM, CRLF)")
if "Backed up to" not in text("backup.txt") or "Restored" not in text("restore.txt"):
    problems.append("backup or restore did not say what it did")
for problem in problems:
    print(f"smoke: {problem}")
print("smoke: every output checked" if not problems else f"smoke: {len(problems)} problems")
sys.exit(1 if problems else 0)
