"""Towns, districts and postcodes: which service area covers which place."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field
from pydantic.dataclasses import dataclass

from bot.domain.offers import STRICT, Postcode, ServiceArea, Text

if TYPE_CHECKING:
    from bot.domain.germany import GermanPlaces


@dataclass(frozen=True, config=STRICT)
class Place:
    """A municipality or a district, with its postcodes and other spellings."""

    name: Text
    kind: Literal["municipality", "district"]
    state: Text
    district: str | None = None
    postcodes: tuple[Postcode, ...] = ()
    aliases: tuple[str, ...] = ()
    latitude: Annotated[float, Field(ge=47.0, le=55.5)] | None = None
    longitude: Annotated[float, Field(ge=5.5, le=15.5)] | None = None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class Gazetteer:
    """Look places up by name or postcode and tell whether an area covers them.

    `places` are the curated towns and districts of the offer networks; they come
    first. A name or postcode they do not know is looked up among all German
    municipalities (bot.domain.germany) unless `national` is False. `places`,
    `nearest` and `knows_area` stay curated-only.
    """

    def __init__(self, places: tuple[Place, ...] | list[Place] = (), national: bool = True) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.use_national = national
        self._by_name = {a.casefold(): p for p in self.places for a in p.aliases}
        self._by_name.update({p.name.casefold(): p for p in self.places})
        self._by_postcode = {plz: p for p in self.places for plz in p.postcodes}

    def __len__(self) -> int:
        return len(self.places)

    @property
    def national(self) -> GermanPlaces | None:
        """All German municipalities (read on first use), or None when switched off."""
        if not self.use_national:
            return None
        from bot.domain.germany import german_places  # here: germany imports Place

        return german_places()

    def curated(self, place: Place) -> Place:
        """The curated place for a national municipality of the same name and Land."""
        twin = self._by_name.get(place.name.casefold())
        if twin is not None and twin.kind == "municipality" and twin.state == place.state:
            return twin
        return place

    def get(self, name: str) -> Place | None:
        """Find a place by its name or one of its aliases; curated places first."""
        found = self._by_name.get(name.strip().casefold())
        if found is None and (national := self.national) is not None:
            other = national.by_name(name)
            found = self.curated(other) if other is not None else None
        return found

    def by_postcode(self, postcode: str) -> Place | None:
        """Find the municipality a postcode belongs to; curated places first."""
        found = self._by_postcode.get(postcode)
        if found is None and (national := self.national) is not None:
            other = national.by_postcode(postcode)
            found = self.curated(other) if other is not None else None
        return found

    def nearest(self, point: tuple[float, float], max_km: float) -> Place | None:
        """The municipality whose centre is nearest to a point, if within `max_km`."""
        best: tuple[float, Place] | None = None
        for place in self.places:
            if place.kind != "municipality" or place.latitude is None or place.longitude is None:
                continue
            far = distance_km(point, (place.latitude, place.longitude))
            if far <= max_km and (best is None or far < best[0]):
                best = (far, place)
        return best[1] if best else None

    def knows_area(self, area: ServiceArea) -> bool:
        """Tell whether a service area names a place this gazetteer knows."""
        if area.kind in ("country", "postcode"):
            return True
        if area.kind == "state":
            return any(p.state == area.name for p in self.places)
        place = self._by_name.get(area.name.casefold())
        return place is not None and place.kind == area.kind

    def covers(self, area: ServiceArea, place: Place, postcode: str | None = None) -> bool:
        """Tell whether `area` covers `place` (and, if given, the postcode)."""
        match area.kind:
            case "country":
                return True
            case "state":
                return place.state == area.name
            case "district":
                return area.name in (place.name, place.district)
            case "municipality":
                return area.name == place.name
            case "postcode":
                return postcode == area.name if postcode else area.name in place.postcodes
        return False

    def resolve(self, text: str) -> tuple[Place, str | None] | None:
        """Resolve a canonical name or a postcode to a place (and the postcode if given)."""
        text = text.strip()
        if text.isdigit() and len(text) == 5:
            found = self.by_postcode(text)
            return (found, text) if found else None
        found = self.get(text)
        return (found, None) if found else None
