"""Repository for what conversations leave behind: state, consents, hand-offs, questions."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.storage import inbox_repo
from bot.storage.models import (
    ConsentRow,
    ConversationRow,
    DataVersion,
    HandoffRow,
    OutboxRow,
    ReviewQuestionRow,
    RoleRow,
    TrainingExampleRow,
    UnmetNeedRow,
)

MERGE_WINDOW = dt.timedelta(hours=24)
QUESTIONS_PER_DAY = 20  # questions one user may put into the review queue per UTC day
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LOCK_TIMEOUT = "10s"  # how long a turn waits for another process's turn of the same user


def load_state(session: Session, key: str, lock: bool = False) -> dict[str, Any] | None:
    """The stored dialogue state of a user, or None.

    With `lock` the row is locked like `lock_state`'s, without creating one for a new user.
    """
    query = select(ConversationRow.state).where(ConversationRow.user_key == key)
    stored = session.scalar(query.with_for_update() if lock else query)
    return json.loads(stored) if stored else None


def lock_state(session: Session, key: str, now: dt.datetime) -> dict[str, Any] | None:
    """The stored state of a user, locked until the transaction ends (see below), or None.

    Several processes may handle turns of one user at the same time (webhooks behind a
    load balancer). A row lock serialises them: the turn's transaction first makes sure
    the row exists (`INSERT … ON CONFLICT DO NOTHING`, an empty placeholder that only
    survives if the turn commits), then reads it `FOR UPDATE`; the second process waits
    until the first has saved, then reads what it saved. Chosen over a version column
    with retry: a retry would run the dialogue step (and its effects — a hand-off, a
    stored question) twice, and turns of one chat collide often, not rarely. PostgreSQL
    waits at most `LOCK_TIMEOUT` for the lock. SQLite has no row locks; the INSERT makes
    the transaction a writer from its first statement (like `BEGIN IMMEDIATE`), and
    SQLite lets one writer in at a time, so its turns are serialised as a whole.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
        insert_row: Any = postgresql.insert(ConversationRow)
    else:
        insert_row = sqlite.insert(ConversationRow)
    session.execute(
        insert_row.values(user_key=key, state="", updated_at=now).on_conflict_do_nothing()
    )
    stored = session.scalar(
        select(ConversationRow.state).where(ConversationRow.user_key == key).with_for_update()
    )
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
) -> bool:
    """Keep a masked question for coordinator review; False (not kept) beyond the daily cap.

    One user may put at most `QUESTIONS_PER_DAY` questions into the review queue per
    UTC day, so that one chat cannot flood it.
    """
    midnight = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    today = session.scalar(
        select(func.count())
        .select_from(ReviewQuestionRow)
        .where(ReviewQuestionRow.user_key == key, ReviewQuestionRow.created_at >= midnight)
    )
    if int(today or 0) >= QUESTIONS_PER_DAY:
        return False
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
    return True


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


USER_TABLES = (
    ConversationRow,
    ConsentRow,
    HandoffRow,
    ReviewQuestionRow,
    RoleRow,
    TrainingExampleRow,
)


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
        count = int(getattr(result, "rowcount", 0) or 0)
        if table is TrainingExampleRow and count:
            _forget_examples(session)
        removed += count
    return removed


def _forget_examples(session: Session) -> None:
    """Bump the examples' version so that every worker drops the erased examples."""
    version = session.get(DataVersion, 1)
    if version is None:
        session.add(DataVersion(id=1, version=0, examples=1))
    else:
        version.examples = (version.examples or 0) + 1


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
    counts["updates"] = inbox_repo.purge(session, now)
    return counts
