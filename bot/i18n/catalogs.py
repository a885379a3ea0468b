"""Load the gettext catalogs from `locales/<lang>/LC_MESSAGES/<domain>.po`.

Two domains: `messages` (families and professionals, every supported language) and
`staff` (coordinators: the case posts in their chat and the console, German and English).

The `.po` files are compiled in memory at start-up (fuzzy entries are skipped, as
`pybabel compile` does), so a checkout needs no build step. A missing catalog is an
error here, not a silent fall-back to English.
"""

from __future__ import annotations

import gettext
import io
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


@lru_cache(maxsize=8)
def load_translations(
    locales: Path, domain: str = DOMAIN, languages: tuple[str, ...] = SUPPORTED
) -> dict[str, gettext.GNUTranslations]:
    """Compile the catalog of every language of a domain."""
    translations: dict[str, gettext.GNUTranslations] = {}
    for language in languages:
        path = catalog_path(locales, language, domain)
        if not path.is_file():
            raise MissingCatalog(f"no catalog for {language!r} at {path}")
        with path.open("rb") as source:
            catalog = read_po(source, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        translations[language] = gettext.GNUTranslations(buffer)
    return translations


def is_rtl(language: str) -> bool:
    """Tell whether a language is written right to left."""
    return Locale.parse(language).text_direction == "rtl"


def language_name(code: str, in_language: str, capitalize: bool = False) -> str:
    """The name of a language in another language (or its own), as that language writes it."""
    name = Locale.parse(code).get_display_name(Locale.parse(in_language)) or code
    return name[:1].upper() + name[1:] if capitalize else name
