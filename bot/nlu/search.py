"""Quick search for professionals: "Schreiambulanz Coesfeld", "Beratung auf Arabisch 53721".

A query is read into needs (the recogniser's), a place (town or postcode), a language
the staff should speak (its name in any supported language, found with babel's
language names) and the remaining words, which are matched against the offers' names,
organisations, descriptions and areas. Results carry their reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from rapidfuzz import fuzz

from bot.domain.index import OfferIndex
from bot.domain.matching import Ranked, Reason, Situation, score_offer
from bot.domain.offers import Offer
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
_LANGUAGE_ALIASES = {"farsi": "fa", "dari": "fa", "kurdisch": "ku", "kurmanci": "ku"}
MATCH_SCORE = 85
MAX_RESULTS = 200


@dataclass(frozen=True)
class SearchQuery:
    """What a professional asked for, as plain data (kept in the state for paging)."""

    words: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    place: str | None = None
    postcode: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-able dict."""
        return {
            "words": list(self.words),
            "needs": list(self.needs),
            "place": self.place,
            "postcode": self.postcode,
            "language": self.language,
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
            strings("words"), strings("needs"), text("place"), text("postcode"), text("language")
        )


@dataclass(frozen=True)
class SearchResult:
    """The offers found, best first; `language_missing` when none names the language."""

    offers: tuple[Ranked, ...]
    language_missing: bool = False


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
    return names


def _language_in(words: list[str], names: dict[str, str]) -> tuple[str | None, int | None]:
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
    language, position = _language_in(words, language_names(codes))
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
    )


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

    missing = not speaking if place is None else not any(r.local for r in speaking)
    if query.language is not None and missing:
        # nobody states the language: local offers first (interpreting ones first), then
        # the nationwide services that interpret
        def fallback(r: Ranked) -> tuple[bool, bool, float, str]:
            return (not r.local, not r.offer.interpretation, -r.score, r.offer.name)

        found = order(speaking) + sorted(others, key=fallback)
        return SearchResult(tuple(found[:MAX_RESULTS]), language_missing=True)
    return SearchResult(tuple(order(speaking)[:MAX_RESULTS]))
