"""`lotse analyze`, `lotse nlu evaluate` and `lotse nlu export-rasa` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _shared_model_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Train once for all command tests (the data dir is per test otherwise)."""
    cache = tmp_path_factory.getbasetemp() / "command-cache"
    monkeypatch.setattr("bot.settings.Settings.model_cache_dir", property(lambda self: cache))


def test_analyze_one_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "hamileyim, hebamme lazım, Gummersbach'ta yaşıyorum"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["language"] == "tr"
    assert {"pregnancy", "midwife"} <= set(result["needs"])
    assert result["location"] == "Gummersbach"
    assert result["crisis"] is False
    for key in ("crisis_kind", "child_age_months", "pregnant", "intent", "confidence"):
        assert key in result


def test_analyze_jsonl_keeps_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["طفلي يبكي طوال الليل", "Я беременна", "er schlägt mich gerade"]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in lines), "utf-8"
    )
    assert main(["analyze", "--jsonl", str(source)]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["language"] for r in results] == ["ar", "ru", "de"]
    assert [r["crisis"] for r in results] == [False, False, True]


def test_evaluate_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "eval.jsonl"
    labelled.write_text(
        json.dumps({"text": "Unser Baby schreit nur", "lang": "de", "needs": ["crying_sleep"]})
        + "\n"
        + json.dumps({"text": "wir suchen eine Kita", "lang": "de", "needs": ["childcare"]})
        + "\n",
        encoding="utf-8",
    )
    assert main(["nlu", "evaluate", str(labelled), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["messages"] == 2
    assert report["per_need"]["crying_sleep"]["support"] == 1
    assert 0.0 <= report["needs_macro_f1"] <= 1.0


def test_evaluate_names_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "bad.jsonl"
    labelled.write_text('{"text": "x", "needs": ["babys"]}\n', encoding="utf-8")
    assert main(["nlu", "evaluate", str(labelled)]) == 1
    assert f"{labelled}:1: unknown need id(s) ['babys']" in capsys.readouterr().err


def _report(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["nlu", "evaluate", str(path), "--json"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_quality_on_the_dev_split_does_not_regress(capsys: pytest.CaptureFixture[str]) -> None:
    """The v2 set's dev split (training data now: these are not held-out figures)."""
    report = _report(ROOT / "intents" / "labelled" / "v2_dev.jsonl", capsys)
    assert report["crisis_recall"] == 1.0
    assert report["violence_recall"] == 1.0
    assert report["crisis_false_positive_rate"] <= 0.03
    assert report["needs_macro_f1"] >= 0.89
    assert report["language_accuracy"] >= 0.98
    assert min(v["needs_macro_f1"] for v in report["per_language"].values()) >= 0.82


def test_the_first_evaluation_set_keeps_crisis_and_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its labels predate three conventions: a crisis message has needs, pregnancy is a need
    whenever the family is pregnant, and `general_support` (the need of a child left alone:
    the local network) did not exist — it has no support there, so its F1 counts as 0 in
    the macro average. Its needs figure is lower for these reasons."""
    report = _report(ROOT / "tests" / "data" / "nlu_eval.jsonl", capsys)
    assert report["crisis_recall"] == 1.0
    assert report["crisis_false_positive_rate"] <= 0.01
    assert report["needs_macro_f1"] >= 0.83
    assert report["language_accuracy"] >= 0.97


def test_export_rasa_writes_a_trainable_project(tmp_path: Path) -> None:
    assert main(["nlu", "export-rasa", str(tmp_path / "rasa")]) == 0
    config = yaml.safe_load((tmp_path / "rasa" / "config.yml").read_text(encoding="utf-8"))
    assert config["pipeline"][0]["name"] == "WhitespaceTokenizer"
    assert any(c.get("analyzer") == "char_wb" for c in config["pipeline"])
    data = yaml.safe_load((tmp_path / "rasa" / "data" / "nlu" / "ar.yml").read_text("utf-8"))
    assert data["version"] == "3.1"
    assert {item["intent"] for item in data["nlu"]} >= {"pregnancy", "crisis", "greet"}
    labelled = (tmp_path / "rasa" / "data" / "nlu" / "labelled_uk.yml").read_text("utf-8")
    intents = {item["intent"] for item in yaml.safe_load(labelled)["nlu"]}
    assert {"crisis_suicide", "violence", "single_parent"} <= intents
