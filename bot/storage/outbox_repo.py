"""Repository for the outbox: messages a channel worker delivers after the fact.

Rows are written in the same transaction as the change they announce, so nothing is
announced that did not happen and nothing that happened goes unannounced. Workers of
several processes take rows with `FOR UPDATE SKIP LOCKED` on PostgreSQL, and each row by a
compare-and-set of its due time, which also holds on SQLite (`take_due`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.storage.models import OutboxRow

PENDING, SENT, DEAD, SKIPPED = "pending", "sent", "dead", "skipped"
MAX_ATTEMPTS = 8


def enqueue(
    session: Session,
    kind: str,
    channel: str,
    reference: str | None,
    payload: dict[str, Any],
    now: dt.datetime,
) -> None:
    """Queue a message for a channel."""
    session.add(
        OutboxRow(
            kind=kind,
            channel=channel,
            reference=reference,
            payload=json.dumps(payload),
            status=PENDING,
            attempts=0,
            not_before=now,
            created_at=now,
        )
    )


def take_due(
    session: Session,
    channel: str,
    now: dt.datetime,
    limit: int = 20,
    lease: dt.timedelta = dt.timedelta(0),
) -> list[OutboxRow]:
    """Pending rows of a channel that are due, oldest first, claimed for this worker.

    Each row is claimed by a compare-and-set on its due time (moved on by `lease`): a
    worker that read the same row before another claimed it finds it changed and leaves
    it. `FOR UPDATE SKIP LOCKED` spares PostgreSQL the wait; SQLite ignores it, and reads
    outside a transaction, so there the claim is what keeps a notice from going out twice.
    """
    query = (
        select(OutboxRow)
        .where(OutboxRow.channel == channel, OutboxRow.status == PENDING)
        .where(OutboxRow.not_before <= now)
        .order_by(OutboxRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [row for row in session.scalars(query).all() if claim(session, row, now + lease)]


def claim(session: Session, row: OutboxRow, until: dt.datetime) -> bool:
    """Claim a row read as pending: move its due time to `until` unless it changed since.

    False when another worker claimed or finished it after it was read; the row is then
    left out of this session, not to be touched.
    """
    seen = row.not_before
    taken = session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row.id, OutboxRow.status == PENDING)
        .where(OutboxRow.not_before == seen)
        .values(not_before=until)
        .execution_options(synchronize_session=False)
    )
    if getattr(taken, "rowcount", 0) != 1:
        session.expunge(row)
        return False
    row.not_before = until
    return True


def payload_of(row: OutboxRow) -> dict[str, Any]:
    """The row's payload as a dict."""
    data: dict[str, Any] = json.loads(row.payload or "{}")
    return data


def finish(row: OutboxRow, status: str, now: dt.datetime) -> None:
    """Mark a row delivered, dead (never to be retried) or skipped; relayed text is erased."""
    row.status = status
    row.sent_at = now
    row.payload = "{}"


def retry_later(row: OutboxRow, now: dt.datetime, seconds: float | None = None) -> None:
    """Try again later, with exponential back-off; give up after MAX_ATTEMPTS."""
    row.attempts += 1
    if row.attempts >= MAX_ATTEMPTS:
        finish(row, DEAD, now)
        return
    delay = seconds if seconds is not None else min(3600.0, 2.0**row.attempts)
    row.not_before = now + dt.timedelta(seconds=delay)
