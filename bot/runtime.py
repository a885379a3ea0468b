"""Wiring for commands and channels: the database, the offer catalog, the analyzer."""

from __future__ import annotations

from sqlalchemy import Engine

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


def gazetteer_of(engine: Engine) -> Gazetteer:
    """The places of the offer database."""
    with session_factory(engine)() as session:
        return Gazetteer(load_places(session))


def build_analyzer(settings: Settings, gazetteer: Gazetteer) -> Analyzer:
    """The analyzer for the configured training data, trained once and cached."""
    return Analyzer.from_training_data(settings.intents_dir, settings.model_cache_dir, gazetteer)


def build_service(settings: Settings, engine: Engine, style: Style = PLAIN) -> ConversationService:
    """The conversation service for a channel."""
    analyzer = build_analyzer(settings, gazetteer_of(engine))
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
