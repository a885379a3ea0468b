"""Repository for the anonymous monthly counts behind the coordinators' reports.

Counts carry a month, a network, a metric and at most a language, a town and a detail
(a need or an outcome) — never a user, never a text. They outlive the conversations
and hand-offs they count (those are purged after their retention periods).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.storage.models import ClaimTimeRow, StatCountRow


def month_of(moment: dt.datetime | dt.date) -> str:
    """The report month of a moment, as "2026-12"."""
    return f"{moment.year:04d}-{moment.month:02d}"


def count(
    session: Session,
    now: dt.datetime,
    network: str | None,
    metric: str,
    language: str = "",
    place: str = "",
    detail: str = "",
    by: int = 1,
) -> None:
    """Add to one monthly count: one atomic upsert, so that concurrent turns never collide."""
    values = {
        "month": month_of(now),
        "network_id": network or "",
        "metric": metric,
        "language": language or "",
        "place": (place or "")[:200],
        "detail": detail or "",
        "count": by,
    }
    dialect = session.get_bind().dialect.name
    upsert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(StatCountRow)
    statement = upsert.values(**values).on_conflict_do_update(
        index_elements=["month", "network_id", "metric", "language", "place", "detail"],
        set_={"count": StatCountRow.count + by},
    )
    session.execute(statement)


def claim_time(session: Session, now: dt.datetime, network: str, minutes: float) -> None:
    """Record how long a hand-off waited for a coordinator."""
    session.add(ClaimTimeRow(month=month_of(now), network_id=network, minutes=minutes))


@dataclass(frozen=True)
class Counted:
    """One stored count."""

    metric: str
    language: str
    place: str
    detail: str
    count: int


def counts_of(session: Session, network: str, month: str) -> list[Counted]:
    """Every count of a network in a month."""
    rows = session.execute(
        select(
            StatCountRow.metric,
            StatCountRow.language,
            StatCountRow.place,
            StatCountRow.detail,
            StatCountRow.count,
        ).where(StatCountRow.network_id == network, StatCountRow.month == month)
    )
    return [Counted(*row) for row in rows]


def claim_minutes(session: Session, network: str, month: str) -> list[float]:
    """How long the hand-offs of a month waited until claimed."""
    return list(
        session.scalars(
            select(ClaimTimeRow.minutes).where(
                ClaimTimeRow.network_id == network, ClaimTimeRow.month == month
            )
        )
    )


def months_with_counts(session: Session, network: str) -> list[str]:
    """The months that have counts for a network, newest first."""
    return sorted(
        set(session.scalars(select(StatCountRow.month).where(StatCountRow.network_id == network))),
        reverse=True,
    )
