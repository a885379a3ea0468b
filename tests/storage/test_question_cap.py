"""One chat cannot flood the review queue: at most 20 questions per user and UTC day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from bot.storage import conversations_repo as repo
from bot.storage.db import make_engine, transaction
from bot.storage.migrate import upgrade
from bot.storage.models import ReviewQuestionRow

NOON = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)


def test_questions_beyond_the_daily_cap_are_not_stored(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'lotse.db'}")
    upgrade(engine)

    def ask(key: str, when: dt.datetime) -> bool:
        with transaction(engine) as session:
            return repo.store_question(session, key, "Angelschein?", "de", None, {}, when)

    def stored(key: str) -> int:
        with transaction(engine) as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(ReviewQuestionRow)
                    .where(ReviewQuestionRow.user_key == key)
                )
                or 0
            )

    yesterday = NOON - dt.timedelta(hours=13)  # 23:00 the day before
    assert all(ask("flood", yesterday) for _ in range(repo.QUESTIONS_PER_DAY))
    answers = [ask("flood", NOON + dt.timedelta(seconds=n)) for n in range(50)]
    assert answers == [True] * repo.QUESTIONS_PER_DAY + [False] * (50 - repo.QUESTIONS_PER_DAY)
    assert stored("flood") == 2 * repo.QUESTIONS_PER_DAY
    assert ask("another-family", NOON)  # the cap is per user
    with transaction(engine) as session:  # several questions in one transaction count too
        for _ in range(30):
            repo.store_question(session, "burst", "x", "de", None, {}, NOON)
    assert stored("burst") == repo.QUESTIONS_PER_DAY
    assert ask("flood", NOON + dt.timedelta(hours=12))  # the next UTC day
    engine.dispose()
