"""Shared fixtures: real SQLite files and real PostgreSQL databases, demo and test data."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.conversation import ConversationService, Settings
from bot.curation.load import load_curated
from bot.domain.places import Gazetteer
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage.catalog import OfferCatalog
from bot.storage.db import make_engine
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.importing import import_offers
from bot.storage.migrate import upgrade
from tests.harness import Harness

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PTB_TIMEDELTA", "true")
DEMO_OFFERS = ROOT / "offers_data"
TEST_OFFERS = ROOT / "tests" / "data" / "offers"
POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data dir, so nothing touches the user's database."""
    from bot.settings import get_settings

    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LOTSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _postgres_admin() -> Engine:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as error:
        engine.dispose()
        reason = f"PostgreSQL not reachable at {make_url(POSTGRES_URL).render_as_string()}"
        if IN_CI:
            pytest.fail(f"{reason} (CI=true requires it): {error}", pytrace=False)
        pytest.skip(f"{reason}; set LOTSE_TEST_POSTGRES_URL or start it (CI runs these)")
    return engine


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    admin = _postgres_admin()
    name = f"lotse_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind: a SQLite file and a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'lotse.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database of each kind."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The demo gazetteer."""
    return Gazetteer(load_curated([DEMO_OFFERS, TEST_OFFERS]).places)


@pytest.fixture(scope="session")
def nlu_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder where this test session keeps the trained recogniser."""
    return tmp_path_factory.mktemp("nlu")


@pytest.fixture(scope="session")
def analyzer(nlu_cache: Path, gazetteer: Gazetteer) -> Analyzer:
    """One analyzer per test session, trained from intents/ into a temporary cache."""
    return Analyzer.from_training_data(ROOT / "intents", nlu_cache, gazetteer)


@pytest.fixture
def service(engine: Engine, analyzer: Analyzer) -> ConversationService:
    """A conversation service on a real database with the demo and the fictional offers."""
    result = import_offers(engine, [DEMO_OFFERS, TEST_OFFERS])
    assert result.summary is not None, result.curated.problems
    return ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine, check_seconds=0),
        examples=ExampleCatalog(engine, check_seconds=0),
        renderer=Renderer(ROOT / "locales"),
        settings=Settings(secret="test-secret"),
    )


@pytest.fixture
def family(service: ConversationService) -> Iterator[Harness]:
    """One family talking to Lotse."""
    yield Harness(service)


def free_port() -> int:
    """A free TCP port on loopback, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
