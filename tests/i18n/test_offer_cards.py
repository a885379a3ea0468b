"""Offer cards a family can read: translated name and description, and plain freshness."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.conversation import ConversationService
from bot.curation.load import load_curated
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg, Verbatim
from bot.domain.matching import Ranked
from bot.domain.offers import Offer, OfferTranslation
from bot.i18n.render import Renderer
from tests.conftest import DEMO_OFFERS, ROOT
from tests.harness import Harness, text_of

CURATED = load_curated([DEMO_OFFERS])
TODAY = dt.date(2026, 12, 4)


def offer(offer_id: str) -> Offer:
    return next(o for o in CURATED.data.offers if o.id == offer_id)


def card(renderer: Renderer, shown: Offer, language: str) -> str:
    return renderer.card(Ranked(shown, 0.0, (), True), CURATED.data, language)


def line(renderer: Renderer, message: str, language: str, **params: object) -> str:
    return renderer.text(Msg(message, params), language, outer=False)  # type: ignore[arg-type]


def test_a_card_shows_the_translation_marked_as_automatic() -> None:
    renderer = Renderer(ROOT / "locales", today=lambda: TODAY)
    steps = offer("herford-steps")
    arabic = card(renderer, steps, "ar")
    assert steps.translations["ar"].name in arabic
    assert steps.translations["ar"].description in arabic
    assert line(renderer, m.CARD_MACHINE_TRANSLATED, "ar") in arabic
    assert steps.description not in arabic and steps.name not in arabic
    german = card(renderer, steps, "de")
    assert steps.name in german and steps.description in german
    assert steps.translations["ar"].name not in german


def test_a_reviewed_translation_carries_no_mark_and_a_missing_one_the_german_original() -> None:
    renderer = Renderer(ROOT / "locales", today=lambda: TODAY)
    steps = offer("herford-steps")
    reviewed = dataclasses.replace(
        steps, translations={"tr": dataclasses.replace(steps.translations["tr"], reviewed=True)}
    )
    turkish = card(renderer, reviewed, "tr")
    assert steps.translations["tr"].name in turkish
    assert line(renderer, m.CARD_MACHINE_TRANSLATED, "tr") not in turkish
    french = card(renderer, reviewed, "fr")  # no French translation in this copy
    assert steps.name in french
    assert f"{line(renderer, m.CARD_ORIGINAL, 'fr')} {steps.description}" in french


def test_an_old_source_asks_to_check_by_phone_a_fresh_offer_does_not() -> None:
    renderer = Renderer(ROOT / "locales", fresh_months=12, today=lambda: TODAY)
    warning = line(renderer, m.CARD_CHECK_FIRST, "tr", year=Verbatim("2011"))
    assert warning in card(renderer, offer("siegburg-netzwerk"), "tr")  # source of 2011
    assert warning not in card(renderer, offer("herford-steps"), "tr")
    # the date decides, not a note: an offer last checked 14 months ago gets the line too
    old = dataclasses.replace(offer("herford-steps"), assured_date=dt.date(2025, 10, 1))
    assert line(renderer, m.CARD_CHECK_FIRST, "de", year=Verbatim("2025")) in card(
        renderer, old, "de"
    )


def test_translations_are_optional() -> None:
    bare = dataclasses.replace(offer("herford-steps"), translations={})
    assert bare.translations == {}
    assert OfferTranslation(name="x", description="y").reviewed is False


def test_an_arabic_family_reads_the_card_and_can_ask_for_the_german_one(
    service: ConversationService,
) -> None:
    family = Harness(service, user="arabic-mother")
    replies = family.say("أنا حامل وأحتاج قابلة، نحن نعيش في Siegburg")
    midwives = offer("siegburg-familienhebammen")
    arabic_name = midwives.translations["ar"].name
    shown = next((r.text for r in replies if r.card and arabic_name in r.text), None)
    assert shown is not None, text_of(replies)
    marked = service.renderer.text(Msg(m.CARD_MACHINE_TRANSLATED), "ar", outer=False)
    assert marked in shown
    german = text_of(family.press("card:de")).split("— Deutsch —")
    assert len(german) > 1
    originals = "\n".join(german[1:])
    assert midwives.name in originals
    assert " ".join(midwives.description.split()) in " ".join(originals.split())


def test_a_turkish_family_is_told_to_check_the_siegburg_offer_by_phone(
    service: ConversationService,
) -> None:
    family = Harness(service, user="turkish-mother")
    replies = family.say("hamileyim, ebe lazım, Siegburg'da oturuyoruz")
    midwives = offer("siegburg-familienhebammen")
    card_text = next(
        r.text for r in replies if r.card and midwives.translations["tr"].name in r.text
    )
    warning = service.renderer.text(
        Msg(m.CARD_CHECK_FIRST, {"year": Verbatim("2011")}), "tr", outer=False
    )
    assert warning in card_text


def test_an_offer_named_like_its_organisation_names_it_once() -> None:
    """The helpline's card does not say "Hilfetelefon Gewalt gegen Frauen" twice."""
    renderer = Renderer(ROOT / "locales", today=lambda: TODAY)
    helpline = offer("hilfetelefon-gewalt-gegen-frauen")
    for language in ("de", "en"):
        shown = card(renderer, helpline, language)
        assert shown.count("Hilfetelefon Gewalt gegen Frauen") == 1, shown
    steps = offer("herford-steps")  # an offer of a named organisation still names it
    organisation = CURATED.data.organization(steps.organization)
    assert organisation is not None and organisation.name in card(renderer, steps, "de")
