"""Repository for the coordinators' review: unanswered questions and approved examples."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.privacy import KEPT_CHARS, mask_personal_data
from bot.nlu.memory import Approved
from bot.storage.db import aware
from bot.storage.models import DataVersion, ReviewQuestionRow, TrainingExampleRow, UnmetNeedRow

NEW = "new"
RESOLUTIONS = ("assigned", "unmet", "out_of_scope", "dismissed")


@dataclass(frozen=True)
class Question:
    """An unanswered question as coordinators see it: masked text, never who asked."""

    id: int
    text: str
    language: str
    place: str | None
    network: str | None
    guesses: dict[str, float]
    created_at: dt.datetime


def open_questions(
    session: Session,
    networks: Sequence[str] | None,
    language: str | None = None,
    network: str | None = None,
    limit: int = 1000,
) -> list[Question]:
    """New questions, newest first; `networks` limits to a coordinator's (None: all).

    Questions whose place belongs to no network are seen by administrators only.
    """
    query = select(ReviewQuestionRow).where(ReviewQuestionRow.status == NEW)
    if networks is not None:
        query = query.where(ReviewQuestionRow.network_id.in_(networks))
    if network:
        query = query.where(ReviewQuestionRow.network_id == network)
    if language:
        query = query.where(ReviewQuestionRow.language == language)
    rows = session.scalars(query.order_by(ReviewQuestionRow.created_at.desc()).limit(limit))
    return [
        Question(
            r.id,
            r.text,
            r.language,
            r.place,
            r.network_id,
            json.loads(r.guesses or "{}"),
            aware(r.created_at),
        )
        for r in rows
    ]


def resolve_questions(
    session: Session,
    ids: Sequence[int],
    networks: Sequence[str] | None,
    resolution: str,
    need: str | None,
    by: str,
    now: dt.datetime,
) -> list[ReviewQuestionRow]:
    """Mark questions resolved; only those of the given networks (None: all). Returns them."""
    if resolution not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {resolution!r}")
    query = select(ReviewQuestionRow).where(
        ReviewQuestionRow.id.in_(ids), ReviewQuestionRow.status == NEW
    )
    if networks is not None:
        query = query.where(ReviewQuestionRow.network_id.in_(networks))
    rows = list(session.scalars(query.with_for_update()))
    for row in rows:
        row.status, row.need, row.resolved_by, row.resolved_at = resolution, need, by, now
    return rows


def add_examples(
    session: Session, rows: Sequence[ReviewQuestionRow], need: str, by: str, now: dt.datetime
) -> None:
    """Approve questions as training examples of a need; every worker sees them at once.

    The text is masked again (names and addresses, too) and keeps the asker's key, so
    that /delete erases the example with the user's other rows.
    """
    for row in rows:
        session.add(
            TrainingExampleRow(
                user_key=row.user_key,
                text=mask_personal_data(row.text[:KEPT_CHARS]),
                language=row.language,
                intent=need,
                created_by=by,
                created_at=now,
            )
        )
    version = session.get(DataVersion, 1)
    if version is None:
        session.add(DataVersion(id=1, version=0, examples=1))
    else:
        version.examples = (version.examples or 0) + 1


def add_unmet(
    session: Session, rows: Sequence[ReviewQuestionRow], need: str, now: dt.datetime
) -> None:
    """Count the questions as a need no offer meets (for the reports)."""
    for row in rows:
        session.add(
            UnmetNeedRow(
                need=need,
                place=row.place or "",
                language=row.language,
                created_at=now,
                network_id=row.network_id,
                source="review",
            )
        )


def examples_version(session: Session) -> int:
    """The counter every approval bumps."""
    row = session.get(DataVersion, 1)
    return int(row.examples or 0) if row else 0


def approved_examples(session: Session) -> list[Approved]:
    """Every approved example."""
    rows = session.execute(
        select(TrainingExampleRow.text, TrainingExampleRow.language, TrainingExampleRow.intent)
    )
    return [Approved(text, language, intent) for text, language, intent in rows]


def unexported_examples(session: Session) -> list[TrainingExampleRow]:
    """Approved examples not yet written into intents/."""
    return list(
        session.scalars(
            select(TrainingExampleRow)
            .where(TrainingExampleRow.exported_at.is_(None))
            .order_by(TrainingExampleRow.id)
        )
    )


def mark_exported(session: Session, ids: Sequence[int], now: dt.datetime) -> None:
    """Remember that examples are now in intents/."""
    session.execute(
        update(TrainingExampleRow)
        .where(TrainingExampleRow.id.in_(ids))
        .values(exported_at=now)
        .execution_options(synchronize_session=False)
    )
