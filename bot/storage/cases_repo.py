"""Repository for the case work on hand-offs: find, claim, resolve, list, remind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.cases import CLAIMED, OPEN, RESOLVED, Case
from bot.storage.db import aware
from bot.storage.models import CoordinatorChatRow, HandoffRow


def as_case(row: HandoffRow) -> Case:
    """The channel-neutral view of a stored hand-off."""
    return Case(
        reference=row.reference,
        network=row.network_id,
        status=row.status,
        needs=tuple(n for n in row.needs.split(",") if n),
        place=row.place,
        child_age_months=row.child_age_months,
        pregnant=row.pregnant,
        language=row.language,
        contact_method=row.contact_method,
        phone=row.phone,
        times=row.times,
        summary_de=row.summary_de,
        created_at=aware(row.created_at),
        channel=row.channel if row.address else None,
        family_reachable=row.family_reachable,
        claimed_by=row.claimed_by,
        claimed_at=aware(row.claimed_at) if row.claimed_at else None,
        resolved_at=aware(row.resolved_at) if row.resolved_at else None,
        outcome=row.outcome,
        notes=row.notes,
    )


def row_of(session: Session, reference: str, lock: bool = False) -> HandoffRow | None:
    """The stored hand-off with this reference (locked for update if asked)."""
    query = select(HandoffRow).where(HandoffRow.reference == reference.strip().upper())
    return session.scalar(query.with_for_update() if lock else query)


def latest_open_case(session: Session, key: str) -> Case | None:
    """The newest open or claimed case of a user, if any."""
    row = session.scalar(
        select(HandoffRow)
        .where(HandoffRow.user_key == key, HandoffRow.status != RESOLVED)
        .order_by(HandoffRow.created_at.desc())
    )
    return as_case(row) if row else None


def claim(
    row: HandoffRow, actor_key: str, name: str, address: str | None, now: dt.datetime
) -> None:
    """Mark a case as taken on by a coordinator."""
    row.status = CLAIMED
    row.claimed_by = name
    row.claimed_by_key = actor_key
    row.coordinator_address = address
    row.claimed_at = now
    row.updated_at = now


def resolve(row: HandoffRow, outcome: str, note: str | None, now: dt.datetime) -> None:
    """Close a case with its outcome; the family's contact details are erased."""
    row.status = RESOLVED
    row.outcome = outcome
    if note:
        row.notes = f"{row.notes}\n{note}" if row.notes else note
    row.resolved_at = now
    row.updated_at = now
    if row.phone:  # the summary the family approved names the number too
        lines = row.summary_de.splitlines()
        row.summary_de = "\n".join(line for line in lines if row.phone not in line)
    row.phone = None
    row.address = None


def add_note(row: HandoffRow, note: str, now: dt.datetime) -> None:
    """Append a short note to a case."""
    row.notes = f"{row.notes}\n{note}" if row.notes else note
    row.updated_at = now


def list_cases(
    session: Session,
    networks: Sequence[str] | None,
    statuses: Sequence[str] = (OPEN, CLAIMED),
    limit: int = 200,
) -> list[Case]:
    """Cases of some networks (None: all), oldest open first."""
    query = select(HandoffRow).where(HandoffRow.status.in_(statuses))
    if networks is not None:
        query = query.where(HandoffRow.network_id.in_(networks))
    rows = session.scalars(query.order_by(HandoffRow.created_at).limit(limit))
    return [as_case(r) for r in rows]


def unclaimed_before(session: Session, created_before: dt.datetime) -> list[HandoffRow]:
    """Open cases created before a moment that got no reminder yet."""
    return list(
        session.scalars(
            select(HandoffRow)
            .where(
                HandoffRow.status == OPEN,
                HandoffRow.created_at < created_before,
                HandoffRow.reminded_at.is_(None),
            )
            .order_by(HandoffRow.created_at)
        )
    )


def coordinator_chat(session: Session, network: str, channel: str) -> CoordinatorChatRow | None:
    """The active coordinator chat of a network on a channel."""
    row = session.get(CoordinatorChatRow, (network, channel))
    return row if row is not None and row.active else None


def set_coordinator_chat(
    session: Session, network: str, channel: str, chat_id: str, now: dt.datetime
) -> None:
    """Make a chat the coordinator chat of a network (replacing an earlier one)."""
    row = session.get(CoordinatorChatRow, (network, channel))
    if row is None:
        session.add(
            CoordinatorChatRow(
                network_id=network,
                channel=channel,
                chat_id=chat_id,
                active=True,
                registered_at=now,
            )
        )
    else:
        row.chat_id, row.active, row.registered_at = chat_id, True, now


def deactivate_chat(session: Session, channel: str, chat_id: str) -> int:
    """Mark a coordinator chat unusable (the bot was removed or blocked); return how many."""
    rows = session.scalars(
        select(CoordinatorChatRow).where(
            CoordinatorChatRow.channel == channel, CoordinatorChatRow.chat_id == chat_id
        )
    ).all()
    for row in rows:
        row.active = False
    return len(rows)
