"""Monthly counts: what families' turns add, and that concurrent turns never collide."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine, select

from bot.conversation import ConversationService
from bot.storage import stats_repo
from bot.storage.db import session_factory, transaction
from bot.storage.models import StatCountRow
from tests.harness import Harness

NOW = dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC)


def counts(engine: Engine) -> dict[tuple[str, str, str], int]:
    with session_factory(engine)() as session:
        rows = session.scalars(select(StatCountRow))
        return {(r.network_id, r.metric, r.detail): r.count for r in rows}


def test_concurrent_turns_add_up(engine: Engine) -> None:
    def add(_: int) -> None:
        for _ in range(10):
            with transaction(engine) as session:
                stats_repo.count(session, NOW, "musterstadt", "conversation", "de")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(add, range(8)))
    assert counts(engine) == {("musterstadt", "conversation", ""): 80}


def test_a_conversation_counts_once_a_month_for_its_network(service: ConversationService) -> None:
    family = Harness(service, user="f1")
    family.say("Hallo")
    family.say("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    family.say("Und wir suchen eine Hebamme, unser Baby ist 2 Monate alt")
    found = counts(service.engine)
    assert found[("musterstadt", "conversation", "")] == 1
    assert found.get(("", "conversation", ""), 0) == 0  # moved to the network once known
    assert found[("musterstadt", "need", "money")] == 1
    assert found[("musterstadt", "need", "midwife")] == 1


def test_professionals_are_not_counted(service: ConversationService) -> None:
    service.grant_professional("test", "pro")
    Harness(service, user="pro").say("Schreiambulanz Musterstadt")
    assert counts(service.engine) == {}
