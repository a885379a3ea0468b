"""The offer catalog every message reads: an in-memory index, reloaded on import.

Each import bumps a data-version counter in the database; a catalog checks that
counter (at most once per `check_seconds`) and rebuilds its index when it changed, so
every worker sees an import at once.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine

from bot.domain.index import OfferIndex
from bot.domain.places import Gazetteer
from bot.storage.db import session_factory
from bot.storage.offers_repo import data_version, load_offer_data, load_places


class OfferCatalog:
    """Hands out the current offer index of one database."""

    def __init__(self, engine: Engine, check_seconds: float = 1.0) -> None:
        self._sessions = session_factory(engine)
        self._check_seconds = check_seconds
        self._index: OfferIndex | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def current(self) -> OfferIndex:
        """The index of the newest data version (reloaded when an import happened)."""
        now = time.monotonic()
        index = self._index
        if index is not None and now - self._checked_at < self._check_seconds:
            return index
        with self._lock, self._sessions() as session:
            version = data_version(session)
            if self._index is None or self._index.version != version:
                data = load_offer_data(session)
                gazetteer = Gazetteer(load_places(session))
                self._index = OfferIndex.build(data, gazetteer, version)
            self._checked_at = now
            return self._index
