"""A server reads what a first message would wait for before it takes requests."""

from __future__ import annotations

from bot.domain.germany import german_places
from bot.i18n.catalogs import load_translations
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.nlu.language import SUPPORTED, lingua_detector
from bot.runtime import warm_up
from tests.conftest import ROOT


def test_warm_up_reads_places_language_detector_and_every_catalog(analyzer: Analyzer) -> None:
    german_places.cache_clear()
    lingua_detector.cache_clear()
    load_translations.cache_clear()  # a fresh start: no catalog compiled by earlier tests
    renderer = Renderer(ROOT / "locales")
    assert renderer.translations.compiled() == frozenset()  # a start compiles none
    warm_up(analyzer, renderer)
    assert german_places.cache_info().currsize == 1
    assert lingua_detector.cache_info().currsize == 1
    assert renderer.translations.compiled() == frozenset(SUPPORTED)
