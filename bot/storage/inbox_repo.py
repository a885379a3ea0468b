"""Repository for the inbox: channel updates stored before they are acknowledged.

A webhook answers 200 only once its update is a row here, so a crash after the answer
loses nothing; the update id is the key, so an update delivered twice is stored once.
Workers of any process claim the oldest unanswered update of a chat — and only when no
earlier update of that chat is unanswered — with `FOR UPDATE SKIP LOCKED` and a lease:
a chat's updates are handled one after the other even across processes, and a worker
killed mid-turn leaves its claim to expire for another. The turn's replies are stored
in the turn's own transaction (`record`), so a re-run after a crash sends them again
instead of running the dialogue twice — only those not yet delivered: the channel counts
each delivered reply (`delivered`), so a crash duplicates at most the one message whose
delivery was not yet counted.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from bot.storage.models import InboxRow

PENDING, HANDLED, DONE = "pending", "handled", "done"
MAX_ATTEMPTS = 5
KEEP = dt.timedelta(days=2)  # Telegram re-delivers for at most a day


def _insert(session: Session) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the session's dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(InboxRow)
    return sqlite.insert(InboxRow)


def store(
    session: Session,
    channel: str,
    seq: int,
    chat: str,
    payload: str | None,
    now: dt.datetime,
) -> bool:
    """Keep an incoming update; False when it was stored before (a re-delivery)."""
    statement = (
        _insert(session)
        .values(
            id=f"{channel}:{seq}",
            channel=channel,
            seq=seq,
            chat=chat,
            payload=payload,
            status=PENDING,
            attempts=0,
            received_at=now,
        )
        .on_conflict_do_nothing()
    )
    return bool(getattr(session.execute(statement), "rowcount", 0))


def claim(
    session: Session, channel: str, now: dt.datetime, lease: dt.timedelta, limit: int = 32
) -> list[InboxRow]:
    """The oldest unanswered update of each free chat, leased to this worker."""
    earlier = aliased(InboxRow)
    first_of_chat = ~exists().where(
        earlier.chat == InboxRow.chat,
        earlier.channel == InboxRow.channel,
        earlier.status != DONE,
        earlier.seq < InboxRow.seq,
    )
    query = (
        select(InboxRow)
        .where(InboxRow.channel == channel, InboxRow.status != DONE)
        .where(InboxRow.lease_until.is_(None) | (InboxRow.lease_until < now))
        .where(first_of_chat)
        .order_by(InboxRow.seq)
        .limit(limit)
        .with_for_update(skip_locked=True, of=InboxRow)
    )
    rows = list(session.scalars(query))
    for row in rows:
        row.lease_until = now + lease
        row.attempts += 1
    return rows


def answered(session: Session, update_id: str) -> list[dict[str, Any]] | None:
    """The replies of an update handled before that were not delivered yet, else None."""
    row = session.get(InboxRow, update_id)
    if row is None or row.status == PENDING or row.replies is None:
        return None
    replies: list[dict[str, Any]] = json.loads(row.replies)
    return replies[row.sent or 0 :]


def delivered(session: Session, update_id: str, count: int) -> None:
    """`count` more of an update's stored replies have reached the user."""
    session.execute(
        update(InboxRow)
        .where(InboxRow.id == update_id, InboxRow.status == HANDLED)
        .values(sent=InboxRow.sent + count)
        .execution_options(synchronize_session=False)
    )


def record(
    session: Session, update_id: str, replies: list[dict[str, Any]], now: dt.datetime
) -> None:
    """Store the replies of a handled update (in the turn's transaction)."""
    session.execute(
        update(InboxRow)
        .where(InboxRow.id == update_id)
        .values(status=HANDLED, replies=json.dumps(replies), handled_at=now)
        .execution_options(synchronize_session=False)
    )


def finish(session: Session, update_ids: list[str], now: dt.datetime) -> None:
    """The updates are answered: forget their content and chat, remember their ids."""
    if not update_ids:
        return
    session.execute(
        update(InboxRow)
        .where(InboxRow.id.in_(update_ids))
        .values(status=DONE, payload=None, replies=None, chat="", lease_until=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(InboxRow)
        .where(InboxRow.id.in_(update_ids), InboxRow.handled_at.is_(None))
        .values(handled_at=now)
        .execution_options(synchronize_session=False)
    )


def retry_later(session: Session, update_id: str, now: dt.datetime, seconds: float) -> None:
    """A turn failed: try again after `seconds`, give up after MAX_ATTEMPTS."""
    row = session.get(InboxRow, update_id)
    if row is None:
        return
    if row.attempts >= MAX_ATTEMPTS:
        finish(session, [update_id], now)
        return
    row.lease_until = now + dt.timedelta(seconds=seconds)


def release(session: Session, update_ids: list[str]) -> None:
    """Give up claims at once (a worker stops): another worker may take them now."""
    if update_ids:
        session.execute(
            update(InboxRow)
            .where(InboxRow.id.in_(update_ids), InboxRow.status != DONE)
            .values(lease_until=None)
            .execution_options(synchronize_session=False)
        )


def pending_count(session: Session, channel: str) -> int:
    """How many updates of a channel wait to be answered."""
    rows = session.scalars(
        select(InboxRow.id).where(InboxRow.channel == channel, InboxRow.status != DONE)
    )
    return len(list(rows))


def purge(session: Session, now: dt.datetime, keep: dt.timedelta = KEEP) -> int:
    """Forget update ids older than `keep` (content of unanswered ones too)."""
    result = session.execute(delete(InboxRow).where(InboxRow.received_at < now - keep))
    return int(getattr(result, "rowcount", 0) or 0)
