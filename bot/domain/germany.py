"""Every German municipality and postcode, from the table shipped in bot/domain/data/.

The table (de_places.tsv.gz, built by scripts/build_de_places.py from GeoNames and the
countries-states-cities database) is read once per process, on the first lookup.
Names are compared normalised: case, umlauts written as ue/oe/ae or left out, ß/ss,
"Frankfurt am Main" / "Frankfurt (Main)", other spellings ("Cologne", "Кёльн").
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import NamedTuple

from bot import compiled
from bot.domain.places import Place

STATES = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
# words between the parts of a name: "Frankfurt am Main", "Halle an der Saale"
FILLERS = frozenset({"am", "an", "der", "die", "dem", "den", "im", "in", "a", "d", "i", "b"})
# a big city is also found by the first part of its name: "Frankfurt", "Halle", "Freiburg"
BASE_NAME_MIN_POPULATION = 50_000
# a city whose name is also a word ("Essen") is still meant when it is the whole message
CITY_POPULATION = 100_000
_BASE = re.compile(r"\s*(?:\(|/|,| am | an | im | in | ob | bei | a\. | b\. | i\. )")
# the same letters as bot.nlu.normalize folds, so message words and names compare equal
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه"}
    | {"ك": "ک", "ؤ": "و", "ş": "ș", "ţ": "ț"}
)
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c]")
_NON_WORD = re.compile(r"[\W_]+")
_UMLAUTS = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o"), ("ue", "u"))


def normalize_name(text: str) -> tuple[str, ...]:
    """The words of a place name as bot.nlu.normalize writes them (lower case, no marks)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "")
    text = _HARAKAT.sub("", text).translate(_FOLD)
    return tuple(_NON_WORD.sub(" ", text).split())


def name_key(words: Sequence[str]) -> str:
    """The comparable key of normalised name words: the little words between parts dropped."""
    return " ".join(w for w in words if w not in FILLERS)


def folded_key(key: str) -> str:
    """A key with umlauts and their ae/oe/ue spellings reduced to the bare vowel."""
    for umlaut, vowel in _UMLAUTS:
        key = key.replace(umlaut, vowel)
    return key


class _Row(NamedTuple):  # a tuple: fifteen thousand are unpickled at start
    name: str
    state: str
    postcodes: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    population: int
    aliases: tuple[str, ...]
    common: bool


@dataclass(frozen=True)
class NameMatch:
    """A municipality found by a name, and whether that name is also an ordinary word."""

    place: Place
    common: bool
    population: int


class GermanPlaces:
    """Municipalities by postcode and by (normalised) name; Place objects made on demand."""

    def __init__(self, rows: Sequence[_Row]) -> None:
        self._rows = tuple(rows)
        self._places: dict[int, Place] = {}
        self._by_postcode: dict[str, int] = {}
        # key -> (rank, row): official names and a city's first name part, then aliases
        exact: dict[str, tuple[tuple[int, int], int]] = {}
        folded: dict[str, tuple[tuple[int, int], int]] = {}
        self.longest = 1
        for index, row in enumerate(self._rows):
            for plz in row.postcodes:
                self._by_postcode.setdefault(plz, index)
            names = [(row.name, 1)]
            if row.population >= BASE_NAME_MIN_POPULATION:
                names.append((_BASE.split(row.name, maxsplit=1)[0], 1))
            names.extend((alias, 0) for alias in row.aliases)
            for name, official in names:
                words = normalize_name(name)
                key = name_key(words)
                if not key:
                    continue
                self.longest = max(self.longest, len(words))
                rank = (official, row.population)
                for table, k in ((exact, key), (folded, folded_key(key))):
                    if k not in table or table[k][0] < rank:
                        table[k] = (rank, index)
        self._exact = {k: v[1] for k, v in exact.items()}
        self._folded = {k: v[1] for k, v in folded.items()}
        self._common = {name_key(normalize_name(r.name)) for r in self._rows if r.common}
        self._common_folded = {folded_key(k) for k in self._common}

    @classmethod
    def load(cls) -> GermanPlaces:
        """The shipped table, indexed (as compiled by `lotse nlu train`, else built now)."""
        shipped = compiled.read(_compiled_path(), places_digest(), GermanPlaces)
        return shipped if isinstance(shipped, GermanPlaces) else cls.build()

    @classmethod
    def build(cls) -> GermanPlaces:
        """Read and index the shipped table (a third of a second)."""
        text = gzip.decompress(_table().read_bytes()).decode("utf-8")
        rows = []
        for line in text.splitlines()[1:]:
            name, state, codes, lat, lon, population, aliases, common = line.split("\t")
            rows.append(
                _Row(
                    name=name,
                    state=STATES[state],
                    postcodes=tuple(codes.split()),
                    latitude=float(lat) if lat else None,
                    longitude=float(lon) if lon else None,
                    population=int(population or 0),
                    aliases=tuple(aliases.split("|")) if aliases else (),
                    common=common == "1",
                )
            )
        return cls(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def by_postcode(self, postcode: str) -> Place | None:
        """The municipality a postcode belongs to."""
        index = self._by_postcode.get(postcode.strip())
        return None if index is None else self._place(index)

    def by_name(self, name: str) -> Place | None:
        """The municipality of that name (the largest of several), in any known spelling."""
        found = self.match(normalize_name(name))
        return found.place if found else None

    def match(self, words: Sequence[str]) -> NameMatch | None:
        """The municipality named by exactly these normalised words, if any."""
        key = name_key(words)
        if not key:
            return None
        index = self._exact.get(key)
        if index is None:
            index = self._folded.get(folded_key(key))
        if index is None:
            return None
        common = key in self._common or folded_key(key) in self._common_folded
        return NameMatch(self._place(index), common, self._rows[index].population)

    def towns(self, min_population: int) -> list[tuple[str, tuple[str, ...], int]]:
        """Name, other spellings and population of every municipality of that size or more."""
        rows = (r for r in self._rows if r.population >= min_population)
        return [(r.name, r.aliases, r.population) for r in rows]

    def _place(self, index: int) -> Place:
        place = self._places.get(index)
        if place is None:
            row = self._rows[index]
            place = Place(
                name=row.name,
                kind="municipality",
                state=row.state,
                postcodes=row.postcodes,
                aliases=row.aliases,
                latitude=row.latitude,
                longitude=row.longitude,
            )
            self._places[index] = place
        return place


def _table() -> Traversable:
    return resources.files("bot.domain") / "data" / "de_places.tsv.gz"


def _compiled_path() -> Traversable:
    return resources.files("bot.domain") / "data" / "de_places.pickle.z"


def places_digest() -> str:
    """A fingerprint of the table and of the code that indexes it."""
    package = resources.files("bot.domain")
    code = [resources.files("bot.nlu") / "normalize.py", package / "germany.py"]
    return compiled.digest_of([_table(), *code])


def write_compiled_places() -> str:
    """Index the table and write it next to it (`lotse nlu train`); returns the digest."""
    digest = places_digest()
    compiled.write(_compiled_path(), digest, GermanPlaces.build())
    return digest


def compiled_places_current() -> bool:
    """Whether the shipped index was made from the table and code as they are now."""
    return compiled.current(_compiled_path(), places_digest())


@cache
def german_places() -> GermanPlaces:
    """The table of German municipalities, read once per process."""
    return GermanPlaces.load()
