"""Towns, districts and postcodes: which service area covers which place."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field
from pydantic.dataclasses import dataclass

from bot.domain.offers import STRICT, Postcode, ServiceArea, Text


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
    """Look places up by name or postcode and tell whether an area covers them."""

    def __init__(self, places: tuple[Place, ...] | list[Place] = ()) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._by_name = {a.casefold(): p for p in self.places for a in p.aliases}
        self._by_name.update({p.name.casefold(): p for p in self.places})
        self._by_postcode = {plz: p for p in self.places for plz in p.postcodes}

    def __len__(self) -> int:
        return len(self.places)

    def get(self, name: str) -> Place | None:
        """Find a place by its name or one of its aliases (case-insensitive)."""
        return self._by_name.get(name.casefold())

    def by_postcode(self, postcode: str) -> Place | None:
        """Find the municipality a postcode belongs to."""
        return self._by_postcode.get(postcode)

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
        place = self.get(area.name)
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
