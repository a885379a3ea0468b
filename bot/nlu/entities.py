"""Entities in a family's message: the place, the child's age, a pregnancy.

Places come from the gazetteer of the offer database (names, other spellings and
scripts, postcodes), matched exactly, with case endings and attached prepositions, and
fuzzily (rapidfuzz) in the message's script and in Latin transliteration. Every other
German municipality (bot.domain.germany) is matched only exactly, and only where it is
plausibly meant as a place: written with a capital, after a place preposition or with a
Turkish case suffix ("Bielefeld'de"), or as a phrase of its own ("…, Kleve"), also with
a case ending after a preposition ("в Лейпциге", "v Bielefelde"). A name that is also an
ordinary word ("Essen", "Halle", "Much") needs the preposition or a phrase of its own.
Last, a town of 20 000 or more written by ear in Arabic or Cyrillic letters is found by
its consonant skeleton (bot.nlu.sounds), after a preposition or as the last phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.domain.germany import CITY_POPULATION, GermanPlaces, NameMatch
from bot.domain.germany import FILLERS as national_fillers
from bot.domain.places import Gazetteer, Place
from bot.nlu.lexicon import Lexicons
from bot.nlu.normalize import fold_digits, latin, normalize
from bot.nlu.sounds import TOWN_POPULATION, SoundIndex, non_latin, vowels_written

_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# words before a town: de en fr tr pl ro sq ru uk bg ar fa (normalised as messages are)
PLACE_PREPOSITIONS = frozenset(
    {"in", "im", "aus", "nach", "bei", "nahe", "von", "near", "from", "at", "around"}
    | {"à", "de", "près", "pres", "vers", "w", "we", "z", "ze", "do", "koło", "kolo", "pod"}
    | {"v", "vo", "u", "f", "fi", "b", "bi", "to", "dar", "ب", "به", "تو"}  # ru uk bg; ar fa
    | {"în", "din", "la", "lângă", "langa", "në", "ne", "nga", "afër", "afer"}
    | {"в", "во", "у", "з", "із", "зі", "из", "от", "около", "біля", "возле", "край", "до"}
    | {"في", "من", "قرب", "الى", "عند", "در", "از", "نزديک", "اطراف"}
)
# "from": the town a family left, when another one follows ("aus Köln nach Bonn gezogen")
FROM_PREPOSITIONS = frozenset(
    {"aus", "from", "z", "ze", "din", "nga", "из", "із", "з", "от", "از", "من"}
)
# "in" (not "from": "от груди"): a short skeleton is taken only after these, for a word
# written with a capital or, in Arabic letters (no capitals), one that writes its vowels
# inside as German names are written ("في فيزل"; not "في كردي", "in Kurdish", not Hürth)
_IN_PREPOSITIONS = frozenset({"в", "во", "у", "في", "ب", "تو", "در"})
# words that follow a town in Farsi: "مونستر هستیم" (we are in Münster), "… زندگی میکنیم"
_PLACE_AFTER = frozenset(normalize(w) for w in ("هستیم", "هستم", "زندگی", "ساکنیم", "ساکن"))
# "is", "we are", "we live" after a town (Farsi): "تو هاگن هست؟", "در زیگن هستیم"
_IS_AFTER = _PLACE_AFTER | frozenset(normalize(w) for w in ("هست", "هستن", "هستش", "است"))
# Arabic keyboards write ي and ك; not گ, which Iraqi Arabic writes too (unlike the
# language detector's hint letters, bot.nlu.language)
_FARSI_LETTERS = frozenset("یکپچژ")
_ATTACHED_IN = frozenset("ب")  # Arabic "in", written onto the town: "بمونستر"
ATTACHED_MIN = 5  # letters with it: not "بيت"
_APOSTROPHE_SUFFIX = re.compile(r"(\w+)['’ʼ`]\w")
_WORD = re.compile(r"\w+")
_SEGMENT = re.compile(r"[,.!?؟،;:\n]")
_CYRILLIC = re.compile(r"^[\u0400-\u052f]+$")
_CYRILLIC_PREPOSITIONS = frozenset({"в", "во", "у", "з", "із", "из", "под", "біля"})
# the same in Latin letters, with Polish: "v Bielefelde", "w Wuppertalu", "u Bonni"
_LATIN_CASE_PREPOSITIONS = frozenset({"v", "vo", "u", "w", "we"})
NATIONAL_MAX_WORDS = 6
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?:[.,](\d))?(?![\d])")
# names that are also ordinary words: only taken when written with a capital letter
_COMMON_WORDS = {"senden", "enger", "olfen", "essen", "rosendahl", "menschen"}
# everyday words that are also a spelling of a town: "з рота" is "from the mouth" (Roth);
# they name the town only when written with a capital
_EVERYDAY_WORDS = frozenset({"рота"})
_DUALS = {
    "شهرين": ("month", 2),
    "اسبوعين": ("week", 2),
    "سنتين": ("year", 2),
    "يومين": ("day", 2),
    # Arabic written in Latin letters
    "shahrain": ("month", 2),
    "shahren": ("month", 2),
    "shahrein": ("month", 2),
    "osbo3ain": ("week", 2),
    "esbo3ain": ("week", 2),
    "sanatain": ("year", 2),
    "santen": ("year", 2),
}
_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
FUZZY_CUTOFF = 86
MAX_PREGNANCY_WEEKS = 42
# "34. Woche", "34 неделя" with no baby named: a pregnancy week, not a child's age
WEEKS_ONLY_PREGNANCY = 20


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
        self._sounds: SoundIndex | None = None  # built on the first message that needs it
        for name in self._single_keys:
            if name not in _COMMON_WORDS:
                self._by_initial.setdefault(name[0], []).append(name)

    def find(self, text: str, words: list[str]) -> PlaceMatch | None:
        """The first place named in the message, or a postcode."""
        codes = [match.group(1) for match in _POSTCODE.finditer(normalize(text))]
        for code in codes:  # the first that is a German postcode, else the first number
            place = self.gazetteer.by_postcode(code)
            if place is not None:
                return PlaceMatch(code, place, code)
        if codes:
            return PlaceMatch(codes[0], None, codes[0])
        left: Place | None = None  # a town moved away from: "from Köln we came to Münster"
        for start in range(len(words)):
            found = self._exact_at(words, start, text)
            if found is not None:
                found = self._longer_national(words, start) or found
                if start > 0 and words[start - 1] in FROM_PREPOSITIONS and left is None:
                    left = found
                    continue
                if found != left:
                    return PlaceMatch(found.name, found)
        if left is not None:
            return PlaceMatch(left.name, left)
        capitalised = {normalize(w) for w in _WORD.findall(text) if w[:1].isupper()}
        national = self._national(text, words, capitalised)
        if national is not None:
            return PlaceMatch(national.name, national)
        for index, word in enumerate(words):
            if self.gazetteer.national is not None and self.gazetteer.national.match([word]):
                continue  # a real town's name, not a misspelt curated one ("Lohne")
            marked = index > 0 and words[index - 1] in PLACE_PREPOSITIONS
            if not (marked or word in capitalised or index == len(words) - 1):
                continue  # a misspelt town is a name: not Albanian "sende" (things), "spenden"
            found = self._fuzzy(word)
            if found is not None:
                return PlaceMatch(found.name, found)
        heard = self._by_sound(text, words, capitalised)
        return PlaceMatch(heard.name, heard) if heard is not None else None

    def _longer_national(self, words: list[str], start: int) -> Place | None:
        """A German town whose longer name holds the one found at `start`.

        "Bergisch Gladbach", not Mönchengladbach ("Gladbach") named inside it.
        """
        national = self.gazetteer.national
        if national is None:
            return None
        for before in range(1, min(start, NATIONAL_MAX_WORDS - 1) + 1):
            if words[start - before] in national_fillers:  # "in Monheim" is Monheim
                continue
            for size in range(before + 1, min(NATIONAL_MAX_WORDS, len(words) - start + before) + 1):
                found = national.match(words[start - before : start - before + size])
                if found is not None and not found.common:
                    return self.gazetteer.curated(found.place)
        return None

    def _by_sound(self, text: str, words: list[str], capitalised: set[str]) -> Place | None:
        """A town written by ear in Arabic or Cyrillic letters ("في كريفيلد", "в Дуисбург").

        Only after a place preposition or as the message's last phrase ("… بيليفيلد").
        """
        national = self.gazetteer.national
        if self._sounds is None:  # the networks' towns first: "Монгаймі" is Monheim
            curated = [
                (p.name, p.aliases) for p in self.gazetteer.places if p.kind == "municipality"
            ]
            others = national.towns(TOWN_POPULATION) if national is not None else []
            self._sounds = SoundIndex(others, curated)
        segments = [_WORD.findall(normalize(s)) for s in _SEGMENT.split(text.strip(" .!?؟\n"))]
        tail = segments[-1]
        closing = tail[0] if len(tail) == 1 and len(words) > 1 else None  # not "اهلين" alone
        ends = {s[-1] for s in segments if s}  # "… بدورن،", "… نحنا بسيغن"
        farsi = any(c in _FARSI_LETTERS for c in text)
        for index, word in enumerate(words):
            marked = index > 0 and words[index - 1] in PLACE_PREPOSITIONS
            marked = marked or (index + 1 < len(words) and words[index + 1] in _PLACE_AFTER)
            attached = not marked and word[:1] in _ATTACHED_IN and len(word) >= ATTACHED_MIN
            # Farsi writes ب onto verbs ("بگیرید", "بخورد"), not onto towns
            attached_short = attached and not farsi
            if attached:
                word, marked = word[1:], True  # "بمونستر": in Münster
            if not non_latin(word) or not (marked or word == closing):
                continue
            # a short skeleton only for a name written with a capital: "в Зіген", not "в градина";
            # in Arabic letters for one that writes its vowels after "in": "بسيغن", "في فيزل"
            after_in = attached_short or (
                not attached and marked and words[index - 1] in _IN_PREPOSITIONS
            )
            told = vowels_written(word) and (
                words[index] in ends
                or (index + 1 < len(words) and words[index + 1] in _IS_AFTER)
                or (farsi and index > 0 and words[index - 1] == "در")  # "در هاگن کلاس"
            )  # at a phrase's end or before "we are": not "بسيارته قدام" (with his car, in front)
            short = after_in and (word in capitalised or told)
            town = self._sounds.find(word, short)
            place = self.gazetteer.get(town.name) if town is not None else None
            if place is not None:  # the curated place, else the national one
                return place
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
        for cut in (1, 2):  # attached prepositions: "بغومرسباخ", "وكولونيا"; "in": "بكولن"
            shortest = ATTACHED_MIN if cut == 1 and word[:1] in _ATTACHED_IN else cut + 5
            place = self.single.get(word[cut:]) if len(word) >= shortest else None
            if place is not None:
                return place
        return None

    def _national(self, text: str, words: list[str], capitalised: set[str]) -> Place | None:
        """The first German municipality exactly and plausibly named in the message.

        `capitalised`: the message's words written with a capital, normalised.
        """
        national = self.gazetteer.national
        if national is None:
            return None
        suffixed = {normalize(w) for w in _APOSTROPHE_SUFFIX.findall(text)}
        # a phrase of its own: "…, Kleve", "Hagen. Wo kann ich …"
        alone = {tuple(_WORD.findall(normalize(part))) for part in _SEGMENT.split(text)}
        for start, first in enumerate(words):
            if first in national_fillers:
                continue
            longest = min(NATIONAL_MAX_WORDS, len(words) - start)
            for size in range(longest, 0, -1):
                chunk = words[start : start + size]
                if chunk[-1] in national_fillers:
                    continue
                found = national.match(chunk)
                if found is None and size == 1 and start > 0:
                    found = self._inflected(national, first, words[start - 1], capitalised)
                if found is None:
                    continue
                if tuple(chunk) in alone:
                    suffixed = suffixed | {chunk[-1]}  # as marked as "Essen'de"
                if self._plausible_national(found, words, start, size, capitalised, suffixed):
                    return self.gazetteer.curated(found.place)
        return None

    @staticmethod
    def _plausible_national(
        found: NameMatch,
        words: list[str],
        start: int,
        size: int,
        capitalised: set[str],
        suffixed: set[str],
    ) -> bool:
        if start == 0 and size == len(words):  # "Bielefeld", "Essen"; not "acht", "Wald"
            return not found.common or found.population >= CITY_POPULATION
        after = words[start + size] if start + size < len(words) else ""
        marked = (
            (start > 0 and words[start - 1] in PLACE_PREPOSITIONS)
            or words[start + size - 1] in suffixed
            or after in _PLACE_AFTER  # "بیله‌فلد هستیم": we are in Bielefeld
        )
        first = words[start]
        if size == 1 and first in _EVERYDAY_WORDS:
            return marked and first in capitalised
        if not any(c.isupper() or c.islower() for c in first):
            return marked  # Arabic script has no capitals: "في بيليفيلد"
        if found.common:
            return marked and first in capitalised  # "in Essen", not "à plein temps"
        return marked or first in capitalised

    @staticmethod
    def _inflected(
        national: GermanPlaces, word: str, before: str, capitalised: set[str]
    ) -> NameMatch | None:
        """A name with a case ending after a preposition: "в Лейпциге", "w Unnie"."""
        cyrillic = before in _CYRILLIC_PREPOSITIONS and _CYRILLIC.match(word) is not None
        latin_case = before in _LATIN_CASE_PREPOSITIONS and word in capitalised
        # four letters only for a name written with a capital: "в Унні" (in Unna)
        short = len(word) == 4 and cyrillic and word in capitalised
        if (len(word) < 5 and not short) or not (cyrillic or latin_case):
            return None
        vowel = "а" if cyrillic else "a"  # a name ending in -a loses it: "w Unnie", "в Унне"
        for cut in (1, 2):
            for stem in (word[:-cut], word[:-cut] + vowel):
                found = national.match([stem])
                if found is not None:
                    return found
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
    if following[:1] == ["de"]:  # Romanian from 20 on: "20 de luni"
        following = following[1:]
    for match in lexicons.age_units.find(following[:2]):
        if match.start == 0:
            return match.term.label
    return None


def find_age(text: str, words: list[str], lexicons: Lexicons) -> AgeFinding:
    """The child's age and pregnancy facts stated in a message."""
    pregnant = bool(lexicons.pregnant.find(words))
    newborn = bool(lexicons.newborn.find(words))
    baby_words = bool(lexicons.baby.find(words)) or newborn
    born = newborn or bool(lexicons.combining["gave_birth"].find(words))
    amounts: list[tuple[float, str]] = []
    week: int | None = None
    folded = fold_digits(text)
    for match in _NUMBER.finditer(folded):
        value = float(match.group(1)) + (float(match.group(2)) / 10 if match.group(2) else 0.0)
        following = normalize(folded[match.end() : match.end() + 40]).split()
        preceding = normalize(folded[max(0, match.start() - 30) : match.start()]).split()
        unit = _unit_after(lexicons, following)
        if unit is None:
            if pregnant and lexicons.pregnancy_week.find(preceding[-2:]):
                week = int(value)
            elif _bare_years(
                value,
                preceding,
                folded[match.end() :],
                folded[match.start() - 1 : match.start()] == "(",
            ):
                amounts.append((value, "year"))
            continue
        value += _half_in(following[1:4])  # "2 ans et demi", "دو سال و نیم"
        if not_a_child_age(value, unit, preceding, following[:3], born):
            continue
        week_word = unit == "week" and bool(lexicons.pregnancy_week.find(following[:2]))
        weeks = WEEKS_ONLY_PREGNANCY <= value <= MAX_PREGNANCY_WEEKS
        at_week = unit == "week" and " ".join(preceding[-2:]) in _SELF_AT  # "я на 28 тижні"
        if weeks and at_week:
            pregnant, week = True, int(value)  # "je suis à 34 semaines": her own week
            continue  # not the age of the child she also names ("сама з малою")
        if weeks and week_word and not baby_words:
            pregnant = True  # "34 неделя": no baby named, a pregnancy week
        if week_word and pregnant:
            week = int(value)
        amounts.append((value, unit))
    for position, word in enumerate(words):
        if word in _DUALS:
            unit, value = _DUALS[word]
            half = _half_in(words[position + 1 : position + 3])
            amounts.append((value + half, unit))  # "سنتين ونص": two and a half years
        elif word in lexicons.numbers and not word.isdigit():
            unit = _unit_after(lexicons, words[position + 1 : position + 3])
            if unit is not None:
                half = _half_in(words[position + 2 : position + 5])
                value = lexicons.numbers[word] + half
                # "من خمس سنين" (five years ago) is a span, as "5 years ago" is
                preceding = words[max(0, position - 3) : position]
                if not not_a_child_age(value, unit, preceding, words[position + 1 :], born):
                    amounts.append((value, unit))
    if not amounts:
        amounts = _one_unit(words, lexicons, born)  # "ولدت من أسبوع", "عمره سنة ونص"
    if not amounts:
        amounts = _bare_month(words, lexicons)
    age: int | None = None
    for value, unit in amounts:
        if pregnant and not baby_words and _is_pregnancy_span(value, unit):
            if unit == "week" and week is None:
                week = int(value)
            continue
        age = _months(value, unit)
        break
    if age is None and newborn:
        age = 0
    return AgeFinding(age, pregnant, week)


def _half_in(following: list[str]) -> float:
    """A half said after an amount: "2 ans et demi", "سنتين ونص"."""
    return 0.5 if set(following) & _HALF else 0.0


def _one_unit(words: list[str], lexicons: Lexicons, born: bool) -> list[tuple[float, str]]:
    """A unit named without a number is one of it.

    Told of a birth ("ولدت من أسبوع", I gave birth a week ago) or right after "his age"
    ("عمره سنة ونص", he is a year and a half).
    """
    for m in lexicons.age_units.find(words):
        before = words[m.start - 1] if m.start else ""
        if before.isdigit() or before in lexicons.numbers:
            continue
        aged = before in _AGED
        if aged or (born and m.term.label != "year"):
            return [(1.0 + _half_in(words[m.end : m.end + 2]), m.term.label)]
    return []


# a time span, not an age: "3 weeks ago", "il y a 3 semaines", "2 ay önce", "vor 9 Wochen",
# "seit 3 Wochen", "within 2 weeks". Wider than crisis_words.yml's ago_before/ago_after,
# which hold only "ago" (for "years ago, long over"): a span since or within is no age
# either, but tells nothing of the past being over.
# fmt: off
_SPAN_AFTER = frozenset((
    "ago", "önce", "once", "назад", "тому", "temu", "urmă", "urma", "parë", "pare", "içinde",
    "icinde", "within", "پیش", "پيش",
))
_SPAN_BEFORE = frozenset((
    "vor", "seit", "depuis", "since", "acum", "para", "преди", "قبل", "منذ", "in", "în",
    "within",
))
# "his/her age": Arabic says "عمره سنة" (his age a year) with no number for one
_AGED = frozenset(normalize(w) for w in ("عمره", "عمرها", "عمرو", "3omro", "3omra", "3omrha"))
_HALF = frozenset((
    "half", "halb", "demi", "jumătate", "jumatate", "pół", "pol", "половиной", "половиною",
    "gjysmë", "gjysme", "نیم", "نيم", "nos", "نص", "ونص", "ونصف", "buçuk", "bucuk",
))
# how long, for days and weeks only: "cough for 3 days", "kaszle od 3 dni", "ot 2 dni"
# ("for a 3 year old" and "de 4 ani" are ages); Turkish says it in the unit: "3 gündür"
_SPAN_BEFORE_DAYS = frozenset(("for", "od", "ot", "от", "від", "з", "since"))
_SPAN_UNIT_WORDS = frozenset(("gündür", "gundur", "haftadır", "haftadir"))
# fmt: on
# the writer's own age: "j'ai 15 ans", "I'm 19", "ich bin 19", "3omri 17", "мне 19"
# fmt: off
_SELF_BEFORE = frozenset((
    "j ai", "i m", "i am", "im", "ich bin", "bin", "mam", "jam", "am", "عمري", "3omri", "мне",
    "мені", "ми е", "sunt", "jestem",
))
_ARABIC_UNITS = frozenset(normalize(w) for w in (
    "سنين", "سنة", "سنه", "سنوات", "شهر", "شهور", "اشهر", "أشهر", "أسابيع", "اسابيع", "ايام",
    "أيام", "يوم", "أسبوع", "اسبوع",
))
# the writer at a week of her own: "я на 28 тижні", "je suis à 34 semaines", "I'm at 30 weeks"
_SELF_AT = frozenset((
    "я на", "je suis à", "suis à", "i m at", "i am at", "im at", "ich bin in der", "bin in der",
    "jestem w", "sunt în", "sunt in", "jam në", "jam ne", "аз съм в", "съм в", "من در", "ana fi",
))
# fmt: on
ADULT_YEARS = 18  # a parent's or partner's age, not a child's
SELF_YEARS = 10  # "I am 15" is the writer; "mam 2-letnią córkę" (I have a 2-year-old) is not


def not_a_child_age(
    value: float, unit: str, preceding: list[str], following: list[str], born: bool
) -> bool:
    """A number with a unit that is a time span, the writer's age or an adult's.

    "Il y a 3 semaines" is a span, unless a birth is told ("born 3 weeks ago" is the age).
    """
    last = preceding[-1:]
    after_unit = following[1:]
    if unit in ("day", "week") and (
        set(last) & _SPAN_BEFORE_DAYS or set(following[:1]) & _SPAN_UNIT_WORDS
    ):
        return not born  # "cough for 3 days": how long, not how old
    if unit == "year" and value >= ADULT_YEARS:
        return True
    said_of_self = " ".join(preceding[-2:]) in _SELF_BEFORE or " ".join(last) in _SELF_BEFORE
    if unit == "year" and value >= SELF_YEARS and said_of_self:
        return True
    span = bool(set(after_unit[:1]) & _SPAN_AFTER) or bool(set(last) & _SPAN_BEFORE)
    # Arabic "من خمس سنين" (five years ago); Farsi "من" is "I": "بچه من ۵ سالشه"
    span = span or (last == ["من"] and following[:1] != [] and following[0] in _ARABIC_UNITS)
    return (span or preceding[-3:] == ["il", "y", "a"]) and not born


# "sie ist 3", "he's 2", "elle a 4": a small number said of a child ends the clause
# fmt: off
_CHILD_IS = frozenset((
    "sie ist", "er ist", "she is", "she s", "he is", "he s", "elle a", "il a", "ей", "ему",
    "їй", "йому", "son is", "daughter is", "sohn ist", "tochter ist",
))
# "my son (3)", "meine Tochter (2)": the years in brackets right after the child
_CHILD_BRACKETED = frozenset((
    "son", "daughter", "boy", "girl", "sohn", "tochter", "junge", "mädchen", "fils", "fille",
    "enkel", "enkelin", "grandson", "granddaughter",
))
# fmt: on
BARE_YEARS_MAX = 12
_CLAUSE_END = re.compile(r"\s*(?:$|[,.!?;:)،؟])")


def _bare_years(value: float, preceding: list[str], rest: str, bracketed: bool = False) -> bool:
    """A number without a unit that is a child's years: "..., sie ist 3." but not "er ist 5 km".

    Also "my son is 4," and "my son (3)".
    """
    if not (1 <= value <= BARE_YEARS_MAX and value == int(value)):
        return False
    said_of = " ".join(preceding[-2:]) in _CHILD_IS or " ".join(preceding[-1:]) in _CHILD_IS
    said_of = said_of or (bracketed and bool(preceding) and preceding[-1] in _CHILD_BRACKETED)
    return said_of and _CLAUSE_END.match(rest) is not None


def _bare_month(words: list[str], lexicons: Lexicons) -> list[tuple[float, str]]:
    """A month without a number right after the child: "Доньці місяць", "córka ma miesiąc"."""
    for position, word in enumerate(words[1:3], start=1):
        unit = _unit_after(lexicons, [word])
        if unit == "month" and lexicons.baby.find(words[:position]):
            return [(1.0, unit)]
    return []


def _is_pregnancy_span(value: float, unit: str) -> bool:
    return (unit == "week" and value <= MAX_PREGNANCY_WEEKS) or (unit == "month" and value <= 9)
