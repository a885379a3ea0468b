"""The training data is complete: every intent, every language, enough examples."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.domain.needs import ALL_INTENTS, CRISIS_KINDS, DANGER_LABEL
from bot.nlu.labelled import LabelError, read_labelled
from bot.nlu.language import SUPPORTED
from bot.nlu.lexicon import AGE_UNITS, load_lexicons
from bot.nlu.training_data import (
    LABELLED_WEIGHT,
    labelled_files,
    load_intent_file,
    load_training_data,
    strip_annotations,
)
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


def _labelled_folder(tmp_path: Path, *rows: dict[str, object]) -> Path:
    (tmp_path / "labelled").mkdir()
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    (tmp_path / "labelled" / "set.jsonl").write_text(lines + "\n", encoding="utf-8")
    return tmp_path


def test_labelled_messages_teach_their_needs_crisis_kind_and_violence(tmp_path: Path) -> None:
    folder = _labelled_folder(
        tmp_path,
        {"text": "Er hat ein Messer, ich bin im Bad", "lang": "de", "needs": ["family_conflict"],
         "crisis": True, "crisis_kind": "violence"},
        {"text": "Er hat mich gestern geschlagen", "lang": "de", "needs": ["family_conflict"],
         "violence": True},
        {"text": "Kindergeld beantragen, alleinerziehend", "lang": "de",
         "needs": ["single_parent", "money"]},
    )  # fmt: skip
    examples, _ = load_training_data(folder)
    assert [(e.labels, e.language, e.weight) for e in examples] == [
        # every crisis also teaches the pooled danger label, whatever its kind
        (("crisis_violence", "family_conflict", DANGER_LABEL), "de", LABELLED_WEIGHT),
        (("violence", "family_conflict"), "de", LABELLED_WEIGHT),
        (("money", "single_parent"), "de", LABELLED_WEIGHT),
    ]


def test_a_labelled_line_with_an_unknown_crisis_kind_names_its_line(tmp_path: Path) -> None:
    folder = _labelled_folder(
        tmp_path,
        {"text": "Hilfe", "lang": "de", "needs": [], "crisis": True, "crisis_kind": "fire"},
    )
    with pytest.raises(LabelError, match=r"set.jsonl:1: unknown crisis_kind 'fire'"):
        load_training_data(folder)


def test_every_shipped_labelled_message_names_its_language() -> None:
    files = labelled_files(ROOT / "intents")
    assert files, "no labelled messages shipped"
    for path in files:
        assert all(item.lang in SUPPORTED for item in read_labelled(path)), path.name
