"""Training examples: intents files and labelled messages.

`intents/<lang>.yml` holds curated examples (Rasa NLU YAML, format 3.1), one intent each;
`intents/labelled/*.jsonl` holds messages written as families write, with their needs,
crisis kind and violence marked (the format of the evaluation sets, docs/needs.md).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.domain.needs import CRISIS_INTENT, DANGER_LABEL, VIOLENCE_LABEL, crisis_label
from bot.nlu.labelled import Labelled, read_labelled

# [Gummersbach](location) or [Gummersbach]{"entity": "location"}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\(([^)]+)\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    """One training message with its intent, language and marked places."""

    text: str
    intent: str
    language: str
    locations: tuple[str, ...] = ()
    more: tuple[str, ...] = ()  # further labels of a labelled message ("pregnancy", "money")
    weight: int = 1  # how many times the example counts in training

    @property
    def labels(self) -> tuple[str, ...]:
        """The intent and the further labels."""
        return (self.intent, *self.more)


# A labelled message was written as a family writes, with its needs, crisis and violence
# marked; it teaches more than one short curated example, so it counts twice (three times
# drowned the curated meta intents: "das mit dem Rad" read as a need).
LABELLED_WEIGHT = 2


def strip_annotations(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove Rasa entity markup; return the plain text and the marked location values."""
    locations = tuple(m.group(1) for m in _ANNOTATION.finditer(text) if m.group(2) == "location")
    return _ANNOTATION.sub(lambda m: m.group(1), text), locations


def parse_examples(block: str) -> list[str]:
    """The `- text` lines of an `examples: |` block."""
    lines = (line.strip() for line in block.splitlines())
    return [line[2:].strip() for line in lines if line.startswith("- ") and line[2:].strip()]


def load_intent_file(path: Path) -> list[Example]:
    """Read one language's intents file; the file name is the language code."""
    # libyaml when installed: ten times faster than the pure-Python parser, same result
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    language = path.stem
    examples: list[Example] = []
    for item in data.get("nlu", []):
        intent = item.get("intent")
        if not intent:
            continue
        for raw in parse_examples(item.get("examples", "")):
            text, locations = strip_annotations(raw)
            more = (DANGER_LABEL,) if intent == CRISIS_INTENT else ()
            examples.append(Example(text, str(intent), language, locations, more))
    return examples


def intent_files(folder: Path) -> list[Path]:
    """The language files of an intents folder (`xx.yml`)."""
    return sorted(p for p in folder.glob("*.yml") if len(p.stem) == 2)


def labelled_files(folder: Path) -> list[Path]:
    """The labelled message files of an intents folder (`labelled/*.jsonl`)."""
    return sorted((folder / "labelled").glob("*.jsonl"))


def labelled_example(item: Labelled) -> Example | None:
    """A labelled message as a training example: its needs, crisis and violence as labels."""
    labels = [*sorted(item.needs)]
    if item.crisis:
        # the kind only: the plain crisis label stays the curated examples' (surer) one
        labels.insert(0, crisis_label(item.crisis_kind) if item.crisis_kind else CRISIS_INTENT)
        labels.append(DANGER_LABEL)
    elif item.violence:
        labels.insert(0, VIOLENCE_LABEL)
    if not labels or not item.lang:
        return None
    return Example(item.text, labels[0], item.lang, more=tuple(labels[1:]), weight=LABELLED_WEIGHT)


def load_training_data(folder: Path, extra: Iterable[Example] = ()) -> tuple[list[Example], str]:
    """All examples of a folder plus extra ones, and a fingerprint of the whole set."""
    examples = [e for path in intent_files(folder) for e in load_intent_file(path)]
    for path in labelled_files(folder):
        examples.extend(e for e in map(labelled_example, read_labelled(path)) if e is not None)
    examples.extend(extra)
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{e.language}\t{'+'.join(e.labels)}\t{e.weight}\t{e.text}\n".encode())
    return examples, digest.hexdigest()[:16]


def with_combinations(
    examples: list[Example], needs: Iterable[str], per_language: int = 300, seed: int = 13
) -> list[tuple[str, tuple[str, ...]]]:
    """Every example with its label, plus pairs of need examples joined into one message.

    Families often name two needs at once ("pregnant, alone and no money"); joined pairs
    teach the one-vs-rest model that a second need counts even next to a strong first one.
    The pairs are drawn with a fixed seed, so training stays deterministic.
    """
    need_set = set(needs)
    rng = random.Random(seed)
    out = [(e.text, e.labels) for e in examples for _ in range(e.weight)]
    by_language: dict[str, list[Example]] = {}
    for e in examples:
        if e.intent in need_set and not e.more and e.weight == 1:  # curated single needs
            by_language.setdefault(e.language, []).append(e)
    for language in sorted(by_language):
        pool = by_language[language]
        for _ in range(per_language):
            first, second = rng.sample(pool, 2)
            if first.intent == second.intent:
                continue
            joiner = rng.choice([", ", " ", ". "])
            out.append((f"{first.text}{joiner}{second.text}", (first.intent, second.intent)))
    return out


def example_line(text: str) -> str:
    """One `- text` line: one line only, no markup that Rasa would read as an entity."""
    flat = " ".join(text.split())
    return "    - " + flat.replace("[", "(").replace("]", ")")


def add_examples(path: Path, intent: str, texts: Iterable[str]) -> int:
    """Append examples to an intent's block in a language file (the block is made if new).

    The file is edited as text, so that its layout and comments stay as reviewed; texts
    already present are skipped. Returns how many were added.
    """
    source = path.read_text(encoding="utf-8") if path.is_file() else 'version: "3.1"\nnlu:\n'
    present = {e.text for e in load_intent_file(path)} if path.is_file() else set()
    new = [t for t in dict.fromkeys(" ".join(t.split()) for t in texts) if t and t not in present]
    if not new:
        return 0
    lines = source.rstrip("\n").split("\n")
    header = f"- intent: {intent}"
    start = next((i for i, line in enumerate(lines) if line.strip() == header), None)
    added = [example_line(t) for t in new]
    if start is None:
        lines += [header, "  examples: |", *added]
    else:
        end = start + 1
        while end < len(lines) and not lines[end].startswith("- "):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = added
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # still valid YAML
    return len(new)
