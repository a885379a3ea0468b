"""Entities in a family's message: the place, the child's age, a pregnancy.

Places come from the gazetteer of the offer database (names, other spellings and
scripts, postcodes), matched exactly, with case endings and attached prepositions, and
fuzzily (rapidfuzz) in the message's script and in Latin transliteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.domain.places import Gazetteer, Place
from bot.nlu.lexicon import Lexicons
from bot.nlu.normalize import fold_digits, latin, normalize

_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?:[.,](\d))?(?![\d])")
# names that are also ordinary words: only taken when written with a capital letter
_COMMON_WORDS = {"senden", "enger", "olfen", "essen", "rosendahl"}
_DUALS = {"شهرين": ("month", 2), "اسبوعين": ("week", 2), "سنتين": ("year", 2), "يومين": ("day", 2)}
_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
FUZZY_CUTOFF = 86
MAX_PREGNANCY_WEEKS = 42


def common_prefix(a: str, b: str) -> int:
    """How many leading characters two words share."""
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


@dataclass(frozen=True)
class PlaceMatch:
    """A recognised place: canonical name, or the postcode as written."""

    value: str
    place: Place | None
    postcode: str | None = None


class PlaceFinder:
    """Recognises the gazetteer's places in normalised messages."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.names: dict[tuple[str, ...], Place] = {}
        self.latin_names: dict[str, Place] = {}
        for place in gazetteer.places:
            for name in (place.name, *place.aliases):
                key = tuple(normalize(name).split())
                if key:
                    self.names.setdefault(key, place)
                    self.latin_names.setdefault(latin(name).replace(" ", ""), place)
        self.longest = max((len(k) for k in self.names), default=1)
        self.name_words = frozenset(w for key in self.names for w in key)
        self.single = {k[0]: p for k, p in self.names.items() if len(k) == 1}
        self._single_keys = [k for k in self.single if len(k) >= 6]
        self._latin_keys = [k for k in self.latin_names if len(k) >= 5]
        self._by_initial: dict[str, list[str]] = {}
        for name in self._single_keys:
            if name not in _COMMON_WORDS:
                self._by_initial.setdefault(name[0], []).append(name)

    def find(self, text: str, words: list[str]) -> PlaceMatch | None:
        """The first place named in the message, or a postcode."""
        for match in _POSTCODE.finditer(normalize(text)):
            code = match.group(1)
            return PlaceMatch(code, self.gazetteer.by_postcode(code), code)
        for start in range(len(words)):
            found = self._exact_at(words, start, text)
            if found is not None:
                return PlaceMatch(found.name, found)
        for word in words:
            found = self._fuzzy(word)
            if found is not None:
                return PlaceMatch(found.name, found)
        return None

    def _exact_at(self, words: list[str], start: int, text: str) -> Place | None:
        for size in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(words[start : start + size])
            place = self.names.get(key)
            if place is not None and self._plausible(key, text):
                return place
        word = words[start]
        if len(word) >= 6:  # case endings: "Гуммерсбахе", "Зігбурзі", "Kolonii"
            for name in self._by_initial.get(word[0], ()):
                common = common_prefix(word, name)
                if common >= max(5, len(name) - 2) and len(word) - common <= 3:
                    return self.single[name]
        for prefix_cut in (1, 2):  # attached prepositions: "بغومرسباخ", "وكولونيا"
            place = self.single.get(word[prefix_cut:]) if len(word) > prefix_cut + 4 else None
            if place is not None:
                return place
        return None

    @staticmethod
    def _plausible(key: tuple[str, ...], text: str) -> bool:
        if len(key) == 1 and key[0] in _COMMON_WORDS:
            return key[0].capitalize() in text
        return True

    def _fuzzy(self, word: str) -> Place | None:
        if len(word) < 5 or word.isdigit() or word in _COMMON_WORDS:
            return None
        hit = process.extractOne(
            word, self._single_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if hit is not None:
            return self.single[hit[0]]
        hit = process.extractOne(
            latin(word), self._latin_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self.latin_names[hit[0]] if hit is not None else None


@dataclass(frozen=True)
class AgeFinding:
    """The child's age in months, a pregnancy, and its week if given."""

    child_age_months: int | None
    pregnant: bool
    pregnancy_week: int | None


def _months(value: float, unit: str) -> int:
    if unit == "year":
        return int(value * 12)
    if unit == "month":
        return int(value)
    return int(value * _DAYS_PER[unit] / _DAYS_PER["month"])


def _unit_after(lexicons: Lexicons, following: list[str]) -> str | None:
    for match in lexicons.age_units.find(following[:2]):
        if match.start == 0:
            return match.term.label
    return None


def find_age(text: str, words: list[str], lexicons: Lexicons) -> AgeFinding:
    """The child's age and pregnancy facts stated in a message."""
    pregnant = bool(lexicons.pregnant.find(words))
    baby_words = bool(lexicons.baby.find(words)) or bool(lexicons.newborn.find(words))
    amounts: list[tuple[float, str]] = []
    week: int | None = None
    for match in _NUMBER.finditer(fold_digits(text)):
        value = float(match.group(1)) + (float(match.group(2)) / 10 if match.group(2) else 0.0)
        following = normalize(fold_digits(text)[match.end() : match.end() + 40]).split()
        unit = _unit_after(lexicons, following)
        if unit is None:
            preceding = normalize(fold_digits(text)[max(0, match.start() - 30) : match.start()])
            if pregnant and lexicons.pregnancy_week.find(preceding.split()[-2:]):
                week = int(value)
            continue
        if lexicons.pregnancy_week.find(following[:2]) and pregnant and unit == "week":
            week = int(value)
        amounts.append((value, unit))
    for position, word in enumerate(words):
        if word in _DUALS:
            unit, value = _DUALS[word]
            amounts.append((float(value), unit))
        elif word in lexicons.numbers and not word.isdigit():
            unit = _unit_after(lexicons, words[position + 1 : position + 3])
            if unit is not None:
                amounts.append((float(lexicons.numbers[word]), unit))
    age: int | None = None
    for value, unit in amounts:
        if pregnant and not baby_words and _is_pregnancy_span(value, unit):
            if unit == "week" and week is None:
                week = int(value)
            continue
        age = _months(value, unit)
        break
    if age is None and lexicons.newborn.find(words):
        age = 0
    return AgeFinding(age, pregnant, week)


def _is_pregnancy_span(value: float, unit: str) -> bool:
    return (unit == "week" and value <= MAX_PREGNANCY_WEEKS) or (unit == "month" and value <= 9)
