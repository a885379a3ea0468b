"""Wiring for commands and channels: the database, the offer catalog, the analyzer."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.conversation import ConversationService
from bot.conversation import Settings as ServiceSettings
from bot.domain.places import Gazetteer
from bot.i18n.render import PLAIN, Renderer, Style
from bot.nlu.analyzer import Analyzer
from bot.settings import Settings
from bot.storage.catalog import OfferCatalog
from bot.storage.db import session_factory
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.offers_repo import load_places

log = logging.getLogger(__name__)


def gazetteer_of(engine: Engine, settings: Settings | None = None) -> Gazetteer:
    """The places of the offer database; without a database, those of the curated files."""
    try:
        with session_factory(engine)() as session:
            return Gazetteer(load_places(session))
    except SQLAlchemyError:
        if settings is None:
            raise
        log.warning("database unreachable: places read from the curated files")
        return curated_gazetteer(settings)


def curated_gazetteer(settings: Settings) -> Gazetteer:
    """The places of the curated offer files (`LOTSE_OFFERS_DIR`)."""
    from bot.curation.load import PLACES_FILE, load_curated

    places_file = settings.offers_dir / PLACES_FILE
    if not places_file.is_file():
        return Gazetteer()
    return Gazetteer(load_curated([places_file]).places)


def open_or_degraded(settings: Settings) -> tuple[Engine, bool]:
    """The configured database, or — when it cannot be opened — an engine for it anyway.

    The second value says whether the database is ready. A channel started without it
    answers every message: emergency numbers for a crisis, an apology naming 112 and 110
    otherwise, and it recovers by itself when the database comes back (every turn tries).
    """
    from bot.storage.bootstrap import DatabaseNotReady, open_database
    from bot.storage.db import make_engine

    try:
        return open_database(settings), True
    except (SQLAlchemyError, OSError, DatabaseNotReady) as error:
        log.warning("database not ready (%s): answering without it", type(error).__name__)
    try:
        return make_engine(settings.effective_database_url), False
    except (SQLAlchemyError, OSError):
        return make_engine("sqlite://"), False  # an empty in-memory stand-in: every turn fails


def database_ready(engine: Engine) -> bool:
    """Whether the database answers a trivial query now (for `/readyz`)."""
    from sqlalchemy import text

    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True


def build_analyzer(settings: Settings, gazetteer: Gazetteer) -> Analyzer:
    """The analyzer for the configured training data, trained once and cached."""
    return Analyzer.from_training_data(settings.intents_dir, settings.model_cache_dir, gazetteer)


def build_service(settings: Settings, engine: Engine, style: Style = PLAIN) -> ConversationService:
    """The conversation service for a channel (also while the database is unreachable)."""
    analyzer = build_analyzer(settings, gazetteer_of(engine, settings))
    return ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine),
        examples=ExampleCatalog(engine),
        renderer=Renderer(settings.locales_dir, style),
        settings=ServiceSettings(
            secret=settings.effective_secret(),
            conversation_days=settings.conversation_days,
            handoff_days=settings.handoff_days,
            question_days=settings.question_days,
        ),
    )


def style_named(name: str) -> Style:
    """A channel's markup by name (for worker processes, which cannot receive functions)."""
    if name == "html":
        from bot.channels.telegram.markup import HTML_STYLE

        return HTML_STYLE
    return PLAIN


def warm_up(analyzer: Analyzer, renderer: Renderer) -> None:
    """Read now what a server's first message would otherwise wait for (~0.2 s).

    For long-running servers (Telegram, web chat, the Rasa action server), so that their
    first request is answered as fast as later ones: the table of German places and the
    language detector (read on first use), and every language's catalog (compiled when
    first needed). `lotse chat` does not: its first answer is what it waits for anyway.
    """
    from bot.domain.germany import german_places
    from bot.nlu.language import lingua_detector

    german_places()
    lingua_detector()
    analyzer.analyze("Hallo, wir suchen eine Hebamme")
    renderer.translations.compile_all()
