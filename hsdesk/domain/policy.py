"""A policy's text: title, statement, numbered sections and clauses; reading it from plain text
and comparing two versions clause by clause. Pure: no database, no Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from enum import StrEnum

from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import ValidationError


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PolicyText:
    """The words of one version. Numbers are never stored: section n, clause n.m by position."""

    title: str
    statement: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def clause_count(self) -> int:
        return sum(len(s.clauses) for s in self.sections)

    def numbered(self) -> list[tuple[str, str]]:
        """(number, text) for every clause, in order: ("1.1", "…"), ("1.2", "…")…"""
        return [
            (f"{n}.{m}", text)
            for n, section in enumerate(self.sections, start=1)
            for m, text in enumerate(section.clauses, start=1)
        ]

    def problems(self) -> list[str]:
        """What stops this text from being saved as a policy version."""
        found = []
        if not self.title.strip():
            found.append("The policy needs a title.")
        for n, section in enumerate(self.sections, start=1):
            if not section.heading.strip():
                found.append(f"Section {n} needs a heading.")
            for m, text in enumerate(section.clauses, start=1):
                if not text.strip():
                    found.append(f"Clause {n}.{m} is empty: type its text or delete it.")
        return found

    def as_plain_text(self) -> str:
        """The text laid out as `parse_policy_text` reads it (and as the 2018 policy was typed)."""
        lines = [self.title, "", "Policy Statement", "", self.statement, "", "Procedures", ""]
        for n, section in enumerate(self.sections, start=1):
            lines += [f"{n}. {section.heading}", ""]
            lines += [f"- {n}.{m} {text}" for m, text in enumerate(section.clauses, start=1)]
            lines.append("")
        return "\n".join(lines)


REVIEW_WARNING_DAYS = 90


def review_reminder(name: str, review_due: date, today: date) -> tuple[str, str] | None:
    """("warning"|"urgent", words) from 90 days before the review date, or None before that."""
    days = (review_due - today).days
    if days < 0:
        return "urgent", f"{name}: review overdue since {format_date(review_due)}"
    if days == 0:
        return "warning", f"{name}: review due today"
    if days <= REVIEW_WARNING_DAYS:
        return "warning", f"{name}: review due in {days} day{'s' if days != 1 else ''}"
    return None


@dataclass(frozen=True, slots=True)
class PolicyVersionRecord:
    id: int
    document_id: int
    document_name: str
    number: int
    status: PolicyStatus
    text: PolicyText
    created_at: datetime
    created_by: str
    adopted_on: date | None = None
    review_due: date | None = None
    chair_name: str = ""
    chair_acting: bool = False
    signature_sha256: str | None = None
    pdf_sha256: str | None = None
    superseded_on: date | None = None

    @property
    def label(self) -> str:
        return f"{self.document_name}, version {self.number}"

    @property
    def status_label(self) -> str:
        if self.status is PolicyStatus.ADOPTED and self.adopted_on:
            return f"Adopted {format_date(self.adopted_on)}"
        if self.status is PolicyStatus.SUPERSEDED and self.superseded_on:
            return f"Superseded {format_date(self.superseded_on)}"
        return self.status.label


@dataclass(frozen=True, slots=True)
class SignatureRecord:
    id: int
    person_id: int
    sha256: str
    added_at: datetime


# --- reading a plain-text policy -----------------------------------------------------------

_SECTION = re.compile(r"^(\d+)\.\s+(\S.*)$")
_CLAUSE = re.compile(r"^(?:[-•*–]\s*)?(\d+)\.(\d+)\.?\s+(\S.*)$")
_STATEMENT = re.compile(r"^policy statement:?$", re.IGNORECASE)
_PROCEDURES = re.compile(r"^procedures?:?$", re.IGNORECASE)
_TRAILER = re.compile(
    r"^(date policy adopted|signature of chair|date policy to be reviewed)\b", re.IGNORECASE
)


def _fail(line_no: int, line: str, why: str) -> ValidationError:
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return ValidationError(
        f"Line {line_no} could not be read: {why} (“{shown}”). Nothing was imported."
    )


def parse_policy_text(text: str) -> PolicyText:
    """Read a policy laid out like the scheme's 2018 text: a title line, "Policy Statement" and
    its paragraphs, then numbered section headings ("1. …") with clauses ("- 1.1 …").

    A paragraph that follows a clause belongs to that clause. The closing lines (date adopted,
    signature, review date) are recognised and left out: adoption is recorded by the Chair's
    sign-off, not copied from text. Any line that does not fit raises ValidationError naming it.
    """
    if "\x00" in text:
        raise ValidationError("This file is not plain text. Choose a .txt file holding the policy.")
    title = ""
    statement: list[str] = []
    sections: list[tuple[str, list[list[str]]]] = []
    part = "title"  # title → statement → procedures
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff").strip()
        if not line:
            continue
        if _TRAILER.match(line):
            part = "trailer"
            continue
        if part == "trailer":
            raise _fail(line_no, raw, "only the adoption and review lines may follow them")
        clause = _CLAUSE.match(line)
        section = None if clause else _SECTION.match(line)
        if section:
            number = int(section.group(1))
            if number != len(sections) + 1:
                raise _fail(
                    line_no, raw, f"section {number} comes where section {len(sections) + 1} should"
                )
            sections.append((section.group(2).strip(), []))
            part = "procedures"
        elif clause:
            s_no, c_no = int(clause.group(1)), int(clause.group(2))
            if not sections:
                raise _fail(line_no, raw, f"clause {s_no}.{c_no} comes before any section heading")
            clauses = sections[-1][1]
            expected = f"{len(sections)}.{len(clauses) + 1}"
            if f"{s_no}.{c_no}" != expected:
                raise _fail(line_no, raw, f"clause {s_no}.{c_no} comes where {expected} should")
            clauses.append([clause.group(3).strip()])
        elif part == "title" and not title:
            title = line
        elif _STATEMENT.match(line) and not sections:
            part = "statement"
        elif _PROCEDURES.match(line) and not sections:
            part = "procedures"
        elif part == "statement":
            statement.append(line)
        elif part == "procedures" and sections and sections[-1][1]:
            paras = sections[-1][1][-1]  # a further line or paragraph of the last clause
            if paras[-1][-1:] not in ".:;!?" and line[:1].islower():
                paras[-1] = f"{paras[-1]} {line}"  # a sentence broken across lines
            else:
                paras.append(line)
        elif part == "procedures":
            raise _fail(line_no, raw, "text under a section heading must be a numbered clause")
        else:
            raise _fail(line_no, raw, "expected “Policy Statement” or a numbered section")
    if not title:
        raise ValidationError("The file is empty. Choose the text file holding the policy.")
    if not sections or not any(clauses for _, clauses in sections):
        raise ValidationError(
            "No numbered clauses were found (lines like “1.1 …” under a heading “1. …”). "
            "Nothing was imported."
        )
    return PolicyText(
        title=title,
        statement="\n\n".join(statement),
        sections=tuple(
            Section(heading, tuple("\n\n".join(paras) for paras in clauses))
            for heading, clauses in sections
        ),
    )


# --- comparing two versions ----------------------------------------------------------------


class Change(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"

    @property
    def label(self) -> str:
        return {"same": "Unchanged", "changed": "Changed", "added": "Added", "removed": "Removed"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    change: Change
    left_number: str = ""
    left_text: str = ""
    right_number: str = ""
    right_text: str = ""


def _items(text: PolicyText) -> list[tuple[str, str]]:
    items = [("Title", text.title), ("Statement", text.statement)]
    for n, section in enumerate(text.sections, start=1):
        items.append((f"{n}.", section.heading))
        items.extend((f"{n}.{m}", t) for m, t in enumerate(section.clauses, start=1))
    return items


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5


def compare(left: PolicyText, right: PolicyText) -> list[ClauseDiff]:
    """Line the two versions up clause by clause (by wording, so renumbering is not a change)."""
    a, b = _items(left), _items(right)
    matcher = SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    rows: list[ClauseDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                ClauseDiff(Change.SAME, *a[i], *b[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        while olds or news:
            if (
                olds
                and news
                and (_similar(a[olds[0]][1], b[news[0]][1]) or a[olds[0]][0] == b[news[0]][0])
            ):
                rows.append(ClauseDiff(Change.CHANGED, *a[olds.pop(0)], *b[news.pop(0)]))
            elif olds and (not news or len(olds) >= len(news)):
                rows.append(ClauseDiff(Change.REMOVED, *a[olds.pop(0)]))
            else:
                rows.append(ClauseDiff(Change.ADDED, "", "", *b[news.pop(0)]))
    return rows
