"""Two processes handling turns of one conversation at once keep both turns, in order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text

import bot.conversation as conversation
from bot.conversation import ConversationService, Settings
from bot.dialogue.engine import Turn
from bot.dialogue.state import ConversationState
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage import conversations_repo as repo
from bot.storage.catalog import OfferCatalog
from bot.storage.db import make_engine, transaction
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.importing import import_offers
from bot.storage.migrate import upgrade
from tests.conftest import DEMO_OFFERS, ROOT, TEST_OFFERS

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_engines(postgres_url: str) -> Iterator[tuple[Engine, Engine]]:
    """Two engines on one PostgreSQL database, as two webhook processes have."""
    first, second = make_engine(postgres_url), make_engine(postgres_url)
    upgrade(first)
    assert import_offers(first, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    yield first, second
    first.dispose()
    second.dispose()


def _service(engine: Engine, analyzer: Analyzer) -> ConversationService:
    return ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine, check_seconds=0),
        examples=ExampleCatalog(engine, check_seconds=0),
        renderer=Renderer(ROOT / "locales"),
        settings=Settings(secret="race-secret"),
    )


def _waiting_for_a_lock(engine: Engine) -> int:
    with engine.connect() as connection:
        count = connection.scalar(
            text("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
        )
    return int(count or 0)


def test_two_processes_racing_on_one_conversation_keep_both_turns(
    two_engines: tuple[Engine, Engine], analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = (_service(e, analyzer) for e in two_engines)
    inside, release = threading.Event(), threading.Event()
    real_step: Callable[..., Any] = conversation.step

    def held_step(state: ConversationState, turn: Turn, context: Any) -> Any:
        if turn.text and "Hebamme" in turn.text:  # the first turn waits inside its transaction
            inside.set()
            assert release.wait(60)
        return real_step(state, turn, context)

    monkeypatch.setattr(conversation, "step", held_step)
    answers: dict[str, list[str]] = {}

    def turn(service: ConversationService, name: str, message: str) -> None:
        replies = service.handle("telegram", "4711", Turn(text=message))
        answers[name] = [r.text for r in replies]

    a = threading.Thread(target=turn, args=(first, "a", "Wir suchen eine Hebamme"))
    a.start()
    assert inside.wait(60)
    b = threading.Thread(target=turn, args=(second, "b", "Wir wohnen in Gummersbach"))
    b.start()
    for _ in range(1200):  # the second turn waits for the first one's lock
        if _waiting_for_a_lock(two_engines[0]):
            break
        time.sleep(0.05)
    else:
        pytest.fail("the second turn did not wait for the first")
    release.set()
    a.join(60)
    b.join(60)
    with transaction(two_engines[0]) as session:
        stored = repo.load_state(session, first.key("telegram", "4711"))
    assert stored is not None
    state = ConversationState.from_dict(stored)
    assert "midwife" in state.needs  # the first turn's effect
    assert state.place == "Gummersbach"  # the second turn's, applied on top of it
    assert not any("Gummersbach" in t for t in answers["a"])
    assert any("Gummersbach" in t for t in answers["b"])  # B saw A's need: offers there
