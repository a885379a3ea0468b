"""Fixtures: the test Bot API server and the real bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import Engine

from bot.conversation import ConversationService
from bot.nlu.analyzer import Analyzer
from bot.storage.importing import import_offers
from tests.conftest import DEMO_OFFERS, TEST_OFFERS
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import make_service, polling


@pytest.fixture
def bot_api() -> Iterator[FakeBotApi]:
    server = FakeBotApi()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def running_bot(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> AsyncIterator[ConversationService]:
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    service = make_service(engine, analyzer)
    async with polling(bot_api, service):
        yield service
