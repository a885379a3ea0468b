"""Word lists per language (`bot/nlu/lexicons/<lang>.yml`) and a fast phrase matcher.

A term is a sequence of word prefixes ("schlägt mich" matches "schlägt mich schon
wieder"); a trailing `$` makes its last word exact, and in a term of several words a word
of one or two letters matches only itself ("il y a" is no prefix of "ilaclari yanima").
Terms of all languages are matched together: families mix languages, and crisis
detection must not depend on the language being guessed right.

Compiling the lists takes a fifth of a second; `lotse nlu train` ships them compiled
(`model/lexicons.pickle.z`, keyed on the lists' bytes), and a start reads that instead
as long as the lists are unchanged.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, NamedTuple

import yaml
from anyascii import anyascii

from bot import compiled
from bot.domain.needs import CRISIS_KINDS
from bot.nlu.normalize import normalize

AGE_UNITS = ("day", "week", "month", "year")
SHORT_WORD = 4  # shorter words of transliterated terms match whole words only
# in a phrase of several words, a word this short is no stem but a word of its own: "il y a"
# (ago) must not match "ilaclari yanima aldim", nor "a bu" (drank) "aldim bu gece"
TINY_WORD = 3
# Arabic writes "and"/"so" (و ف), "with/in", "for", "like" (ب ل ك) and the article (ال)
# joined to the next word: "وبالدردشة" is "and in the chat". A word also matches without
# them; prepositions only before the article ("بالشات"), where they cannot be the word.
ARABIC_PREFIXES = tuple(
    sorted(
        {
            f"{conjunction}{article}"
            for conjunction in ("", "و", "ف")
            for article in ("", "ال", "بال", "كال", "لل")
        }
        - {""},
        key=len,
        reverse=True,
    )
)
CLITIC_MIN = 3  # what is left must be this long: "وله" stays "وله"
# short words that "and" is joined to as often as to long ones: "وما بتسكت" (and she
# does not calm down) is "ما بتسكت"
SHORT_AFTER_AND = frozenset(("ما", "مش", "لا"))
# negations that bind the next word: a term's word after one of them allows no gap
NEGATIONS = frozenset(
    [
        "не",
        "ні",
        "not",
        "nicht",
        "kein",
        "keine",
        "nie",
        "ne",
        "nu",
        "nuk",
        "pas",
        "mesh",
        "msh",
        "mish",
        "مش",
        "ما",
        "لا",
        "مو",
        "نه",
        "نمي",
        "degil",
    ]
)


class Term(NamedTuple):
    """One phrase: its words, whether the last word is exact, and what it stands for.

    A named tuple, not a dataclass: tens of thousands are read back from the compiled
    lists at every start, and tuples unpickle several times faster.
    """

    words: tuple[str, ...]
    exact_last: bool
    label: str
    language: str
    # Latin copies of Cyrillic terms: their short words ("bie me") match only whole words,
    # else "бие ме" (he beats me) would match "Bielefeld ? je me"
    short_exact: bool = False


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


# per thread: the last words searched, and each matcher's matches (and, once asked for,
# grouped by label)
_RECENT = threading.local()


@dataclass
class _Remembered:
    matcher: PhraseMatcher  # held so that its id is not reused while remembered
    matches: list[Match]
    by_label: dict[str, list[Match]] | None = None


_Recent = tuple[tuple[str, ...], dict[int, _Remembered]]


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

    def terms(self) -> Iterable[Term]:
        """Every term added."""
        for terms in self._index.values():
            yield from terms

    def find(self, words: Sequence[str]) -> list[Match]:
        """Every match of every term in `words` (consecutive words, small gaps allowed).

        An Arabic word also matches without its joined prefixes (`bare_forms`): "وبنزف" is
        "بنزف", "بالدردشة" is "دردشة". The rules of one message ask the same lists about
        the same words many times: each thread remembers the last words' matches.
        """
        return list(self._remembered(words).matches)

    def by_label(self, words: Sequence[str]) -> dict[str, list[Match]]:
        """`find`'s matches grouped by their term's label, remembered with them.

        Do not change the lists returned: they are shared by the calls for the same words.
        """
        known = self._remembered(words)
        if known.by_label is None:
            known.by_label = {}
            for match in known.matches:
                known.by_label.setdefault(match.term.label, []).append(match)
        return known.by_label

    def _remembered(self, words: Sequence[str]) -> _Remembered:
        """The matches in `words`, searched once per thread for the same words."""
        key = tuple(words)
        recent: _Recent | None = getattr(_RECENT, "words", None)
        if recent is None or recent[0] != key:
            recent = (key, {})
            _RECENT.words = recent
        known = recent[1].get(id(self))
        if known is None:
            known = _Remembered(self, self._search(words))
            recent[1][id(self)] = known
        return known

    def _search(self, words: Sequence[str]) -> list[Match]:
        found: list[Match] = []
        for start, word in enumerate(words):
            keys = {form[:n] for form in bare_forms(word) for n in (1, 2, 3)}
            for key in keys:
                for term in self._index.get(key, ()):
                    end = self._match_at(term, words, start)
                    if end is not None:
                        found.append(Match(term, start, end))
        return found

    def _match_at(self, term: Term, words: Sequence[str], start: int) -> int | None:
        position = start
        last = len(term.words) - 1
        for i, part in enumerate(term.words):
            # a gap never follows a negation: "не спит, просыпается" is no "не просыпается"
            gap = 0 if i and term.words[i - 1] in NEGATIONS else self.max_gap
            limit = position + (1 if i == 0 else 1 + gap)
            for candidate in range(position, min(limit, len(words))):
                exact = (
                    (term.exact_last and i == last)
                    or (term.short_exact and len(part) < SHORT_WORD)
                    or (last > 0 and len(part) < TINY_WORD)
                )
                if _word_matches(words[candidate], part, exact=exact):
                    position = candidate + 1
                    break
                if i and words[candidate] in NEGATIONS:
                    return None  # nor skips one: "mąż pije, nie jest agresywny"
            else:
                return None
        return position


def _word_matches(word: str, part: str, exact: bool) -> bool:
    return any((form == part) if exact else form.startswith(part) for form in bare_forms(word))


@lru_cache(maxsize=65536)
def bare_forms(word: str) -> tuple[str, ...]:
    """The word, and for an Arabic word the word without each joined prefix it starts with."""
    if not word or word[0] not in "وفبكلا":
        return (word,)
    forms = [word]
    if word[0] == "و" and word[1:] in SHORT_AFTER_AND:
        forms.append(word[1:])
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= CLITIC_MIN:
            forms.append(word[len(prefix) :])
    return tuple(dict.fromkeys(forms))


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
    # "help" in each language (normalised word starts): "who can help us?" asks for help
    help_words: tuple[str, ...] = ()
    # crisis detection's word lists that combine with each other (`crisis_words.yml`)
    combining: dict[str, PhraseMatcher] = field(default_factory=dict)


def _terms(raw_terms: Iterable[Any], label: str, language: str) -> list[Term]:
    """A list's terms; Cyrillic ones also in Latin letters ("telefon", "ne spi")."""
    terms = [t for t in (parse_term(str(raw), label, language) for raw in raw_terms or ()) if t]
    if language in NON_LATIN:  # "bie me" (bg, in Latin letters) must not match "Bielefeld … me"
        terms = [t._replace(short_exact=True) if _latin_only(t) else t for t in terms]
    latin = [
        Term(tuple(anyascii(w).lower() for w in t.words), t.exact_last, label, language, True)
        for t in terms
        if any(_is_cyrillic(c) for w in t.words for c in w)
    ]
    if language == "fr":  # texting drops je's e: "jveux plus vivre", "jpeux plus"
        latin += [
            t._replace(words=(f"j{t.words[1]}", *t.words[2:]))
            for t in terms
            if len(t.words) > 1 and t.words[0] == "je" and t.words[1][0] not in FR_VOWELS
        ]
    known = {t.words for t in terms}
    return terms + [t for t in latin if t.words not in known and all(t.words)]


FR_VOWELS = frozenset("aâàeéèêëiîïoôuùûyh")


NON_LATIN = frozenset(("ar", "bg", "fa", "ru", "uk"))


def _latin_only(term: Term) -> bool:
    return all(c.isascii() for w in term.words for c in w)


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


COMPILED = "lexicons.pickle.z"


def _sources() -> list[Traversable]:
    package = resources.files("bot.nlu")
    lists = [e for e in (package / "lexicons").iterdir() if e.name.endswith(".yml")]
    code = [package / "lexicon.py", package / "normalize.py"]
    return [*sorted(lists, key=lambda e: e.name), _combining_file(), *code]


def lexicons_digest() -> str:
    """A fingerprint of the shipped word lists and of the code that compiles them."""
    return compiled.digest_of(_sources())


def _combining_file() -> Traversable:
    return resources.files("bot.nlu") / "crisis_words.yml"


def _yaml(entry: Traversable) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster
    return yaml.load(entry.read_text(encoding="utf-8"), Loader=loader)


def _combining() -> dict[str, PhraseMatcher]:
    """The combining word lists of `crisis_words.yml`, one matcher each (no gaps)."""
    matchers = {}
    for label, raw_terms in _yaml(_combining_file()).items():
        matcher = PhraseMatcher(max_gap=0)
        matcher.extend(t for t in (parse_term(str(r), label, "*") for r in raw_terms) if t)
        matchers[str(label)] = matcher
    return matchers


def _compiled_path() -> Traversable:
    return resources.files("bot.nlu") / "model" / COMPILED


def write_compiled_lexicons() -> str:
    """Compile the word lists and write them next to the shipped models; returns the digest."""
    digest = lexicons_digest()
    compiled.write(_compiled_path(), digest, compile_lexicons())
    return digest


def compiled_lexicons_current() -> bool:
    """Whether the shipped compiled lists were made from the lists as they are now."""
    return compiled.current(_compiled_path(), lexicons_digest())


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """The word lists: compiled as shipped, or compiled now when the lists changed since."""
    shipped = compiled.read(_compiled_path(), lexicons_digest(), Lexicons)
    return shipped if isinstance(shipped, Lexicons) else compile_lexicons()


def compile_lexicons() -> Lexicons:
    """Read every `lexicons/*.yml` shipped with the package."""
    folder = resources.files("bot.nlu") / "lexicons"
    crisis, units = PhraseMatcher(), PhraseMatcher(max_gap=0)
    newborn, baby = PhraseMatcher(max_gap=0), PhraseMatcher(max_gap=0)
    pregnant, week = PhraseMatcher(), PhraseMatcher(max_gap=0)
    numbers: dict[str, int] = {}
    needs = PhraseMatcher(max_gap=0)
    safety = PhraseMatcher(max_gap=3)  # "hat mich vor drei Tagen geschlagen"
    answers, followups = PhraseMatcher(max_gap=0), PhraseMatcher()
    languages, help_words = [], []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        data = _yaml(entry)
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
        help_words += [normalize(str(w)) for w in data.get("help_words") or ()]
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
        help_words=tuple(dict.fromkeys(w for w in help_words if w)),
        combining=_combining(),
    )
