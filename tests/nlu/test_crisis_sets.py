"""Every crisis message of the tuned labelled sets is a crisis, and keeps its needs.

Left out on purpose: the v2 test split (reported, never tuned on) and the v5 set
(measured once in session 6, then tuned on; its recall is reported, not asserted).
The v3 set's recent violence is reported too: three threats without a threat word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.analyzer import Analyzer
from bot.nlu.evaluation import Labelled, read_labelled
from tests.conftest import ROOT

SETS = (
    "nlu_eval.jsonl",
    "nlu_crisis_holdout.jsonl",
    "nlu_v2_dev.jsonl",
    "nlu_v4_dev.jsonl",
    "nlu_v4_test.jsonl",
)
CRISIS_SETS = (*SETS, "nlu_v3_holdout.jsonl")


def _items(predicate: str) -> list[Labelled]:
    found = []
    for name in CRISIS_SETS if predicate == "crisis" else SETS:
        for item in read_labelled(Path(ROOT / "tests" / "data" / name)):
            if getattr(item, predicate):
                found.append(item)
    return found


@pytest.mark.parametrize("item", _items("crisis"), ids=lambda i: f"{i.lang}-{i.line}")
def test_a_crisis_message_is_a_crisis_and_keeps_its_needs(
    analyzer: Analyzer, item: Labelled
) -> None:
    result = analyzer.analyze(item.text)
    assert result.crisis
    assert result.needs or result.crisis_kind == "unspecified"


@pytest.mark.parametrize("item", _items("violence"), ids=lambda i: f"{i.lang}-{i.line}")
def test_violence_not_happening_now_still_shows_the_helpline(
    analyzer: Analyzer, item: Labelled
) -> None:
    result = analyzer.analyze(item.text)
    assert result.crisis or result.safety == "violence"
    assert "family_conflict" in result.needs
