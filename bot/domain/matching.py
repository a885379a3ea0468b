"""Rank offers for a family's situation, and say why each one ranked.

Order of what counts: the offer serves the need; its area covers the place (town or
postcode before district, nationwide last); distance when coordinates are known; the
child's age or the pregnancy fits; staff speak the family's language; low threshold
(free, no application, home visits, anonymous); freshness of `assured_date`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.offers import Offer
from bot.domain.places import distance_km

PARENT_LIMIT = 3
FRESH_DAYS = 365


@dataclass(frozen=True)
class Situation:
    """What the family told: needs, place, child's age or pregnancy, language."""

    needs: tuple[str, ...]
    place: PlaceQuery | None = None
    child_age_months: int | None = None
    pregnant: bool = False
    language: str = "de"
    coordinates: tuple[float, float] | None = None
    shared_location: bool = False  # coordinates from a shared location, not a town's centre


@dataclass(frozen=True)
class Reason:
    """One reason an offer fits, as a message key and its parameters."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    """An offer with its score and reasons."""

    offer: Offer
    score: float
    reasons: tuple[Reason, ...]
    local: bool
    distance_km: float | None = None


def _age_fits(offer: Offer, situation: Situation) -> bool | None:
    rules = offer.eligibility
    has_age_rule = rules.minimum_age_months is not None or rules.maximum_age_months is not None
    if situation.pregnant and rules.pregnancy:
        return True
    if situation.child_age_months is not None and has_age_rule:
        return rules.admits_age(situation.child_age_months)
    if situation.pregnant and has_age_rule and not rules.pregnancy:
        return False
    return None


def offer_point(
    offer: Offer, index: OfferIndex, town_centre: bool = False
) -> tuple[float, float] | None:
    """Where an offer takes place: its location's coordinates, else (if asked) its town's centre."""
    for location in offer.locations:
        if location.latitude is not None and location.longitude is not None:
            return (location.latitude, location.longitude)
    if not town_centre:
        return None
    for location in offer.locations:
        if location.address is None:
            continue
        town = index.gazetteer.by_postcode(location.address.postal_code) or index.gazetteer.get(
            location.address.city
        )
        if town is not None and town.latitude is not None and town.longitude is not None:
            return (town.latitude, town.longitude)
    return None


def score_offer(
    offer: Offer, situation: Situation, index: OfferIndex, today: dt.date
) -> Ranked | None:
    """Score one offer, or None when it does not fit at all."""
    served = [n for n in situation.needs if n in offer.needs]
    if situation.needs and not served:
        return None
    age = _age_fits(offer, situation)
    if age is False:
        return None
    reasons = [Reason("need", {"need": n}) for n in served]
    score = 10.0 * len(served) - (2.0 if offer.referral else 0.0)
    local = False
    if offer.id in index.nationwide:
        reasons.append(Reason("nationwide"))
    elif situation.place is not None:
        local = True
        name = situation.place.place.name
        exact = any(a.name in (name, situation.place.postcode) for a in offer.service_areas)
        score += 30.0 if exact else 25.0
        reasons.append(Reason("place", {"place": name}))
    distance = None
    point = offer_point(offer, index, situation.shared_location)
    if situation.coordinates is not None and point is not None:
        distance = distance_km(situation.coordinates, point)
        score += max(0.0, 10.0 - distance / 3)
        reasons.append(Reason("near", {"km": f"{distance:.0f}"}))
    if age is True:
        score += 4.0
        reasons.append(Reason("pregnancy" if situation.pregnant else "age"))
    if situation.language != "de" and situation.language in offer.languages:
        score += 6.0
        reasons.append(Reason("language", {"language": situation.language}))
    elif situation.language != "de" and offer.interpretation:
        score += 3.0
    for key, points in (
        ("free_of_charge", 2.0),
        ("no_application", 1.5),
        ("home_visits", 1.5),
        ("anonymous", 1.0),
    ):
        if getattr(offer.access, key):
            score += points
            reasons.append(Reason(key))
    age_days = (today - offer.assured_date).days
    score -= min(3.0, max(0, age_days - FRESH_DAYS) / FRESH_DAYS)
    return Ranked(offer, score, tuple(reasons), local, distance)


def rank(
    index: OfferIndex,
    situation: Situation,
    limit: int | None = PARENT_LIMIT,
    today: dt.date | None = None,
) -> list[Ranked]:
    """The offers that fit, best first: local ones, then nationwide ones."""
    today = today or dt.date.today()
    candidates: set[str] = set()
    for need in situation.needs:
        candidates |= index.by_need.get(need, set())
    if not situation.needs:
        candidates = set(index.by_id)
    if situation.place is not None:
        candidates &= index.covering(situation.place)
    else:
        candidates &= index.nationwide
    ranked = [
        r
        for r in (score_offer(index.by_id[i], situation, index, today) for i in candidates)
        if r is not None
    ]
    ranked.sort(key=lambda r: (not r.local, -r.score, r.offer.name))
    return ranked if limit is None else ranked[:limit]


def has_local_offers(index: OfferIndex, needs: tuple[str, ...]) -> bool:
    """Tell whether any non-nationwide offer serves one of the needs (then a place matters)."""
    return any(index.by_need.get(n, set()) - index.nationwide for n in needs)
