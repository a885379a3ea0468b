"""Acute danger is recognised in every language, before anything else."""

from __future__ import annotations

import pytest

from bot.nlu.analyzer import Analyzer
from bot.nlu.labelled import read_labelled
from bot.nlu.language import SUPPORTED
from bot.nlu.training_data import load_intent_file
from tests.conftest import ROOT

EVAL = read_labelled(ROOT / "tests" / "data" / "nlu_eval.jsonl")
CRISIS_MESSAGES = [item for item in EVAL if item.crisis]


def test_the_evaluation_set_has_crisis_messages_in_every_language() -> None:
    assert len(CRISIS_MESSAGES) >= 40
    assert {item.lang for item in CRISIS_MESSAGES} == set(SUPPORTED)


def test_every_crisis_message_of_the_evaluation_set_is_recognised(analyzer: Analyzer) -> None:
    missed = [item.text for item in CRISIS_MESSAGES if not analyzer.analyze(item.text).crisis]
    assert missed == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_crisis_training_example_is_recognised(analyzer: Analyzer, language: str) -> None:
    examples = [
        e.text
        for e in load_intent_file(ROOT / "intents" / f"{language}.yml")
        if e.intent == "crisis"
    ]
    missed = [text for text in examples if not analyzer.analyze(text).crisis]
    assert missed == []


def test_false_alarms_stay_rare(analyzer: Analyzer) -> None:
    calm = [item for item in EVAL if not item.crisis]
    alarms = [item.text for item in calm if analyzer.analyze(item.text).crisis]
    assert len(alarms) / len(calm) <= 0.03, alarms


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("er schlägt mich gerade, bitte hilfe", "violence"),
        ("I don't want to live anymore", "suicide"),
        ("مولودي عمره أسبوعين وحرارته ٣٩", "medical"),
        ("vahitna 30 tyzhniv i duzhe sylna krovotecha", "medical"),
        ("bebeğim nefes almıyor, morardı", "medical"),
    ],
)
def test_crisis_kind_picks_the_right_number(analyzer: Analyzer, text: str, kind: str) -> None:
    result = analyzer.analyze(text)
    assert result.crisis
    assert result.crisis_kind == kind
    assert result.intent == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "I am exhausted but I would never hurt my baby",
        "früher hat er mich geschlagen, jetzt bin ich in Sicherheit und suche Beratung",
        "Ich bin schwanger und habe eine leichte Schmierblutung, kann ich eine Hebamme fragen?",
        "mein Baby schreit so sehr, dass es fast keine Luft bekommt, jetzt schläft es",
    ],
)
def test_no_alarm_for_calm_messages(analyzer: Analyzer, text: str) -> None:
    assert not analyzer.analyze(text).crisis
