"""Repository for what conversations leave behind: state, consents, hand-offs, questions."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from bot.storage.models import (
    ConsentRow,
    ConversationRow,
    HandoffRow,
    OutboxRow,
    ReviewQuestionRow,
    RoleRow,
    UnmetNeedRow,
)

MERGE_WINDOW = dt.timedelta(hours=24)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def load_state(session: Session, key: str) -> dict[str, Any] | None:
    """The stored dialogue state of a user, or None."""
    stored = session.scalar(select(ConversationRow.state).where(ConversationRow.user_key == key))
    return json.loads(stored) if stored else None


def save_state(session: Session, key: str, state: dict[str, Any], now: dt.datetime) -> None:
    """Store a user's dialogue state (one UPDATE, or an INSERT the first time)."""
    text = json.dumps(state)
    changed = session.execute(
        update(ConversationRow)
        .where(ConversationRow.user_key == key)
        .values(state=text, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if not getattr(changed, "rowcount", 0):
        session.execute(insert(ConversationRow).values(user_key=key, state=text, updated_at=now))


def add_consent(
    session: Session, key: str, purpose: str, wording: str, language: str, now: dt.datetime
) -> None:
    """Record that a user agreed to `purpose` in the given wording."""
    session.add(
        ConsentRow(
            user_key=key, purpose=purpose, wording=wording, language=language, granted_at=now
        )
    )


@dataclass(frozen=True)
class StoredHandoff:
    """The reference of a stored hand-off and whether it merged into an earlier one."""

    reference: str
    merged: bool


def new_reference() -> str:
    """A short reference a family can read out on the phone (e.g. L-7KQM3P)."""
    return "L-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def save_handoff(
    session: Session, key: str, fields: dict[str, Any], now: dt.datetime
) -> StoredHandoff:
    """Store a hand-off; a request of the same user and network within a day is merged."""
    recent = session.scalars(
        select(HandoffRow)
        .where(
            HandoffRow.user_key == key,
            HandoffRow.network_id == fields["network_id"],
            HandoffRow.status == "open",
            HandoffRow.created_at >= now - MERGE_WINDOW,
        )
        .order_by(HandoffRow.created_at.desc())
    ).first()
    if recent is not None:
        for name, value in fields.items():
            setattr(recent, name, value)
        recent.updated_at = now
        return StoredHandoff(recent.reference, merged=True)
    reference = new_reference()
    while session.scalar(select(HandoffRow.id).where(HandoffRow.reference == reference)):
        reference = new_reference()
    session.add(
        HandoffRow(
            reference=reference,
            user_key=key,
            status="open",
            created_at=now,
            updated_at=now,
            **fields,
        )
    )
    return StoredHandoff(reference, merged=False)


def store_question(
    session: Session,
    key: str,
    text: str,
    language: str,
    place: str | None,
    guesses: dict[str, float],
    now: dt.datetime,
    network: str | None = None,
) -> None:
    """Keep a masked question for coordinator review."""
    session.add(
        ReviewQuestionRow(
            user_key=key,
            text=text,
            language=language,
            place=place,
            guesses=json.dumps(guesses),
            created_at=now,
            network_id=network,
        )
    )


def record_unmet_need(
    session: Session,
    needs: tuple[str, ...],
    place: str,
    language: str,
    now: dt.datetime,
    network: str | None = None,
) -> None:
    """Count needs without a local offer (no user attached)."""
    for need in needs:
        session.add(
            UnmetNeedRow(
                need=need, place=place, language=language, created_at=now, network_id=network
            )
        )


USER_TABLES = (ConversationRow, ConsentRow, HandoffRow, ReviewQuestionRow, RoleRow)


def set_family_reachable(session: Session, key: str, reachable: bool) -> None:
    """Mark whether a user's open hand-offs can still be answered in the chat."""
    for row in session.scalars(select(HandoffRow).where(HandoffRow.user_key == key)):
        row.family_reachable = reachable


def _drop_outbox(session: Session, references: list[str]) -> int:
    if not references:
        return 0
    result = session.execute(delete(OutboxRow).where(OutboxRow.reference.in_(references)))
    return int(getattr(result, "rowcount", 0) or 0)


def erase_user(session: Session, key: str) -> int:
    """Delete every row of a user (queued messages about their hand-offs too); return how many."""
    references = list(
        session.scalars(select(HandoffRow.reference).where(HandoffRow.user_key == key))
    )
    removed = _drop_outbox(session, references)
    for table in USER_TABLES:
        result = session.execute(delete(table).where(table.user_key == key))
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed


def count_user_rows(session: Session, key: str) -> int:
    """How many rows of any table belong to a user."""
    return sum(
        int(session.scalar(select(func.count()).select_from(t).where(t.user_key == key)) or 0)
        for t in USER_TABLES
    )


@dataclass(frozen=True)
class Retention:
    """How long each kind of data is kept."""

    conversation_days: int
    handoff_days: int
    question_days: int


def purge_expired(session: Session, retention: Retention, now: dt.datetime) -> dict[str, int]:
    """Delete what is older than the retention limits; return counts per kind."""
    limits = {
        "conversations": (ConversationRow, ConversationRow.updated_at, retention.conversation_days),
        "handoffs": (HandoffRow, HandoffRow.created_at, retention.handoff_days),
        "consents": (ConsentRow, ConsentRow.granted_at, retention.handoff_days),
        "questions": (ReviewQuestionRow, ReviewQuestionRow.created_at, retention.question_days),
    }
    expired = now - dt.timedelta(days=retention.handoff_days)
    old = list(session.scalars(select(HandoffRow.reference).where(HandoffRow.created_at < expired)))
    counts = {"outbox": _drop_outbox(session, old)}
    for name, (table, column, days) in limits.items():
        result = session.execute(delete(table).where(column < now - dt.timedelta(days=days)))
        counts[name] = int(getattr(result, "rowcount", 0) or 0)
    delivered = delete(OutboxRow).where(
        OutboxRow.status != "pending", OutboxRow.created_at < now - dt.timedelta(days=7)
    )
    counts["outbox"] += int(getattr(session.execute(delivered), "rowcount", 0) or 0)
    return counts
