"""Reading a plain-text policy, numbering, and clause-level comparison."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import (
    Change,
    PolicyText,
    Section,
    compare,
    parse_policy_text,
    review_reminder,
)
from hsdesk.resources import resource

SCHEME_TEXT = resource("policy", "social-networking-policy-2018.txt").read_text(encoding="utf-8")


def test_the_2018_policy_is_read_whole():
    text = parse_policy_text(SCHEME_TEXT)
    assert text.title == "Social Networking Policy and Procedure"
    assert text.statement.startswith("Home-Start Oldham Stockport & Tameside is committed")
    assert [len(s.clauses) for s in text.sections] == [7, 9, 7, 1]
    numbers = [n for n, _ in text.numbered()]
    assert numbers[:3] == ["1.1", "1.2", "1.3"] and numbers[-1] == "4.1"
    assert dict(text.numbered())["1.4"] == (
        "Photographs are only uploaded with the consent of all those pictured"
    )
    # 4.1's sentence broken over a blank line is joined; its second paragraph is kept.
    clause = dict(text.numbered())["4.1"]
    assert "intended only to maintain appropriate service boundaries" in clause
    assert clause.endswith("matters on the network.")
    assert "Date policy adopted" not in text.as_plain_text()


@pytest.mark.parametrize(
    ("body", "line", "why"),
    [
        (
            "Title\n\nProcedures\n\n1. A\n\n- 1.1 x\n- 1.3 y\n",
            8,
            "clause 1.3 comes where 1.2 should",
        ),
        ("Title\n\nProcedures\n\n- 1.1 x\n", 5, "before any section heading"),
        ("Title\n\nProcedures\n\n1. A\n- 1.1 x\n3. C\n", 7, "section 3 comes where section 2"),
        ("Title\n\nProcedures\n\n1. A\nsome words\n- 1.1 x\n", 6, "must be a numbered clause"),
        ("Title\nstray words\n", 2, "expected “Policy Statement”"),
    ],
)
def test_unreadable_lines_are_named(body, line, why):
    with pytest.raises(ValidationError) as caught:
        parse_policy_text(body)
    assert f"Line {line} could not be read" in str(caught.value)
    assert why in str(caught.value)
    assert "Nothing was imported" in str(caught.value)


@pytest.mark.parametrize("body", ["", "   \n\n", "Just a title\n\nPolicy Statement\n\nWords.\n"])
def test_text_without_clauses_is_refused(body):
    with pytest.raises(ValidationError):
        parse_policy_text(body)


def test_binary_files_are_refused():
    with pytest.raises(ValidationError, match="not plain text"):
        parse_policy_text("PK\x03\x04\x00\x00binary")


words = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" ,'’ŵéñ"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(lambda s: s and not s[0].isdigit())
)


@given(
    title=words,
    statement=words,
    sections=st.lists(
        st.tuples(words, st.lists(words, min_size=1, max_size=4)), min_size=1, max_size=4
    ),
)
def test_plain_text_round_trips(title, statement, sections):
    text = PolicyText(title, statement, tuple(Section(h, tuple(c)) for h, c in sections))
    assert parse_policy_text(text.as_plain_text()) == text


def test_comparison_finds_changed_added_and_removed_clauses():
    old = parse_policy_text(SCHEME_TEXT)
    online = list(old.sections[0].clauses)
    online[1] = online[1] + " and recorded"
    online.insert(2, "A brand new clause about messaging groups")
    volunteers = list(old.sections[2].clauses)
    del volunteers[3]
    new = PolicyText(
        old.title,
        old.statement,
        (
            Section(old.sections[0].heading, tuple(online)),
            old.sections[1],
            Section(old.sections[2].heading, tuple(volunteers)),
            old.sections[3],
        ),
    )
    rows = compare(old, new)
    changed = [(r.left_number, r.right_number) for r in rows if r.change is Change.CHANGED]
    added = [r.right_number for r in rows if r.change is Change.ADDED]
    removed = [r.left_number for r in rows if r.change is Change.REMOVED]
    assert changed == [("1.2", "1.2")]
    assert added == ["1.3"]
    assert removed == ["3.4"]
    # Renumbering alone (old 1.3 is new 1.4) is not a change.
    assert any(
        r.change is Change.SAME and (r.left_number, r.right_number) == ("1.3", "1.4") for r in rows
    )


def test_review_reminders_start_90_days_before():
    due = date(2027, 3, 31)
    assert review_reminder("P", due, date(2026, 12, 30)) is None
    assert review_reminder("P", due, date(2026, 12, 31)) == ("warning", "P: review due in 90 days")
    assert review_reminder("P", due, due) == ("warning", "P: review due today")
    assert review_reminder("P", due, date(2027, 4, 1)) == (
        "urgent",
        "P: review overdue since 31/03/2027",
    )
