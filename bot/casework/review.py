"""Reviewing the questions Lotse could not answer: assign, record as unmet, or set aside.

Assigning a question to a need makes it an approved training example: every worker's
recogniser understands the same question at once (`ExampleCatalog`); `lotse intents
export` later writes the examples into `intents/<lang>.yml` for review in git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import Engine

from bot.casework.service import Actor, utc_now
from bot.domain import report
from bot.domain.needs import NEED_IDS
from bot.nlu.grouping import Group, group_questions
from bot.storage import review_repo, stats_repo
from bot.storage.db import transaction
from bot.storage.review_repo import Question

ACTIONS = ("assigned", "unmet", "out_of_scope", "dismissed")


class Review:
    """The review of unanswered questions, limited to the actor's networks."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    @staticmethod
    def networks(actor: Actor) -> tuple[str, ...] | None:
        """The networks whose questions the actor sees (None: all, for administrators)."""
        return None if actor.roles.admin else actor.roles.coordinator_networks

    def groups(
        self, actor: Actor, language: str | None = None, network: str | None = None
    ) -> list[Group[Question]]:
        """Similar new questions grouped, most frequent and newest first."""
        with transaction(self.engine) as session:
            found = review_repo.open_questions(session, self.networks(actor), language, network)
        return group_questions(found)

    def decide(self, actor: Actor, ids: Sequence[int], action: str, need: str | None = None) -> int:
        """Resolve questions; returns how many (questions of other networks are left alone)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if action in ("assigned", "unmet") and need not in NEED_IDS:
            raise ValueError("assigning or recording an unmet need needs a need id")
        now = self.clock()
        by = actor.name or actor.key
        with transaction(self.engine) as session:
            rows = review_repo.resolve_questions(
                session, ids, self.networks(actor), action, need, by, now
            )
            if action == "assigned" and need is not None:
                review_repo.add_examples(session, rows, need, by, now)
            elif action == "unmet" and need is not None:
                review_repo.add_unmet(session, rows, need, now)
                for row in rows:
                    stats_repo.count(
                        session,
                        now,
                        row.network_id,
                        report.UNMET,
                        row.language,
                        row.place or "",
                        need,
                    )
            return len(rows)
