"""The office's idle-lock time: ten minutes unless an administrator sets another, within sense."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hsdesk.db.models import AuditEntry
from hsdesk.domain.errors import PermissionDenied, ValidationError
from hsdesk.services.platform import idle_lock


def test_hsdesk_locks_after_ten_minutes_unless_an_administrator_says_otherwise(
    db, admin, volunteer_actor
):
    assert idle_lock.lock_minutes(db) == 10
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        idle_lock.set_lock_minutes(db, volunteer_actor, 60)
    for refused in (0, idle_lock.LONGEST_LOCK_MINUTES + 1):
        with pytest.raises(ValidationError, match="1 to 120 minutes"):
            idle_lock.set_lock_minutes(db, admin, refused)
    idle_lock.set_lock_minutes(db, admin, 5)
    assert idle_lock.lock_minutes(db) == 5
    with db.read() as session:
        summaries = session.execute(select(AuditEntry.summary)).scalars().all()
    assert summaries[-1] == "hsdesk now locks after 5 minutes without use"
