"""An in-memory index of the active offers, built once per data version.

Offers are few (thousands) and read on every message, so lookups by need, place and
language are set operations over precomputed tables.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.domain.offers import Network, Offer, OfferData, ServiceArea
from bot.domain.places import Gazetteer, Place


def short_id(offer_id: str) -> str:
    """A short, stable name of an offer for button data (10 hex characters)."""
    return hashlib.sha1(offer_id.encode(), usedforsecurity=False).hexdigest()[:10]


@dataclass(frozen=True)
class PlaceQuery:
    """A place as asked for: a gazetteer place, optionally narrowed to a postcode."""

    place: Place
    postcode: str | None = None


@dataclass
class OfferIndex:
    """Active offers with lookup tables by need, covered place and language."""

    data: OfferData
    gazetteer: Gazetteer
    version: int = 0
    by_id: dict[str, Offer] = field(default_factory=dict)
    by_need: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_language: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_place: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_postcode: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    nationwide: set[str] = field(default_factory=set)
    # normalised words of each offer, filled lazily by the professionals' quick search
    search_tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    short_ids: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, data: OfferData, gazetteer: Gazetteer, version: int = 0) -> OfferIndex:
        """Index the active offers of `data`."""
        index = cls(data=data, gazetteer=gazetteer, version=version)
        for offer in data.offers:
            if offer.is_active:
                index._add(offer)
        return index

    def _add(self, offer: Offer) -> None:
        self.by_id[offer.id] = offer
        for need in offer.needs:
            self.by_need[need].add(offer.id)
        for language in offer.languages:
            self.by_language[language].add(offer.id)
        for area in offer.service_areas:
            self._add_area(offer.id, area)

    def _add_area(self, offer_id: str, area: ServiceArea) -> None:
        if area.kind == "country":
            self.nationwide.add(offer_id)
        elif area.kind == "postcode":
            self.by_postcode[area.name].add(offer_id)
        else:
            for place in self.gazetteer.places:
                if self.gazetteer.covers(area, place):
                    self.by_place[place.name].add(offer_id)

    def __len__(self) -> int:
        return len(self.by_id)

    def by_short_id(self, short: str) -> Offer | None:
        """The active offer with this `short_id`, if any."""
        if not self.short_ids:
            self.short_ids.update({short_id(i): i for i in self.by_id})
        offer_id = self.short_ids.get(short)
        return self.by_id.get(offer_id) if offer_id else None

    def covering(self, query: PlaceQuery, include_nationwide: bool = True) -> set[str]:
        """Ids of the offers whose service area covers the place."""
        ids = set(self.by_place.get(query.place.name, ()))
        postcodes: Iterable[str] = [query.postcode] if query.postcode else query.place.postcodes
        for plz in postcodes:
            ids |= self.by_postcode.get(plz, set())
        if include_nationwide:
            ids |= self.nationwide
        return ids

    def place_query(self, place: str | None, postcode: str | None) -> PlaceQuery | None:
        """A town and/or postcode as the index knows them (the postcode first)."""
        if postcode:
            resolved = self.gazetteer.resolve(postcode)
            if resolved:
                return PlaceQuery(*resolved)
        if place:
            found = self.gazetteer.get(place)
            if found:
                return PlaceQuery(found, None)
        return None

    def network_for(self, query: PlaceQuery) -> Network | None:
        """The local network whose area covers the place (nationwide services excluded)."""
        for network in self.data.networks:
            if any(
                area.kind != "country" and self.gazetteer.covers(area, query.place, query.postcode)
                for area in network.service_areas
            ):
                return network
        return None

    def find(
        self,
        need: str | None = None,
        place: PlaceQuery | None = None,
        language: str | None = None,
    ) -> list[Offer]:
        """Offers matching every given filter, local before nationwide, then by name."""
        filters: list[set[str]] = []
        if need is not None:
            filters.append(self.by_need.get(need, set()))
        if place is not None:
            filters.append(self.covering(place))
        if language is not None:
            filters.append(self.by_language.get(language, set()))
        if not filters:
            ids: set[str] = set(self.by_id)
        else:
            filters.sort(key=len)
            ids = filters[0].intersection(*filters[1:])
        offers = [self.by_id[i] for i in ids]
        return sorted(offers, key=lambda o: (o.id in self.nationwide, o.name.casefold()))
