"""A conversation service on a real database with demo and fictional offers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.conversation import ConversationService, Settings
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage.catalog import OfferCatalog
from bot.storage.importing import import_offers
from tests.conftest import DEMO_OFFERS, ROOT, TEST_OFFERS
from tests.harness import Harness


@pytest.fixture
def service(engine: Engine, analyzer: Analyzer) -> ConversationService:
    result = import_offers(engine, [DEMO_OFFERS, TEST_OFFERS])
    assert result.summary is not None, result.curated.problems
    return ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine, check_seconds=0),
        renderer=Renderer(ROOT / "locales"),
        settings=Settings(secret="test-secret"),
    )


@pytest.fixture
def family(service: ConversationService) -> Iterator[Harness]:
    yield Harness(service)
