"""Quick search for professionals: "Schreiambulanz Coesfeld", "Beratung auf Arabisch 53721".

A query is read into needs (the recogniser's), a place (town or postcode), a language
the staff should speak (its name in any supported language, found with babel's
language names) and the remaining words, which are matched against the offers' names,
organisations, descriptions and areas. Results carry their reasons.

When the query names a kind of help (a need) and no offer of that kind is listed in the
asked place (a local point of contact that refers on does not count), the result says so
and brings the nearest alternatives: the local points of contact, the nationwide
services for the need, and the nearest offers of the need elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from babel import Locale
from rapidfuzz import fuzz

from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.matching import Ranked, Reason, Situation, score_offer
from bot.domain.offers import Offer
from bot.domain.places import distance_km
from bot.nlu.analyzer import Analysis
from bot.nlu.entities import common_prefix
from bot.nlu.language import SUPPORTED
from bot.nlu.normalize import normalize

# small and generic words that carry no meaning for a search, in the supported languages
_STOP = frozenset(
    (
        "auf",
        "in",
        "im",
        "am",
        "an",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "für",
        "fuer",
        "fur",
        "mit",
        "bei",
        "von",
        "zu",
        "und",
        "oder",
        "nach",
        "nähe",
        "naehe",
        "gibt",
        "es",
        "wo",
        "suche",
        "suchen",
        "brauche",
        "ich",
        "wir",
        "bitte",
        "angebot",
        "angebote",
        "beratung",
        "hilfe",
        "helfen",
        "unterstützung",
        "the",
        "a",
        "for",
        "on",
        "at",
        "of",
        "with",
        "near",
        "and",
        "or",
        "find",
        "looking",
        "need",
        "offer",
        "offers",
        "help",
        "support",
        "counselling",
        "counseling",
        "advice",
        "de",
        "la",
        "le",
        "les",
        "du",
        "pour",
        "en",
        "avec",
        "et",
        "près",
        "une",
        "un",
        "à",
        "sur",
        "dans",
        "conseil",
        "aide",
        "ve",
        "ile",
        "için",
        "bir",
        "danışmanlık",
        "yardım",
        "на",
        "в",
        "для",
        "и",
        "с",
        "у",
        "по",
        "за",
        "при",
        "из",
        "пошук",
        "шукаю",
        "ищу",
        "нужно",
        "потрібно",
        "консультация",
        "консультація",
        "помощь",
        "допомога",
        "консултация",
        "помощ",
        "في",
        "من",
        "مع",
        "على",
        "عن",
        "الى",
        "و",
        "استشارة",
        "مساعدة",
        "یک",
        "در",
        "با",
        "برای",
        "از",
        "به",
        "را",
        "مشاوره",
        "کمک",
        "w",
        "dla",
        "z",
        "oraz",
        "do",
        "porada",
        "pomoc",
        "și",
        "cu",
        "pentru",
        "în",
        "consiliere",
        "ajutor",
        "me",
        "për",
        "dhe",
        "në",
        "këshillim",
        "ndihmë",
    )
)
# names families write in Latin letters (the Cyrillic and Arabic names are added transliterated)
_LANGUAGE_ALIASES = {
    "farsi": "fa",
    "dari": "fa",
    "kurdisch": "ku",
    "kurmanci": "ku",
    "balgarski": "bg",
    "russkij": "ru",
    "russki": "ru",
    "po russki": "ru",
    "ukrainskoyu": "uk",
    "arabi": "ar",
    "3arabi": "ar",
    "turkce": "tr",
    "shqip": "sq",
}
MATCH_SCORE = 85
MAX_RESULTS = 200
ELSEWHERE = 3  # offers of the asked kind in other places, nearest first


@dataclass(frozen=True)
class SearchQuery:
    """What a professional asked for, as plain data (kept in the state for paging)."""

    words: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    place: str | None = None
    postcode: str | None = None
    language: str | None = None
    # the one word that named the kind of help, as typed ("Schreiambulanz")
    asked: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-able dict."""
        return {
            "words": list(self.words),
            "needs": list(self.needs),
            "place": self.place,
            "postcode": self.postcode,
            "language": self.language,
            "asked": self.asked,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SearchQuery:
        """Read a stored query."""

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key)
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if isinstance(value, str) else None

        return cls(
            strings("words"),
            strings("needs"),
            text("place"),
            text("postcode"),
            text("language"),
            text("asked"),
        )


@dataclass(frozen=True)
class SearchResult:
    """The offers found, best first; `language_missing` when none names the language."""

    offers: tuple[Ranked, ...]
    language_missing: bool = False
    # the asked kind of help (a need) is not listed in the asked place: alternatives shown
    kind_missing: bool = False


@lru_cache(maxsize=8)
def language_names(codes: tuple[str, ...]) -> dict[str, str]:
    """Normalised names of languages (in every supported language) -> language code."""
    names: dict[str, str] = dict(_LANGUAGE_ALIASES)
    for ui in SUPPORTED:
        locale = Locale.parse(ui)
        for code in codes:
            name = locale.languages.get(code)
            if name:
                names.setdefault(normalize(name), code)
                names.setdefault(anyascii(normalize(name)).lower(), code)
    return names


def language_in(words: list[str], names: dict[str, str]) -> tuple[str | None, int | None]:
    """The language named in the words (with case endings), and the word's position."""
    for position, word in enumerate(words):
        if word in names:
            return names[word], position
        if len(word) >= 5:
            for name, code in names.items():
                if " " in name or len(name) < 5:
                    continue
                common = common_prefix(word, name)
                if common >= max(5, len(name) - 3) and len(word) - common <= 4:
                    return code, position
    return None, None


def parse_query(text: str, analysis: Analysis, index: OfferIndex) -> SearchQuery:
    """Read a professional's query."""
    words = normalize(text).split()
    codes = tuple(sorted(set(SUPPORTED) | set(index.by_language)))
    language, position = language_in(words, language_names(codes))
    place_words = set(normalize(analysis.location or "").split())
    if analysis.place is not None:
        for name in (analysis.place.name, *analysis.place.aliases):
            place_words |= set(normalize(name).split())
    rest = tuple(
        w
        for i, w in enumerate(words)
        if i != position
        and w not in _STOP
        and w not in place_words
        and len(w) >= 3
        and not w.isdigit()
    )
    return SearchQuery(
        words=rest,
        needs=tuple(n for n in analysis.needs if n != "talk_to_person"),
        place=analysis.place.name if analysis.place else None,
        postcode=analysis.postcode,
        language=language,
        asked=_as_typed(text, rest),
    )


def _as_typed(text: str, rest: tuple[str, ...]) -> str | None:
    """The one remaining word of a query as the professional typed it, if one remains."""
    if len(rest) != 1:
        return None
    for token in text.split():
        if normalize(token).split() == [rest[0]]:
            return token.strip(".,;:!?\"'()[]«»„“”")
    return None


def _tokens(index: OfferIndex, offer: Offer) -> frozenset[str]:
    cache = index.search_tokens
    tokens = cache.get(offer.id)
    if tokens is None:
        organization = index.data.organization(offer.organization)
        parts: Iterable[str] = (
            offer.name,
            organization.name if organization else "",
            offer.description,
            offer.ask or "",
            *(a.name for a in offer.service_areas),
        )
        tokens = frozenset(normalize(" ".join(parts)).split())
        cache[offer.id] = tokens
    return tokens


def _word_score(word: str, tokens: frozenset[str]) -> float:
    """How well one query word matches an offer's words (0-100), compounds included."""
    if word in tokens:
        return 100.0
    best = 0.0
    for token in tokens:
        if len(word) >= 5 and len(token) >= 5 and (word in token or token in word):
            best = max(best, 90.0)
        elif common_prefix(word, token) >= 5:
            best = max(best, 86.0)
        elif abs(len(word) - len(token)) <= 3:
            best = max(best, fuzz.ratio(word, token))
    return best


def search(index: OfferIndex, query: SearchQuery, today: dt.date) -> SearchResult:
    """The offers that fit the query, best first: local, then nationwide."""
    place = index.place_query(query.place, query.postcode)
    candidates = index.covering(place) if place is not None else set(index.by_id)
    speaking: list[Ranked] = []
    others: list[Ranked] = []
    for offer_id in candidates:
        offer = index.by_id[offer_id]
        served = tuple(n for n in query.needs if n in offer.needs)
        tokens = _tokens(index, offer)
        matched = [w for w in query.words if _word_score(w, tokens) >= MATCH_SCORE]
        if (query.needs or query.words) and not served and not matched:
            continue
        situation = Situation(needs=served, place=place, language=query.language or "de")
        ranked = score_offer(offer, situation, index, today)
        if ranked is None:
            continue
        if matched:
            reasons = (Reason("match", {"words": " ".join(matched)}), *ranked.reasons)
            ranked = Ranked(offer, ranked.score + 5.0 * len(matched), reasons, ranked.local)
        if query.language is None or query.language in offer.languages:
            speaking.append(ranked)
        else:
            others.append(ranked)

    def order(found: list[Ranked]) -> list[Ranked]:
        return sorted(found, key=lambda r: (not r.local, -r.score, r.offer.name))

    kind_missing = place is not None and not _kind_listed(index, query.needs, place)
    elsewhere: list[Ranked] = []
    if place is not None and kind_missing:
        shown = {r.offer.id for r in (*speaking, *others)}
        for ranked in _local_contacts(index, place, shown, today):
            (speaking if query.language in (None, *ranked.offer.languages) else others).append(
                ranked
            )
        elsewhere = _elsewhere(index, query, place, today)
    missing = not speaking if place is None else not any(r.local for r in speaking)
    if query.language is not None and missing:
        # nobody states the language: local offers first (interpreting ones first), then
        # the nationwide services that interpret
        def fallback(r: Ranked) -> tuple[bool, bool, float, str]:
            return (not r.local, not r.offer.interpretation, -r.score, r.offer.name)

        found = order(speaking) + sorted(others, key=fallback) + elsewhere
        return SearchResult(tuple(found[:MAX_RESULTS]), True, kind_missing)
    found = order(speaking) + elsewhere
    return SearchResult(tuple(found[:MAX_RESULTS]), kind_missing=kind_missing)


def _kind_listed(index: OfferIndex, needs: tuple[str, ...], place: PlaceQuery) -> bool:
    """Tell whether an offer of an asked need (not a referral point) serves the place."""
    if not needs:
        return True
    local = index.covering(place, include_nationwide=False)
    return any(
        not index.by_id[i].referral for n in needs for i in index.by_need.get(n, set()) & local
    )


def _local_contacts(
    index: OfferIndex, place: PlaceQuery, shown: set[str], today: dt.date
) -> list[Ranked]:
    """The local points of contact that refer families on (not shown yet)."""
    found = []
    for offer_id in index.covering(place, include_nationwide=False) - shown:
        offer = index.by_id[offer_id]
        if offer.referral:
            ranked = score_offer(offer, Situation(needs=(), place=place), index, today)
            if ranked is not None:
                found.append(ranked)
    return found


def _elsewhere(
    index: OfferIndex, query: SearchQuery, place: PlaceQuery, today: dt.date
) -> list[Ranked]:
    """Offers of the asked needs in other places, nearest first (the place needs a centre)."""
    centre = place.place.latitude, place.place.longitude
    if centre[0] is None or centre[1] is None:
        return []
    point = (centre[0], centre[1])
    ids = set().union(*(index.by_need.get(n, set()) for n in query.needs))
    ids -= index.covering(place)
    far: dict[str, float] = {}
    for name, offers in index.by_place.items():
        town = index.gazetteer.get(name)
        if town is None or town.latitude is None or town.longitude is None:
            continue
        km = distance_km(point, (town.latitude, town.longitude))
        for offer_id in offers & ids:
            far[offer_id] = min(km, far.get(offer_id, km))
    found = []
    for offer_id, km in sorted(far.items(), key=lambda item: (item[1], item[0]))[:ELSEWHERE]:
        situation = Situation(needs=query.needs, language=query.language or "de")
        ranked = score_offer(index.by_id[offer_id], situation, index, today)
        if ranked is not None:
            reasons = (*ranked.reasons, Reason("near", {"km": f"{km:.0f}"}))
            found.append(Ranked(ranked.offer, ranked.score, reasons, False, km))
    return found
