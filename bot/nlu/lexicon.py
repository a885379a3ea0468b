"""Word lists per language (`bot/nlu/lexicons/<lang>.yml`) and a fast phrase matcher.

A term is a sequence of word prefixes ("schlägt mich" matches "schlägt mich schon
wieder"); a trailing `$` makes its last word exact. Terms of all languages are matched
together: families mix languages, and crisis detection must not depend on the
language being guessed right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii

from bot.nlu.normalize import normalize

CRISIS_KINDS = ("violence", "suicide", "child_danger", "medical")
AGE_UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Term:
    """One phrase: its words, whether the last word is exact, and what it stands for."""

    words: tuple[str, ...]
    exact_last: bool
    label: str
    language: str


@dataclass(frozen=True)
class Match:
    """Where a term matched: word positions [start, end) of the normalised message."""

    term: Term
    start: int
    end: int


def parse_term(raw: str, label: str, language: str) -> Term | None:
    """A term from its written form, or None when nothing is left after normalising."""
    exact = raw.rstrip().endswith("$")
    words = tuple(normalize(raw.rstrip().rstrip("$")).split())
    if not words:
        return None
    return Term(words, exact, label, language)


@dataclass
class PhraseMatcher:
    """Finds terms in word lists; terms are indexed by the first letters of their first word."""

    max_gap: int = 1
    _index: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))

    def add(self, term: Term) -> None:
        """Add a term."""
        self._index[term.words[0][:3]].append(term)

    def extend(self, terms: Iterable[Term]) -> None:
        """Add several terms."""
        for term in terms:
            self.add(term)

    def find(self, words: Sequence[str]) -> list[Match]:
        """Every match of every term in `words` (consecutive words, small gaps allowed)."""
        found: list[Match] = []
        for start, word in enumerate(words):
            for key in {word[:1], word[:2], word[:3]}:
                for term in self._index.get(key, ()):
                    end = self._match_at(term, words, start)
                    if end is not None:
                        found.append(Match(term, start, end))
        return found

    def _match_at(self, term: Term, words: Sequence[str], start: int) -> int | None:
        position = start
        last = len(term.words) - 1
        for i, part in enumerate(term.words):
            limit = position + (1 if i == 0 else 1 + self.max_gap)
            for candidate in range(position, min(limit, len(words))):
                if _word_matches(words[candidate], part, exact=term.exact_last and i == last):
                    position = candidate + 1
                    break
            else:
                return None
        return position


def _word_matches(word: str, part: str, exact: bool) -> bool:
    return word == part if exact else word.startswith(part)


@dataclass(frozen=True)
class Lexicons:
    """The word lists of every supported language, merged into matchers."""

    languages: tuple[str, ...]
    crisis: PhraseMatcher
    age_units: PhraseMatcher
    newborn: PhraseMatcher
    baby: PhraseMatcher
    pregnant: PhraseMatcher
    pregnancy_week: PhraseMatcher
    numbers: dict[str, int]
    needs: PhraseMatcher
    # violence or threats not happening this minute: the safety line, then the conversation
    safety: PhraseMatcher
    # answers to Lotse's own questions (yes, no, later, call, chat, morning, …)
    answers: PhraseMatcher
    # follow-up questions after offers (contact, languages, anonymous, more, call_me, write_in)
    followups: PhraseMatcher


def _terms(raw_terms: Iterable[Any], label: str, language: str) -> list[Term]:
    """A list's terms; Cyrillic ones also in Latin letters ("telefon", "ne spi")."""
    terms = [t for t in (parse_term(str(raw), label, language) for raw in raw_terms or ()) if t]
    latin = [
        Term(tuple(anyascii(w).lower() for w in t.words), t.exact_last, label, language)
        for t in terms
        if any(_is_cyrillic(c) for w in t.words for c in w)
    ]
    known = {t.words for t in terms}
    return terms + [t for t in latin if t.words not in known and all(t.words)]


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Read every `lexicons/*.yml` shipped with the package."""
    folder = resources.files("bot.nlu") / "lexicons"
    crisis, units = PhraseMatcher(), PhraseMatcher(max_gap=0)
    newborn, baby = PhraseMatcher(max_gap=0), PhraseMatcher(max_gap=0)
    pregnant, week = PhraseMatcher(), PhraseMatcher(max_gap=0)
    numbers: dict[str, int] = {}
    needs = PhraseMatcher(max_gap=0)
    safety = PhraseMatcher(max_gap=3)  # "hat mich vor drei Tagen geschlagen"
    answers, followups = PhraseMatcher(max_gap=0), PhraseMatcher()
    languages = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=loader)
        lang = str(data["language"])
        languages.append(lang)
        for kind in CRISIS_KINDS:
            crisis.extend(_terms(data["crisis"].get(kind), kind, lang))
        for unit in AGE_UNITS:
            units.extend(_terms(data["age_units"].get(unit), unit, lang))
        newborn.extend(_terms(data.get("newborn"), "newborn", lang))
        baby.extend(_terms(data.get("baby"), "baby", lang))
        pregnant.extend(_terms(data.get("pregnant"), "pregnant", lang))
        week.extend(_terms(data.get("pregnancy_week"), "pregnancy_week", lang))
        safety.extend(_terms((data.get("safety") or {}).get("violence") or (), "violence", lang))
        for label, raw_terms in (data.get("answers") or {}).items():
            answers.extend(_terms(raw_terms or (), str(label), lang))
        for label, raw_terms in (data.get("followups") or {}).items():
            followups.extend(_terms(raw_terms or (), str(label), lang))
        for need, raw_terms in (data.get("needs") or {}).items():
            needs.extend(_terms(raw_terms, str(need), lang))
        for raw, value in (data.get("numbers") or {}).items():
            key = normalize(str(raw).rstrip("$"))
            if key and " " not in key:
                numbers.setdefault(key, int(value))
    return Lexicons(
        languages=tuple(languages),
        crisis=crisis,
        age_units=units,
        newborn=newborn,
        baby=baby,
        pregnant=pregnant,
        pregnancy_week=week,
        numbers=numbers,
        needs=needs,
        safety=safety,
        answers=answers,
        followups=followups,
    )
