"""`lotse analyze` and `lotse nlu evaluate|export-rasa`: the understanding, inspectable."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.commands import USAGE, CommandError, add_command, add_group

if TYPE_CHECKING:
    from bot.nlu.analyzer import Analyzer


def register(commands: Any) -> None:
    """Add `analyze` and the `nlu` sub-commands."""
    analyze = add_command(
        commands,
        "analyze",
        "what Lotse understands of a message (JSON)",
        'lotse analyze "hamileyim, hebamme lazım"',
        description="Print what Lotse understands of a message as JSON: language, needs, "
        "crisis, place, child's age, pregnancy, intent. With --jsonl one line per input "
        "line, carrying the input's `id` when it has one.",
    )
    analyze.add_argument("text", nargs="?", help="the message")
    analyze.add_argument(
        "--jsonl",
        type=Path,
        metavar="FILE",
        help="JSON Lines file with a 'text' (and 'id') per line",
    )
    analyze.add_argument(
        "--language", metavar="CODE", help="the conversation's language (prior), e.g. ar"
    )
    analyze.set_defaults(handler=run_analyze)

    sub = add_group(
        commands, "nlu", "the need recogniser", "lotse nlu evaluate tests/data/nlu_eval.jsonl"
    )
    evaluate_cmd = add_command(
        sub,
        "evaluate",
        "score against labelled JSON Lines (format: docs/needs.md)",
        "lotse nlu evaluate tests/data/nlu_eval.jsonl --misses 5",
    )
    evaluate_cmd.add_argument("file", type=Path, help="labelled messages, one JSON object a line")
    evaluate_cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate_cmd.add_argument("--misses", type=int, default=30, help="misses to list")
    evaluate_cmd.set_defaults(handler=run_evaluate)
    train_cmd = add_command(
        sub,
        "train",
        "train the recogniser on intents/ and write the models shipped with the package",
        "lotse nlu train --check",
        description="Run after changing intents/; the tests fail while the shipped models are "
        "older than intents/.",
    )
    train_cmd.add_argument(
        "--check", action="store_true", help="only check that the shipped models are current"
    )
    train_cmd.set_defaults(handler=run_train)
    export = add_command(
        sub,
        "export-rasa",
        "write a Rasa project with Lotse's NLU data",
        "lotse nlu export-rasa my-nlu && cd my-nlu && rasa train nlu",
    )
    export.add_argument("directory", type=Path, help="the folder to write")
    export.set_defaults(handler=run_export_rasa)


def _analyzer() -> Analyzer:
    """The analyzer with the database's places (only what `analyze` needs, not the service)."""
    from bot.domain.places import Gazetteer
    from bot.nlu.analyzer import Analyzer
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database
    from bot.storage.db import session_factory
    from bot.storage.offers_repo import load_places

    settings = get_settings()
    engine = open_database(settings)
    try:
        with session_factory(engine)() as session:
            gazetteer = Gazetteer(load_places(session))
    finally:
        engine.dispose()
    return Analyzer.from_training_data(settings.intents_dir, settings.model_cache_dir, gazetteer)


def run_train(args: argparse.Namespace) -> int:
    """Write (or check) the shipped models for the configured intents folder."""
    from bot.domain.germany import compiled_places_current, write_compiled_places
    from bot.nlu.analyzer import SHIPPED_DIR, shipped_digest, write_shipped
    from bot.nlu.lexicon import compiled_lexicons_current, write_compiled_lexicons
    from bot.nlu.training_data import load_training_data
    from bot.progress import progress
    from bot.settings import get_settings

    intents_dir = get_settings().intents_dir
    _, digest = load_training_data(intents_dir)
    if args.check:
        if shipped_digest() == digest and compiled_lexicons_current() and compiled_places_current():
            print(f"the shipped models are current ({digest})")
            return 0
        raise CommandError(
            "the shipped models are older than intents/, the word lists or the place table: "
            "run `lotse nlu train`"
        )
    with progress(f"training on {intents_dir}"):
        written = write_shipped(intents_dir)
        write_compiled_lexicons()
        write_compiled_places()
    print(f"wrote {SHIPPED_DIR} ({written})")
    return 0


def run_analyze(args: argparse.Namespace) -> int:
    """Print one JSON object per message, in input order (with the input's `id`, if any)."""
    if (args.text is None) == (args.jsonl is None):
        raise CommandError("give a TEXT or --jsonl FILE", USAGE)
    inputs: list[tuple[dict[str, Any], str]] = []
    if args.jsonl is not None:
        for number, line in enumerate(args.jsonl.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
            except (ValueError, KeyError, TypeError) as error:
                raise CommandError(f"{args.jsonl}:{number}: no 'text': {error}") from None
            if not isinstance(text, str):
                raise CommandError(f"{args.jsonl}:{number}: 'text' is not a string")
            inputs.append(({"id": item["id"]} if "id" in item else {}, text))
    else:
        inputs.append(({}, args.text))
    analyzer = _analyzer()
    for head, text in inputs:
        result = analyzer.analyze(text, conversation_language=args.language)
        print(json.dumps(head | result.as_json(), ensure_ascii=False))
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per need and the other figures, then the misses."""
    from bot.nlu.analyzer import Analysis
    from bot.nlu.evaluation import evaluate
    from bot.nlu.labelled import LabelError, read_labelled
    from bot.progress import progress

    try:
        items = list(read_labelled(args.file))
    except LabelError as error:
        raise CommandError(str(error)) from None
    analyzer = _analyzer()
    with progress("evaluating", total=len(items)) as advance:

        def analyze(text: str) -> Analysis:
            advance(1)
            return analyzer.analyze(text)

        report = evaluate(items, analyze)
    figures = report.as_json()
    if args.json:
        print(json.dumps(figures | {"misses": report.misses}, ensure_ascii=False, indent=2))
        return 0
    print(f"messages              {figures['messages']}")
    print(f"needs macro-F1        {figures['needs_macro_f1']:.3f}")
    print(f"exact match           {figures['exact_match']:.3f}")
    print(f"crisis recall         {figures['crisis_recall']:.3f}")
    print(f"crisis false alarms   {figures['crisis_false_positive_rate']:.3f}")
    print(f"violence recall       {figures['violence_recall']:.3f}")
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
    from bot.nlu.rasa_export import export_rasa_project
    from bot.settings import get_settings

    written = export_rasa_project(get_settings().intents_dir, args.directory)
    print(f"wrote {len(written)} file(s) to {args.directory}: train with `rasa train nlu`")
    return 0
