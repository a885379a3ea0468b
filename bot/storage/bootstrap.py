"""Open the configured database, creating and filling the embedded default on first use."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, inspect

from bot.progress import progress
from bot.settings import Settings
from bot.storage.db import make_engine, session_factory
from bot.storage.demo_start import start_from_snapshot
from bot.storage.migrate import create_fresh, current_revision, is_current, newest_revision, upgrade
from bot.storage.offers_repo import data_version

log = logging.getLogger(__name__)


class DatabaseNotReady(RuntimeError):
    """The database schema is older than the code (run `lotse db upgrade`)."""


def open_database(settings: Settings) -> Engine:
    """An engine for the configured database, ready to use.

    The embedded SQLite default is created, migrated and filled with the shipped demo
    offers on first use. A server database (PostgreSQL) is never changed implicitly:
    it must be migrated with `lotse db upgrade` and filled with `lotse offers import`.
    """
    engine = make_engine(settings.effective_database_url)
    if engine.dialect.name != "sqlite":
        if not is_current(engine):
            raise DatabaseNotReady("the database schema is not current: run `lotse db upgrade`")
        return engine
    if start_from_snapshot(engine, settings.offers_dir):
        return engine  # a new database file: a copy of the shipped demo database
    revision = current_revision(engine)
    if revision is None and not inspect(engine).get_table_names():
        create_fresh(engine)  # first use: the newest schema at once
    elif revision != newest_revision():
        with progress("setting up the database"):
            upgrade(engine)
    with session_factory(engine)() as session:
        empty = data_version(session) == 0
    if empty and settings.offers_dir.is_dir():
        from bot.storage.importing import import_offers  # first use only

        with progress("first start: loading the demo offers") as advance:
            result = import_offers(
                engine, [settings.offers_dir], on_offer=lambda _offer: advance(1)
            )
        if result.summary is None:
            problems = "; ".join(str(p) for p in result.curated.problems[:5])
            raise DatabaseNotReady(f"the shipped offers do not validate: {problems}")
        log.info("loaded %d demo offers", result.summary.added)
    return engine
