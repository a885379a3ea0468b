"""Questions coordinators assigned to a need: understood the next time, without a deploy.

The trained recogniser changes only when `intents/` changes. Approved examples from
the database are remembered here instead and matched on their normalised text (the
same question, or one differing by a typo or a word), per language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.nlu.message import Message
from bot.nlu.normalize import normalize

SIMILAR = 90  # rapidfuzz ratio of normalised texts that counts as the same question
MIN_CHARS = 4


@dataclass(frozen=True)
class Approved:
    """One approved example: what was asked, in which language, which need it means."""

    text: str
    language: str
    intent: str


@dataclass
class ExampleMemory:
    """Approved examples, looked up exactly or fuzzily."""

    version: int = 0
    examples: tuple[Approved, ...] = ()
    _exact: dict[str, str] = field(default_factory=dict)
    _texts: list[str] = field(default_factory=list)
    _intents: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for example in self.examples:
            key = normalize(example.text)
            if len(key) >= MIN_CHARS:
                self._exact.setdefault(key, example.intent)
        self._texts = list(self._exact)
        self._intents = [self._exact[t] for t in self._texts]

    def __len__(self) -> int:
        return len(self._texts)

    def recall(self, message: Message) -> str | None:
        """The need of an approved question like this one, or None."""
        key = message.norm
        if len(key) < MIN_CHARS or not self._texts:
            return None
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        hit = process.extractOne(key, self._texts, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        return self._intents[hit[2]] if hit is not None else None
