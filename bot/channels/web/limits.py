"""Rate limits of the web chat, counted in the database so that they hold across instances.

Each message adds one to a counter per (bucket, minute): one bucket for the browser's
session, one for the client address. Both are pseudonyms (HMAC), never a token or an IP
address. The increment is one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING`, on
SQLite and PostgreSQL alike, so parallel requests of several instances count exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.storage.db import transaction
from bot.storage.models import WebRateRow


@dataclass(frozen=True)
class Limits:
    """Messages allowed per minute and session, and per minute and client address."""

    per_session: int = 20
    per_address: int = 120


def bucket(secret: str, kind: str, value: str) -> str:
    """A pseudonymous counter name for a session or an address."""
    digest = hmac.new(secret.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return f"{kind}:{digest.hexdigest()[:40]}"


def minute_of(now: dt.datetime) -> int:
    """The minute since the epoch that a counter belongs to."""
    return int(now.timestamp() // 60)


def _increment(session: Session, name: str, minute: int) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    counted = insert(WebRateRow).values(bucket=name, minute=minute, count=1)
    statement = counted.on_conflict_do_update(
        index_elements=[WebRateRow.bucket, WebRateRow.minute],
        set_={"count": WebRateRow.count + 1},
    ).returning(WebRateRow.count)
    return int(session.execute(statement).scalar_one())


@dataclass
class RateLimiter:
    """Counts messages and says whether one more is allowed."""

    engine: Engine
    secret: str
    limits: Limits

    def allow(self, session_id: str, address: str, now: dt.datetime) -> bool:
        """Count one message of a session from an address; False when over a limit."""
        minute = minute_of(now)
        with transaction(self.engine) as session:  # one commit for both counters
            own = _increment(session, bucket(self.secret, "s", session_id), minute)
            if own > self.limits.per_session:
                return False
            shared = _increment(session, bucket(self.secret, "a", address), minute)
            return shared <= self.limits.per_address

    def purge(self, now: dt.datetime) -> int:
        """Drop the counters of past minutes; return how many."""
        with transaction(self.engine) as session:
            result = session.execute(
                delete(WebRateRow).where(WebRateRow.minute < minute_of(now) - 1)
            )
        return int(getattr(result, "rowcount", 0) or 0)
