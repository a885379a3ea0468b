"""One normalisation for every comparison: messages, lexicons, place names, training data.

NFKC, casefold, Arabic harakat and tatweel removed, alef/yeh/teh-marbuta and Persian
kaf/yeh folded, Eastern Arabic and Persian digits to ASCII, Romanian cedillas to
commas, invisible and bidi control characters dropped, punctuation and symbols to
spaces. Letters keep their accents: blanket accent stripping would turn Ukrainian
й into и and ї into і.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ة": "ه",
        "ۀ": "ه",
        "ك": "ک",
        "ؤ": "و",
        "ş": "ș",
        "ţ": "ț",
        "ʼ": "'",
        "’": "'",
        "`": "'",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_DIGITS: dict[int, str] = {0x0660 + i: str(i) for i in range(10)} | {
    0x06F0 + i: str(i) for i in range(10)
}


def fold_digits(text: str) -> str:
    """Eastern Arabic and Persian digits to ASCII; everything else as written."""
    return text.translate(_DIGITS).replace("٫", ".").replace("،", ",")


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category in ("Mn", "Mc")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The comparable form of `text`: lower-case words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).casefold().replace("\u0307", "")  # Turkish İ -> i
    text = _HARAKAT.sub("", text).translate(_FOLD)
    chars = [c if _is_word_char(c) else " " for c in text]
    return _SPACES.sub(" ", "".join(chars)).strip()


def words(text: str) -> list[str]:
    """The normalised words of `text`."""
    return normalize(text).split()


def latin(text: str) -> str:
    """A Latin-letter rendering of normalised text, for matching across scripts."""
    return _SPACES.sub(" ", anyascii(normalize(text)).lower()).strip()


SCRIPT_ARABIC = "arabic"
SCRIPT_CYRILLIC = "cyrillic"
SCRIPT_LATIN = "latin"


def dominant_script(text: str) -> str | None:
    """The script most letters of `text` are written in, or None without letters."""
    counts = {SCRIPT_ARABIC: 0, SCRIPT_CYRILLIC: 0, SCRIPT_LATIN: 0}
    for char in text:
        if not char.isalpha():
            continue
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts[SCRIPT_ARABIC] += 1
        elif 0x0400 <= code <= 0x052F:
            counts[SCRIPT_CYRILLIC] += 1
        elif code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            counts[SCRIPT_LATIN] += 1
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count else None
