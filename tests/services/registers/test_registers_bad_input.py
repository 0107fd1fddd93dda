"""Bad input in the registers: whatever is typed into a complaint, a breach record or a declared
connection is saved and read back as typed (trimmed), or refused with a ValidationError that
explains itself; never another exception, and never a partial write."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import bad_input
import test_registers
from bad_input import EXAMPLES, assert_equal, attempt, numbers, one_line, optional_dates, texts
from hypothesis import given
from hypothesis import strategies as st

from hsdesk.domain import clock
from hsdesk.domain.register_records import BreachInput, ComplaintInput, ConnectionInput
from hsdesk.domain.registers import BreachAction, BreachStatus, ReplyMethod, clean_clauses
from hsdesk.services.registers import breaches, complaints, connections, reply_time

office = test_registers.office  # the registers' small office, with a volunteer
short_texts = bad_input.short_texts
TODAY = clock.today()
# Near today as often as anywhere, so that input which can be saved often is.
near = {"min_value": datetime(2019, 1, 1), "max_value": clock.now() + timedelta(days=400)}
times = st.datetimes(**near) | st.datetimes(min_value=datetime(1, 1, 1))
optional_times = st.none() | times
some_dates = st.dates(near["min_value"].date(), near["max_value"].date()) | optional_dates
# Within the volunteer's time with the scheme (she started 300 days ago), or anywhere at all.
her_dates = st.dates(TODAY - timedelta(days=250), TODAY + timedelta(days=20)) | optional_dates


@EXAMPLES
@given(
    seen=optional_times,
    where=short_texts,
    summary=texts,
    replied=optional_times,
    reference=short_texts,
    outcome=texts,
    closed=some_dates,
)
def test_complaints(office, seen, where, summary, replied, reference, outcome, closed):
    db = office.db
    data = ComplaintInput(
        seen,
        office.facebook,
        where,
        summary,
        office.vdo.person_id if replied else None,
        replied,
        ReplyMethod.EMAIL if replied else None,
        reference,
        outcome,
        closed,
    )

    def check(record: Any) -> None:
        back = complaints.get_complaint(db, record.id)
        assert back.summary == summary.strip() and back.where == one_line(where)
        assert back.procedure_ref == one_line(reference) and back.outcome == outcome.strip()
        assert seen is not None and back.seen_at == seen.replace(second=0, microsecond=0)
        assert back.closed_on == closed

    attempt(db, lambda: complaints.save_complaint(db, office.vdo, None, data), check)


@EXAMPLES
@given(hours=numbers)
def test_reply_hours(db, admin, hours):
    attempt(
        db,
        lambda: reply_time.set_reply_hours(db, admin, hours),
        lambda _r: assert_equal(reply_time.reply_hours(db), hours),
    )


@EXAMPLES
@given(
    clauses=st.lists(st.sampled_from(["1.1", "2.7", "3.6"]) | short_texts, max_size=4),
    what=texts,
    reported=short_texts,
    notes=texts,
)
def test_breach_texts(office, clauses, what, reported, notes):
    db = office.db
    data = BreachInput(
        TODAY - timedelta(days=20),
        office.volunteer,
        tuple(clauses),
        what,
        reported,
        BreachAction.INFORMAL,
        TODAY - timedelta(days=10),
        notes,
        BreachStatus.ACTION,
    )

    def check(record: Any) -> None:
        back = breaches.get_breach(db, office.sdm, record.id)
        assert back.what == what.strip() and back.reported_by == one_line(reported)
        assert back.clauses == clean_clauses(clauses) and back.action_notes == notes.strip()
        assert back.clauses  # a breach names at least one clause

    attempt(db, lambda: breaches.save_breach(db, office.sdm, None, data), check)


@EXAMPLES
@given(occurred=her_dates, acted=her_dates, closed=her_dates)
def test_breach_dates(office, occurred, acted, closed):
    db = office.db
    data = BreachInput(
        occurred,
        office.volunteer,
        ("1.1",),
        "Shared a family's photo in a WhatsApp group.",
        "A parent",
        BreachAction.INFORMAL if acted else None,
        acted,
        "",
        BreachStatus.CLOSED if closed else BreachStatus.INVESTIGATING,
        closed,
    )

    def check(record: Any) -> None:
        back = breaches.get_breach(db, office.sdm, record.id)
        assert (back.occurred_on, back.action_on, back.closed_on) == (occurred, acted, closed)

    attempt(db, lambda: breaches.save_breach(db, office.sdm, None, data), check)


@EXAMPLES
@given(link=short_texts, where=short_texts, since=st.none() | numbers, notes=texts)
def test_connection_texts(office, link, where, since, notes):
    db = office.db
    ended = TODAY  # an ended link: every example can be saved beside the others
    data = ConnectionInput(
        office.writer.person_id, office.volunteer, link, where, since, TODAY, notes, ended
    )

    def check(record: Any) -> None:
        [back] = [c for c in connections.list_connections(db, office.sdm) if c.id == record.id]
        assert back.relationship == one_line(link) and back.where == one_line(where)
        assert back.since_year == since and back.notes == notes.strip()

    attempt(db, lambda: connections.save_connection(db, office.sdm, None, data), check)


@EXAMPLES
@given(declared=some_dates, ended=some_dates, confirmed=some_dates)
def test_connection_dates(office, declared, ended, confirmed):
    db = office.db
    data = ConnectionInput(
        office.writer.person_id, office.volunteer, "cousins", "Facebook", None, declared, "", ended
    )

    def check(record: Any) -> None:
        assert (record.declared_on, record.ended_on) == (declared, ended)
        attempt(
            db,
            lambda: connections.reconfirm(db, office.sdm, record.id, confirmed),
            lambda again: assert_equal(again.reviewed_on, confirmed),
        )
        if record.ended_on is None:  # the next example may declare the same link again
            connections.save_connection(db, office.sdm, record.id, replace(data, ended_on=TODAY))

    attempt(db, lambda: connections.save_connection(db, office.sdm, None, data), check)
