"""Offer cards professionals send to families: searched inline, in the family's language.

`@LotseBot Stillberatung Coesfeld` lists up to 50 cards; `#<offer id>` (the "Send to a
family" button) lists one offer in every supported language, so that the professional
picks the family's language. A shared card keeps a row of language buttons: whoever
reads it can switch the language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.index import OfferIndex, short_id
from bot.domain.matching import Ranked
from bot.i18n.catalogs import language_name
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.nlu.language import SUPPORTED
from bot.nlu.search import parse_query, search
from bot.storage.catalog import OfferCatalog

MAX_RESULTS = 50  # Telegram's limit for one inline answer
MAX_CARD = 4096


@dataclass(frozen=True)
class Card:
    """One card as an inline result: unique id, title, description, text, language."""

    id: str
    offer_short: str
    title: str
    description: str
    text: str
    language: str


@dataclass
class CardShelf:
    """Finds and renders shareable offer cards."""

    catalog: OfferCatalog
    analyzer: Analyzer
    renderer: Renderer

    def find(self, query: str) -> list[Card]:
        """Cards for an inline query (see the module docstring)."""
        index = self.catalog.current()
        text = query.strip()
        if text.startswith("#"):
            offer = index.by_id.get(text[1:].strip())
            if offer is None:
                return []
            ranked = Ranked(offer, 0.0, (), local=True)
            return [self._card(index, ranked, language) for language in SUPPORTED]
        if not text:
            return []
        analysis = self.analyzer.analyze(text)
        parsed = parse_query(text, analysis, index)
        found = search(index, parsed, dt.date.today()).offers[:MAX_RESULTS]
        language = parsed.language if parsed.language in SUPPORTED else "de"
        return [self._card(index, ranked, language) for ranked in found]

    def card_text(self, short: str, language: str) -> str | None:
        """A shared card in another language, or None when the offer is gone."""
        index = self.catalog.current()
        offer = index.by_short_id(short)
        if offer is None or language not in SUPPORTED:
            return None
        return self._text(index, Ranked(offer, 0.0, (), local=True), language)

    def _card(self, index: OfferIndex, ranked: Ranked, language: str) -> Card:
        offer = ranked.offer
        organization = index.data.organization(offer.organization)
        areas = ", ".join(a.name for a in offer.service_areas if a.kind != "country")
        details = " · ".join(x for x in (organization.name if organization else "", areas) if x)
        short = short_id(offer.id)
        return Card(
            id=f"{short}:{language}",
            offer_short=short,
            title=f"{language_name(language, language, capitalize=True)} · {offer.name}"[:120],
            description=details[:200],
            text=self._text(index, ranked, language),
            language=language,
        )

    def _text(self, index: OfferIndex, ranked: Ranked, language: str) -> str:
        text = self.renderer.card(ranked, index.data, language)
        if len(text) <= MAX_CARD:
            return text
        cut = text[: MAX_CARD - 1]
        if cut.rfind("&") > cut.rfind(";"):  # never split an HTML entity
            cut = cut[: cut.rfind("&")]
        return cut + "…"
