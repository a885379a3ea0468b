"""Checks the command handlers share: unknown ids are errors, not empty answers."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, select

from bot.commands import USAGE, CommandError
from bot.storage.db import transaction
from bot.storage.models import NetworkRow, ReviewQuestionRow
from bot.storage.review_repo import NEW


def require_network(engine: Engine, network: str | None) -> None:
    """Raise a `CommandError` naming the known networks when `network` is not one."""
    if network is None:
        return
    with transaction(engine) as session:
        if session.get(NetworkRow, network) is not None:
            return
        known = ", ".join(session.scalars(select(NetworkRow.id).order_by(NetworkRow.id)))
    raise CommandError(f"unknown network {network!r}; known: {known}", USAGE)


def require_open_questions(engine: Engine, ids: Sequence[int]) -> None:
    """Raise a `CommandError` when an id is not an open question of `lotse review`."""
    with transaction(engine) as session:
        found = set(
            session.scalars(
                select(ReviewQuestionRow.id).where(
                    ReviewQuestionRow.id.in_(ids), ReviewQuestionRow.status == NEW
                )
            )
        )
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise CommandError(
            f"no open question {', '.join(missing)} (see `lotse review`); nothing was changed",
            USAGE,
        )
