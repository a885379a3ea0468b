"""The training data is complete: every intent, every language, enough examples."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from bot.domain.needs import ALL_INTENTS
from bot.nlu.language import SUPPORTED
from bot.nlu.lexicon import AGE_UNITS, CRISIS_KINDS, load_lexicons
from bot.nlu.training_data import load_intent_file, strip_annotations
from tests.conftest import ROOT

MIN_EXAMPLES = 15


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_intent_has_enough_examples(language: str) -> None:
    path = ROOT / "intents" / f"{language}.yml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["version"] == "3.1"
    counts = Counter(e.intent for e in load_intent_file(path))
    missing = {i: counts[i] for i in ALL_INTENTS if counts[i] < MIN_EXAMPLES}
    assert missing == {}
    assert set(counts) == set(ALL_INTENTS), "intents outside docs/needs.md"


@pytest.mark.parametrize("language", SUPPORTED)
def test_examples_are_distinct(language: str) -> None:
    texts = [e.text.casefold() for e in load_intent_file(ROOT / "intents" / f"{language}.yml")]
    duplicates = [t for t, n in Counter(texts).items() if n > 1]
    assert duplicates == []


def test_location_annotations_are_stripped() -> None:
    text, places = strip_annotations("wir wohnen in [Monheim am Rhein](location), Kita?")
    assert text == "wir wohnen in Monheim am Rhein, Kita?"
    assert places == ("Monheim am Rhein",)


def test_every_language_has_a_complete_lexicon() -> None:
    lexicons = load_lexicons()
    assert set(lexicons.languages) == set(SUPPORTED)
    for language in SUPPORTED:
        data = yaml.safe_load(
            (ROOT / "bot" / "nlu" / "lexicons" / f"{language}.yml").read_text(encoding="utf-8")
        )
        assert all(data["crisis"].get(kind) for kind in CRISIS_KINDS), language
        assert all(data["age_units"].get(unit) for unit in AGE_UNITS), language
        assert data["pregnant"] and data["numbers"], language
