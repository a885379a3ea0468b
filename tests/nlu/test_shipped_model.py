"""The recogniser ships trained: a fresh data folder answers at once, and never trains."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.germany import GermanPlaces, compiled_places_current
from bot.domain.places import Gazetteer
from bot.nlu import analyzer as analyzer_module
from bot.nlu.analyzer import Analyzer, shipped_digest
from bot.nlu.lexicon import compile_lexicons, compiled_lexicons_current, load_lexicons
from bot.nlu.training_data import load_training_data
from tests.conftest import ROOT


def test_the_shipped_models_are_trained_on_the_current_intents() -> None:
    _, digest = load_training_data(ROOT / "intents")
    assert shipped_digest() == digest, "intents/ changed: run `lotse nlu train` and commit"


def test_a_fresh_data_folder_loads_the_shipped_models_without_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_training(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("trained on first use")

    monkeypatch.setattr(analyzer_module, "train", no_training)
    fresh = Analyzer.from_training_data(ROOT / "intents", tmp_path / "cache", Gazetteer())
    assert "midwife" in fresh.analyze("Wir suchen eine Hebamme für nach der Geburt").needs
    assert not (tmp_path / "cache").exists()  # nothing was trained or cached


def test_changed_intents_are_trained_and_cached(tmp_path: Path) -> None:
    intents = tmp_path / "intents"
    intents.mkdir()
    for source in (ROOT / "intents").glob("*.yml"):
        (intents / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with (intents / "de.yml").open("a", encoding="utf-8") as extra:
        extra.write("- intent: money\n  examples: |\n    - brauchen Geld für den Kinderwagen\n")
    trained = Analyzer.from_training_data(intents, tmp_path / "cache", Gazetteer())
    assert list((tmp_path / "cache").glob("intents-*.npz"))
    assert "money" in trained.analyze("Wir brauchen Geld für einen Kinderwagen").needs


def test_the_shipped_word_lists_are_compiled_from_the_current_lists() -> None:
    assert compiled_lexicons_current(), "lexicons/ changed: run `lotse nlu train` and commit"
    shipped = load_lexicons()
    fresh = compile_lexicons()
    assert shipped.languages == fresh.languages
    words = ["mein", "mann", "hat", "mich", "gestern", "geschlagen"]
    found = [m.term for m in shipped.safety.find(words)]
    assert found
    assert found == [m.term for m in fresh.safety.find(words)]
    assert shipped.numbers == fresh.numbers


def test_the_shipped_place_index_is_built_from_the_current_table() -> None:
    assert compiled_places_current(), "the place table changed: run `lotse nlu train` and commit"
    shipped, built = GermanPlaces.load(), GermanPlaces.build()
    assert len(shipped) == len(built) > 10_000
    for name in ("Köln", "Dülmen", "Frankfurt am Main"):
        assert shipped.by_name(name) == built.by_name(name) is not None
    assert shipped.by_postcode("53721") == built.by_postcode("53721") is not None
