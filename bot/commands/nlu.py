"""`lotse analyze` and `lotse nlu evaluate|export-rasa`: the understanding, inspectable."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.nlu.evaluation import LabelError, evaluate, read_labelled
from bot.nlu.rasa_export import export_rasa_project
from bot.runtime import build_analyzer, gazetteer_of
from bot.settings import get_settings
from bot.storage.bootstrap import open_database


def register(commands: Any) -> None:
    """Add `analyze` and the `nlu` sub-commands."""
    analyze = commands.add_parser("analyze", help="what Lotse understands of a message (JSON)")
    analyze.add_argument("text", nargs="?", help="the message")
    analyze.add_argument("--jsonl", type=Path, help="JSON Lines file with a 'text' per line")
    analyze.add_argument("--language", help="the conversation's language (prior), e.g. ar")
    analyze.set_defaults(handler=run_analyze)

    nlu: argparse.ArgumentParser = commands.add_parser("nlu", help="the need recogniser")
    sub = nlu.add_subparsers(dest="nlu_command", metavar="ACTION", required=True)
    evaluate_cmd = sub.add_parser("evaluate", help="score against labelled JSON Lines")
    evaluate_cmd.add_argument("file", type=Path)
    evaluate_cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate_cmd.add_argument("--misses", type=int, default=30, help="misses to list")
    evaluate_cmd.set_defaults(handler=run_evaluate)
    export = sub.add_parser("export-rasa", help="write a Rasa project with Lotse's NLU data")
    export.add_argument("directory", type=Path)
    export.set_defaults(handler=run_export_rasa)


def _analyzer() -> Any:
    settings = get_settings()
    engine = open_database(settings)
    try:
        return build_analyzer(settings, gazetteer_of(engine))
    finally:
        engine.dispose()


def run_analyze(args: argparse.Namespace) -> int:
    """Print one JSON object per message, in input order."""
    if (args.text is None) == (args.jsonl is None):
        print("lotse analyze: give a TEXT or --jsonl FILE", file=sys.stderr)
        return 2
    texts: list[str] = []
    if args.jsonl is not None:
        for number, line in enumerate(args.jsonl.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                texts.append(str(json.loads(line)["text"]))
            except (ValueError, KeyError, TypeError) as error:
                print(f"{args.jsonl}:{number}: {error}", file=sys.stderr)
                return 1
    else:
        texts.append(args.text)
    analyzer = _analyzer()
    for text in texts:
        result = analyzer.analyze(text, conversation_language=args.language)
        print(json.dumps(result.as_json(), ensure_ascii=False))
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per need and the other figures, then the misses."""
    try:
        items = read_labelled(args.file)
    except (OSError, LabelError) as error:
        print(f"lotse nlu evaluate: {error}", file=sys.stderr)
        return 1
    analyzer = _analyzer()
    report = evaluate(items, analyzer.analyze)
    figures = report.as_json()
    if args.json:
        print(json.dumps(figures | {"misses": report.misses}, ensure_ascii=False, indent=2))
        return 0
    print(f"messages              {figures['messages']}")
    print(f"needs macro-F1        {figures['needs_macro_f1']:.3f}")
    print(f"exact match           {figures['exact_match']:.3f}")
    print(f"crisis recall         {figures['crisis_recall']:.3f}")
    print(f"crisis false alarms   {figures['crisis_false_positive_rate']:.3f}")
    for key in ("language_accuracy", "location_accuracy", "child_age_accuracy"):
        value = figures[key]
        print(f"{key.replace('_', ' '):<22}{'-' if value is None else f'{value:.3f}'}")
    print("\nneed                  precision recall  F1     support")
    for need, row in figures["per_need"].items():
        print(
            f"{need:<22}{row['precision']:.3f}     {row['recall']:.3f}   {row['f1']:.3f}  "
            f"{row['support']}"
        )
    print("\nlanguage  messages  exact   macro-F1")
    for lang, row in figures["per_language"].items():
        print(
            f"{lang:<10}{row['messages']:<10}{row['exact_match']:.3f}   {row['needs_macro_f1']:.3f}"
        )
    if args.misses and report.misses:
        print(f"\nmisses (first {min(args.misses, len(report.misses))} of {len(report.misses)}):")
        for miss in report.misses[: args.misses]:
            print(
                f"  line {miss['line']}: {', '.join(miss['problems'])}: {miss['text'][:90]!r}\n"
                f"    expected {miss['expected']}\n    got      {miss['got']}"
            )
    return 0


def run_export_rasa(args: argparse.Namespace) -> int:
    """Write config.yml and the NLU data as a Rasa project."""
    written = export_rasa_project(get_settings().intents_dir, args.directory)
    print(f"wrote {len(written)} file(s) to {args.directory}: train with `rasa train nlu`")
    return 0
