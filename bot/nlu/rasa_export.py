"""`lotse nlu export-rasa`: the intents data as a Rasa 3.x project that trains as is."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.nlu.labelled import read_labelled
from bot.nlu.training_data import example_line, intent_files, labelled_example, labelled_files

CONFIG = """\
# Lotse's need recogniser for Rasa Open Source 3.x: one language-agnostic pipeline for
# all languages (character n-grams need no language model). Train with `rasa train nlu`.
recipe: default.v1
assistant_id: lotse
language: xx  # several languages in one model; the pipeline uses no language resources
pipeline:
  - name: WhitespaceTokenizer
  - name: RegexFeaturizer
  - name: LexicalSyntacticFeaturizer
  - name: CountVectorsFeaturizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 2
    max_ngram: 5
  - name: DIETClassifier
    epochs: 100
    constrain_similarities: true
  - name: EntitySynonymMapper
  - name: FallbackClassifier
    threshold: 0.4
    ambiguity_threshold: 0.1
policies: []
"""


def export_rasa_project(intents_dir: Path, target: Path) -> list[Path]:
    """Write `config.yml`, `data/nlu/<lang>.yml` and the labelled messages; return the files.

    A Rasa intent is one label: a labelled message is exported under its first one (its
    crisis kind, violence, or first need) in `data/nlu/labelled_<lang>.yml`.
    """
    nlu_dir = target / "data" / "nlu"
    nlu_dir.mkdir(parents=True, exist_ok=True)
    config = target / "config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    written = [config]
    for source in intent_files(intents_dir):
        destination = nlu_dir / source.name
        shutil.copyfile(source, destination)
        written.append(destination)
    by_language: dict[str, dict[str, list[str]]] = {}
    for path in labelled_files(intents_dir):
        for example in filter(None, map(labelled_example, read_labelled(path))):
            intents = by_language.setdefault(example.language, {})
            intents.setdefault(example.intent, []).append(example.text)
    for language, intents in sorted(by_language.items()):
        destination = nlu_dir / f"labelled_{language}.yml"
        blocks = [
            f"- intent: {intent}\n  examples: |\n" + "\n".join(map(example_line, texts))
            for intent, texts in sorted(intents.items())
        ]
        destination.write_text('version: "3.1"\nnlu:\n' + "\n".join(blocks) + "\n", "utf-8")
        written.append(destination)
    return written
