"""The channels register: where the scheme is online, and the privacy settings the trustees
agreed for each. Agreed settings are never edited; a change is a new entry."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hsdesk.db.engine import Database
from hsdesk.db.models import Channel, ChannelSettings
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.content import CHANNEL_SCOPES
from hsdesk.domain.content_records import (
    ChannelInput,
    ChannelRecord,
    PrivacySettings,
    SettingsInput,
)
from hsdesk.domain.dates import format_date
from hsdesk.domain.errors import NotFound, ValidationError
from hsdesk.domain.permissions import Permission
from hsdesk.services.platform import audit
from hsdesk.services.platform.auth import require


def channel_record(channel: Channel) -> ChannelRecord:
    return ChannelRecord(
        id=channel.id,
        name=channel.name,
        platform=channel.platform,
        scope=channel.scope,
        url=channel.url,
        active=channel.active,
        notes=channel.notes,
        history=tuple(
            PrivacySettings(s.id, s.text, s.agreed_on, s.minute_ref, s.recorded_by, s.recorded_at)
            for s in sorted(channel.settings, key=lambda s: (s.agreed_on, s.id))
        ),
    )


def list_channels(db: Database, active_only: bool = False) -> list[ChannelRecord]:
    query = select(Channel).options(selectinload(Channel.settings)).order_by(Channel.name)
    if active_only:
        query = query.where(Channel.active.is_(True))
    with db.read() as session:
        return [channel_record(c) for c in session.execute(query).scalars()]


def _channel(session: Session, channel_id: int) -> Channel:
    channel = session.get(Channel, channel_id)
    if channel is None:
        raise NotFound("That channel is no longer in the register.")
    return channel


def _check(session: Session, data: ChannelInput, channel_id: int | None) -> ChannelInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("Give the channel a name, e.g. 'Facebook page'.")
    if len(name) > 100:
        raise ValidationError("The channel's name is too long; keep it under 100 characters.")
    url = data.url.strip()
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError(
            f"'{url}' is not a web address. Copy it from the browser; it starts with https://."
        )
    if data.scope not in CHANNEL_SCOPES:
        raise ValidationError("A channel needs consent for the website or for social media.")
    # Compared in Python: SQLite's lower() folds only A-Z, so "Ã" and "ã" would both get in.
    others = session.execute(select(Channel.name).where(Channel.id != (channel_id or -1)))
    if any(other.casefold() == name.casefold() for other in others.scalars()):
        raise ValidationError(f"There is already a channel called '{name}'. Choose another name.")
    return ChannelInput(name, data.platform, data.scope, url, data.active, data.notes.strip())


def save_channel(
    db: Database, actor: Actor, data: ChannelInput, channel_id: int | None = None
) -> ChannelRecord:
    require(db, actor, Permission.EDIT_CHANNELS)
    with db.write() as session:
        clean = _check(session, data, channel_id)
        if channel_id is None:
            channel = insert_channel(session, actor, clean)
        else:
            channel = _channel(session, channel_id)
            channel.name, channel.platform, channel.scope = clean.name, clean.platform, clean.scope
            channel.url, channel.active, channel.notes = clean.url, clean.active, clean.notes
            audit.record(
                session,
                actor,
                "edit",
                "channel",
                channel.id,
                f"Changed channel {clean.name}{'' if clean.active else ' (no longer used)'}",
                {"url": clean.url, "scope": clean.scope.value, "active": clean.active},
            )
        session.flush()
        return channel_record(channel)


def insert_channel(session: Session, actor: Actor, data: ChannelInput) -> Channel:
    channel = Channel(
        name=data.name,
        platform=data.platform,
        scope=data.scope,
        url=data.url,
        active=data.active,
        notes=data.notes,
    )
    session.add(channel)
    session.flush()
    audit.record(
        session,
        actor,
        "add",
        "channel",
        channel.id,
        f"Added channel {data.name} ({data.platform.label}; needs {data.scope.label} consent)",
        {"url": data.url, "scope": data.scope.value},
    )
    return channel


def agree_settings(
    db: Database,
    actor: Actor,
    channel_id: int,
    data: SettingsInput,
    today: date | None = None,
) -> ChannelRecord:
    """Record the privacy settings the trustees agreed for a channel (a new entry in its history)."""
    require(db, actor, Permission.EDIT_CHANNELS)
    with db.write() as session:
        channel = _channel(session, channel_id)
        insert_settings(session, actor, channel, data, today or clock.today())
        session.refresh(channel)
        return channel_record(channel)


def insert_settings(
    session: Session,
    actor: Actor,
    channel: Channel,
    data: SettingsInput,
    today: date,
    at: datetime | None = None,
) -> ChannelSettings:
    if not data.text.strip():
        raise ValidationError(
            "Write down the privacy settings the trustees agreed (who can see, post and comment)."
        )
    if not data.minute_ref.strip():
        raise ValidationError(
            "Give the minute reference of the trustees' meeting that agreed these settings."
        )
    if data.agreed_on > today:
        raise ValidationError(
            f"The settings cannot be agreed on a future date ({format_date(data.agreed_on)})."
        )
    row = ChannelSettings(
        channel_id=channel.id,
        text=data.text.strip(),
        agreed_on=data.agreed_on,
        minute_ref=data.minute_ref.strip(),
        recorded_by=actor.username,
        recorded_at=at or clock.now(),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "agree_settings",
        "channel",
        channel.id,
        f"Privacy settings of {channel.name} agreed by the trustees on "
        f"{format_date(data.agreed_on)} (minute {row.minute_ref})",
        {"text": row.text, "minute_ref": row.minute_ref},
    )
    return row
