"""No password guessing: wrong passwords in a row pause a username (sign-offs count too), every
refusal is in the audit trail without what was typed, and an unknown username costs the same
password check as a known one. On both engines: the count is kept although the change is not."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from conftest import person
from sqlalchemy import select

from hsdesk.db.models import AuditEntry, UserAccount
from hsdesk.domain import clock
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.errors import PermissionDenied, SignOffRefused
from hsdesk.domain.passwords import PAUSE_MINUTES, WRONG_BEFORE_PAUSE
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.platform import auth

PASSWORD = "correct horse"


@pytest.fixture
def chair(db, admin):
    rec = people.add_person(db, admin, person("Margaret", "Ashworth", PersonKind.TRUSTEE))
    offices.add_holding(
        db, admin, HoldingInput(Office.CHAIR, rec.id, date(2020, 4, 1), date(2030, 3, 31))
    )
    accounts.create_account(db, admin, rec.id, "chair", PASSWORD)
    return rec


def _trail(db, action: str) -> list[AuditEntry]:
    with db.read() as session:
        return list(
            session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars()
        )


def test_six_wrong_passwords_pause_the_username_and_every_one_is_audited(db, chair):
    start = clock.now()
    for n in range(1, WRONG_BEFORE_PAUSE + 1):
        with pytest.raises(PermissionDenied, match="username or password is not right") as refused:
            auth.sign_in(db, "chair", f"guess {n}")
    assert "paused until" in str(refused.value)  # the fifth says what happens now
    with pytest.raises(PermissionDenied, match=r"paused until \d\d:\d\d \(15 minutes from now\)"):
        auth.sign_in(db, "chair", "guess 6")
    with pytest.raises(PermissionDenied, match="paused until"):
        auth.sign_in(db, "chair", PASSWORD)  # even the right password waits
    failed = _trail(db, "sign_in_failed")
    assert [e.summary for e in failed][-1] == (
        f"Sign-in refused: wrong password for 'chair' ({WRONG_BEFORE_PAUSE} in a row)"
    )
    assert len(failed) == WRONG_BEFORE_PAUSE and len(_trail(db, "sign_in_paused")) == 1
    assert not any("guess" in e.summary + e.data for e in failed)  # never what was typed
    # A quarter of an hour later the right password works, and the count starts again.
    clock.freeze(start + timedelta(minutes=PAUSE_MINUTES, seconds=1))
    assert auth.sign_in(db, "chair", PASSWORD).username == "chair"
    with db.read() as session:
        account = session.execute(select(UserAccount)).scalars().first()
        assert account is not None and account.wrong_passwords == 0


def test_wrong_passwords_in_sign_offs_count_too(db, chair):
    for _ in range(WRONG_BEFORE_PAUSE):
        with pytest.raises(SignOffRefused), db.write() as session:
            auth.verify_signoff(session, "chair", "nope", Office.CHAIR, clock.today())
    with pytest.raises(SignOffRefused, match="paused until"), db.write() as session:
        auth.verify_signoff(session, "chair", PASSWORD, Office.CHAIR, clock.today())
    assert "Sign-off refused" in _trail(db, "sign_in_failed")[0].summary
    with pytest.raises(PermissionDenied, match="paused until"):
        auth.sign_in(db, "chair", PASSWORD)


def test_an_administrator_setting_a_new_password_ends_the_pause(db, admin, chair):
    for _ in range(WRONG_BEFORE_PAUSE):
        with pytest.raises(PermissionDenied):
            auth.sign_in(db, "chair", "nope")
    accounts.reset_password(db, admin, "chair", "a brand new one")
    assert auth.sign_in(db, "chair", "a brand new one").username == "chair"


def test_an_unknown_username_is_refused_alike_after_the_same_password_check(db, chair, monkeypatch):
    checked: list[str] = []
    real = auth.password_matches

    def counting(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(auth, "password_matches", counting)
    with pytest.raises(PermissionDenied) as unknown:
        auth.sign_in(db, "nobody", "whatever")
    with pytest.raises(PermissionDenied) as known:
        auth.sign_in(db, "chair", "whatever")
    assert str(unknown.value) == str(known.value)
    assert len(checked) == 2 and all(h.startswith("$argon2") for h in checked)
    entry = _trail(db, "sign_in_failed")[0]
    assert "unknown username" in entry.summary and "nobody" not in entry.summary + entry.data


def test_a_pause_is_over_when_its_time_is_up_even_at_midnight(db, chair):
    clock.freeze(datetime(2026, 12, 31, 23, 55))
    for _ in range(WRONG_BEFORE_PAUSE):
        with pytest.raises(PermissionDenied):
            auth.sign_in(db, "chair", "nope")
    clock.freeze(datetime(2027, 1, 1, 0, 5))
    with pytest.raises(PermissionDenied, match="paused until 00:10"):
        auth.sign_in(db, "chair", PASSWORD)
    clock.freeze(datetime(2027, 1, 1, 0, 10, 1))
    assert auth.sign_in(db, "chair", PASSWORD).username == "chair"
