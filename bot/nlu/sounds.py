"""Town names written by ear in another script: "مونستر", "Зіген" -> Münster, Siegen.

Families write the German town they live in the way it sounds, in their own script, and
GeoNames knows such spellings only for some towns. Both sides are reduced to a consonant
skeleton of their Latin transliteration (anyascii): vowels, and the Arabic letters that
write vowels (و ي), are dropped; letters German and Arabic or Cyrillic write differently
for one sound fall together (w v f; b p; s z ß; k g c q; ch kh h; t d). "مونستر" and
"Münster" are both "mnstr", "Зіген" and "Siegen" both "skn", "Хам" and "Hamm" both "hm".

Only towns of TOWN_POPULATION or more are indexed, under their German name and their
spellings in other scripts (GeoNames); of several with one skeleton the largest is taken.
The finder asks only about words after a place preposition or forming the message's last
phrase: measured on 1 100 labelled messages, unmarked words matched far too often. A
skeleton needs MIN_SKELETON letters; a shorter one (3–4) names a town of 50 000 or more
only when written with a capital after "в"/"у" ("в Зіген", not "в градина"). Arabic
letters have no capitals, and there short skeletons matched ordinary words ("في كردي"):
a short one counts only for a word that writes its vowels inside (`vowels_written`),
after "in", at a phrase's end (bot.nlu.entities).
The networks' own towns win a skeleton of PREFERRED_SKELETON letters or more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

# longest first: "sch" before "ch" and "sh"
_DIGRAPHS = (
    ("tsch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "h"),
    ("kh", "h"),
    ("gh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "t"),
    ("ck", "k"),
    ("tz", "s"),
    ("ts", "s"),
    ("x", "ks"),
)
_LETTERS = str.maketrans(
    {"w": "f", "v": "f", "p": "b", "z": "s", "g": "k", "c": "k", "q": "k", "d": "t"}
)
_VOWELS = re.compile(r"[aeiouyj]+")
_OPENING_VOWELS = frozenset("aeiou")
_SILENT_H = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")
_ARABIC_OPENING = frozenset("اأإآ")
_SILENT_HEH = re.compile("[هة](?=\u200c|$)")
_NOT_LETTER = re.compile(r"[^a-z]+")
_REPEAT = re.compile(r"(.)\1+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
# prepositions Arabic and Farsi write onto the word: ب (in), ف (and, in), و (and), ل (to)
ARABIC_PREFIXES = ("ب", "ف", "و", "ل", "وب", "فب")
# case endings after "в", "у" (Ukrainian, Russian, Bulgarian): "у Вуппертале", "в Бонні"
CYRILLIC_ENDINGS = ("е", "і", "у", "ом", "ем", "ові")
MIN_SKELETON = 5  # "بن" (bn), "Хам" (hm), "Гертен" (krtn) sound like too many words
# after "в"/"у" and written with a capital, a shorter skeleton will do for a large town
MIN_MARKED_SKELETON = 3
MARKED_SHORT_POPULATION = 50_000
TOWN_POPULATION = 20_000
# a network's own town wins a skeleton this long ("Монгайм" is Monheim, not Mannheim); a
# shorter one stays the larger town's ("Фульде" is Fulda, not Vlotho)
PREFERRED_SKELETON = 4
PREFERRED_POPULATION = 10**9


def skeleton(word: str) -> str:
    """The consonant skeleton of a word in any script ("Münster", "مونستر" -> "mnstr")."""
    arabic = _ARABIC.search(word) is not None
    if arabic:  # a final or split-off ه writes a vowel: "بیله‌فیلد" is Bielefeld
        word = _SILENT_HEH.sub("", word)
    text = anyascii(word).lower()
    if not arabic and not _CYRILLIC.search(word):  # a German H after a vowel is silent: "Gütersloh"
        text = _SILENT_H.sub("", text)
    text = _NOT_LETTER.sub("", text)
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    if arabic:  # و and ي write vowels here, not W and J
        text = text[:1] + text[1:].replace("w", "")  # an opening و is a W
    opening = (
        "a" if text[:1] in _OPENING_VOWELS or word[:1] in _ARABIC_OPENING else ""
    )  # "Essen" is not "Sinn"
    text = _VOWELS.sub("", text.translate(_LETTERS))
    return opening + _REPEAT.sub(r"\1", text)


def vowels_written(word: str) -> bool:
    """An Arabic-script word that writes a long vowel inside, as German names are written.

    "سيغن", "دورن", "فيزل" (Siegen, Düren, Wesel), not "سكن" (housing) nor "كردي" (its ي
    is an ending): such a word may have a short skeleton after "in".
    """
    return _ARABIC.search(word) is not None and any(c in "اوي" for c in word[1:-1])


def non_latin(word: str) -> bool:
    """Whether a word is written in Arabic or Cyrillic letters."""
    return _ARABIC.search(word) is not None or _CYRILLIC.search(word) is not None


@dataclass(frozen=True)
class Town:
    """An indexed town: its skeleton's owner and size."""

    name: str
    population: int


class SoundIndex:
    """Towns by the skeleton of their name, the largest first."""

    def __init__(
        self,
        towns: list[tuple[str, tuple[str, ...], int]],
        preferred: Sequence[tuple[str, tuple[str, ...]]] = (),
    ) -> None:
        """`preferred`: towns (the networks') that win a skeleton of PREFERRED_SKELETON or more."""
        self._by_skeleton: dict[str, Town] = {}
        for name, other_names, population in towns:
            for key in _keys(name, other_names):
                known = self._by_skeleton.get(key)
                if len(key) >= MIN_MARKED_SKELETON and (
                    known is None or known.population < population
                ):
                    self._by_skeleton[key] = Town(name, population)
        for name, other_names in preferred:
            for key in _keys(name, other_names):
                if len(key) >= PREFERRED_SKELETON:
                    self._by_skeleton[key] = Town(name, PREFERRED_POPULATION)

    def find(self, word: str, marked: bool = False) -> Town | None:
        """The town a word sounds like, with an attached preposition or case ending cut.

        `marked`: the word is marked as a name (a capital after "в"/"у"); then a skeleton
        of MIN_MARKED_SKELETON letters names a town of MARKED_SHORT_POPULATION or more.
        """
        if word.startswith("ال"):
            return None  # the Arabic article: "المستشارين" (the counsellors) is no town
        for candidate in _forms(word):
            key = skeleton(candidate)
            town = self._by_skeleton.get(key)
            if town is None:
                continue
            if len(key) >= MIN_SKELETON or (marked and town.population >= MARKED_SHORT_POPULATION):
                return town
        return None


def _keys(name: str, other_names: tuple[str, ...]) -> list[str]:
    """The skeletons of a town's one-word names: German and in other scripts."""
    return [
        skeleton(spelling)
        for spelling in (name, *(n for n in other_names if non_latin(n)))
        if " " not in spelling.strip() and "-" not in spelling
    ]  # one-word names only: a message's words are looked up singly


def _forms(word: str) -> list[str]:
    """The word, and without an attached Arabic-script preposition or a Cyrillic case ending."""
    forms = [word]
    if _ARABIC.search(word):
        forms.extend(word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p))
    else:
        forms.extend(
            word[: -len(e)]
            for e in CYRILLIC_ENDINGS
            if word.endswith(e) and len(word) - len(e) >= 3
        )
    return forms
