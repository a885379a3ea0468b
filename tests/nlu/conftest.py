"""One analyzer per test session, trained from `intents/` (cached in a temp folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.curation.load import load_curated
from bot.domain.places import Gazetteer
from bot.nlu.analyzer import Analyzer
from tests.conftest import DEMO_OFFERS, ROOT


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer(load_curated([DEMO_OFFERS]).places)


@pytest.fixture(scope="session")
def analyzer(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer) -> Analyzer:
    cache: Path = tmp_path_factory.mktemp("nlu-cache")
    return Analyzer.from_training_data(ROOT / "intents", cache, gazetteer)
