"""The clearance rule (clause 1.4) against its definition, over random histories of events."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hsdesk.domain.consent import (
    Clearance,
    ConsentFact,
    ConsentScope,
    add_months,
    clear_for,
    default_expiry,
    is_minor,
)

START = date(2025, 1, 1)
PEOPLE = [1, 2, 3]

day_offsets = st.integers(min_value=0, max_value=800)
scopes = st.frozensets(st.sampled_from(list(ConsentScope)), min_size=1)
events = st.one_of(
    st.tuples(st.just("give"), st.sampled_from(PEOPLE), scopes, day_offsets, st.integers(1, 900)),
    st.tuples(st.just("withdraw"), st.integers(0, 20), day_offsets),
    st.tuples(st.just("supersede"), st.integers(0, 20)),
    st.tuples(st.just("tag"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("untag"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("unidentified"), st.integers(0, 2)),
)


def replay(history: list[tuple]) -> tuple[set[int], int, list[ConsentFact]]:
    pictured: set[int] = set()
    unidentified = 0
    facts: list[ConsentFact] = []
    for event in history:
        kind = event[0]
        if kind == "give":
            _, person, chosen, offset, length = event
            given_on = START + timedelta(days=offset)
            facts.append(
                ConsentFact(
                    len(facts) + 1, person, chosen, given_on, given_on + timedelta(days=length)
                )
            )
        elif kind == "withdraw" and facts:
            index, offset = event[1] % len(facts), event[2]
            old = facts[index]
            facts[index] = ConsentFact(
                old.id,
                old.subject_id,
                old.scopes,
                old.given_on,
                old.expires_on,
                max(old.given_on, START + timedelta(days=offset)),
                old.superseded,
            )
        elif kind == "supersede" and facts:
            old = facts[event[1] % len(facts)]
            facts[facts.index(old)] = ConsentFact(
                old.id,
                old.subject_id,
                old.scopes,
                old.given_on,
                old.expires_on,
                old.withdrawn_on,
                True,
            )
        elif kind == "tag":
            pictured.add(event[1])
        elif kind == "untag":
            pictured.discard(event[1])
        elif kind == "unidentified":
            unidentified = event[1]
    return pictured, unidentified, facts


def definition(pictured, unidentified, facts, scope, day) -> bool:
    """Cleared ⇔ nobody unidentified and each person pictured has a consent covering the scope,
    given on or before the day, not expired, not withdrawn, not superseded."""
    if unidentified:
        return False
    return all(
        any(
            f.subject_id == person
            and scope in f.scopes
            and f.given_on <= day < f.expires_on
            and (f.withdrawn_on is None or day < f.withdrawn_on)
            and not f.superseded
            for f in facts
        )
        for person in pictured
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(events, max_size=25), st.sampled_from(list(ConsentScope)), day_offsets)
def test_cleared_exactly_when_the_definition_holds(history, scope, offset):
    pictured, unidentified, facts = replay(history)
    day = START + timedelta(days=offset)
    by_person: dict[int, list[ConsentFact]] = {}
    for fact in facts:
        by_person.setdefault(fact.subject_id, []).append(fact)
    names = {p: f"Person {p}" for p in pictured}
    result = clear_for(scope, day, names, unidentified, by_person)
    assert result.status.usable == definition(pictured, unidentified, facts, scope, day)
    if not result.status.usable:
        assert result.reasons  # a blocked photo always says why


def test_blocked_reasons_name_who_and_why():
    day = date(2026, 11, 24)
    facts = {
        1: [
            ConsentFact(1, 1, frozenset({ConsentScope.WEBSITE}), date(2026, 1, 1), date(2029, 1, 1))
        ],
        2: [ConsentFact(2, 2, frozenset(ConsentScope), date(2025, 1, 1), date(2026, 1, 1))],
        3: [
            ConsentFact(
                3, 3, frozenset(ConsentScope), date(2026, 1, 1), date(2029, 1, 1), date(2026, 11, 3)
            )
        ],
    }
    names = {1: "Ann", 2: "Ben", 3: "Cat", 4: "Dev"}
    result = clear_for(ConsentScope.SOCIAL_MEDIA, day, names, 2, facts)
    assert result.status is Clearance.BLOCKED
    assert result.reasons == (
        "2 unidentified people",
        "Ann has not consented to social media",
        "Ben's consent expired on 01/01/2026",
        "Cat withdrew consent on 03/11/2026",
        "Dev: not asked",
    )


def test_expiring_within_30_days_is_usable_but_flagged():
    day = date(2026, 11, 24)
    facts = {
        1: [ConsentFact(1, 1, frozenset(ConsentScope), date(2025, 12, 10), date(2026, 12, 10))]
    }
    result = clear_for(ConsentScope.WEBSITE, day, {1: "Ann"}, 0, facts)
    assert result.status is Clearance.EXPIRING and result.status.usable
    assert result.reasons == ("Ann's consent ends on 10/12/2026",)
    later = clear_for(ConsentScope.WEBSITE, date(2026, 12, 10), {1: "Ann"}, 0, facts)
    assert later.status is Clearance.BLOCKED  # the expiry day itself is no longer covered


def test_default_expiry_and_age():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert default_expiry(date(2026, 3, 1), minor=True) == date(2027, 3, 1)
    assert default_expiry(date(2026, 3, 1), minor=False) == date(2029, 3, 1)
    assert is_minor(date(2008, 11, 25), False, date(2026, 11, 24))  # 18 tomorrow
    assert not is_minor(date(2008, 11, 24), False, date(2026, 11, 24))
    assert is_minor(None, True, date(2026, 11, 24))
