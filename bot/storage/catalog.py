"""The offer catalog every message reads: an in-memory index, reloaded on import.

Each import bumps a data-version counter in the database; the catalog checks that
counter (at most once per `check_seconds`) and rebuilds its index when it changed, so
every worker sees an import at once.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.domain.index import OfferIndex
from bot.domain.places import Gazetteer
from bot.storage.offers_repo import data_version, load_offer_data, load_places
from bot.storage.versioned import VersionedCache


def _index(session: Session, version: int) -> OfferIndex:
    gazetteer = Gazetteer(load_places(session))
    return OfferIndex.build(load_offer_data(session), gazetteer, version)


class OfferCatalog(VersionedCache[OfferIndex]):
    """Hands out the current offer index of one database."""

    def __init__(self, engine: Engine, check_seconds: float = 1.0) -> None:
        super().__init__(engine, data_version, _index, check_seconds)
