"""Load the gettext catalogs from `locales/<lang>/LC_MESSAGES/<domain>.po`.

Two domains: `messages` (families and professionals, every supported language) and
`staff` (coordinators: the case posts in their chat and the console, German and English).

The `.po` files are compiled in memory (fuzzy entries are skipped, as `pybabel compile`
does), so a checkout needs no build step; each language when it is first needed, so a
start reads one or two catalogs, not twelve. A missing catalog is an error at start-up,
not a silent fall-back to English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.nlu.language import SUPPORTED

DOMAIN = "messages"
STAFF_DOMAIN = "staff"
STAFF_LANGUAGES = ("de", "en")


class MissingCatalog(RuntimeError):
    """A supported language has no catalog."""


def catalog_path(locales: Path, language: str, domain: str = DOMAIN) -> Path:
    """Where the catalog of a language lives."""
    return locales / language / "LC_MESSAGES" / f"{domain}.po"


class Catalogs(Mapping[str, gettext.GNUTranslations]):
    """The catalogs of a domain by language, each compiled when first asked for."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self._paths = paths
        self._compiled: dict[str, gettext.GNUTranslations] = {}

    def __getitem__(self, language: str) -> gettext.GNUTranslations:
        found = self._compiled.get(language)
        if found is None:  # two threads may both compile it once: the same result
            found = self._compiled[language] = _compile(self._paths[language], language)
        return found

    def compile_all(self) -> None:
        """Compile every language now (a server, before its first request)."""
        for language in self._paths:
            self[language]

    def compiled(self) -> frozenset[str]:
        """The languages compiled so far."""
        return frozenset(self._compiled)

    def __contains__(self, language: object) -> bool:
        return language in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _compile(path: Path, language: str) -> gettext.GNUTranslations:
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@lru_cache(maxsize=8)
def load_translations(
    locales: Path, domain: str = DOMAIN, languages: tuple[str, ...] = SUPPORTED
) -> Catalogs:
    """The catalog of every language of a domain; raise `MissingCatalog` if one is missing."""
    paths: dict[str, Path] = {}
    for language in languages:
        path = catalog_path(locales, language, domain)
        if not path.is_file():
            raise MissingCatalog(f"no catalog for {language!r} at {path}")
        paths[language] = path
    return Catalogs(paths)


def is_rtl(language: str) -> bool:
    """Tell whether a language is written right to left."""
    return Locale.parse(language).text_direction == "rtl"


def language_name(code: str, in_language: str, capitalize: bool = False) -> str:
    """The name of a language in another language (or its own), as that language writes it."""
    name = Locale.parse(code).get_display_name(Locale.parse(in_language)) or code
    return name[:1].upper() + name[1:] if capitalize else name
