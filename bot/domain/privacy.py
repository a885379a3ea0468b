"""Privacy helpers: pseudonymous user keys and masking of personal data in text.

Masking runs on hostile input, so every pattern is linear in the text's length: a match
may only start at the beginning of a token (a lookbehind, checked in constant time), and
the runs inside a match are possessive or bounded, so no position is scanned twice by
the same attempt and no attempt re-scans what an earlier one already failed on.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

# Telegram's message limit: callers cut a text to this length BEFORE masking it.
KEPT_CHARS = 4096

_EMAIL = re.compile(r"(?<![^\s@])[^\s@]++@[^\s@]+\.[^\s@]+")
# a maximal run of digits and separators; where the phone number ends is decided in Python
_PHONE_RUN = re.compile(r"(?<!\w)\+?\d[\d ()/.-]*+")
_LONG_DIGITS = re.compile(r"\d{6,}")
# "im Ring 3 Monate" is no address: a number of months, weeks, … follows
_NOT_A_HOUSE = r"(?!(?i:[ \t]{0,3}(?:monat|woche|jahr|tag|stunde|month|week|year|day|hour)))"
_STREET = re.compile(
    r"(?<![\w-])(?:(?:[^\W\d_]{1,40}-){1,3}[^\W\d_]{0,40}?|[^\W\d_]{2,40}?)"
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|pfad|ufer|chaussee|steig)"
    r"[ \t]{0,3}\d{1,4}(?:[ \t]?[a-z])?(?!\w)" + _NOT_A_HOUSE,
    re.IGNORECASE,
)
_STREET_AT = re.compile(  # "Am Rosenhang 7", "Auf dem Berg 12a": a capitalised noun
    r"(?<!\w)(?:[Aa]m|[Aa]n der|[Aa]n den|[Aa]uf dem|[Aa]uf der|[Ii]m|[Ii]n der|[Zz]um|[Zz]ur)"
    r"[ \t]{1,3}[A-ZÄÖÜ][^\W\d_]{1,40}(?:-[A-ZÄÖÜ][^\W\d_]{1,40})?"
    r"[ \t]{1,3}\d{1,4}(?:[ \t]?[a-z])?(?!\w)" + _NOT_A_HOUSE
)
# phrases that introduce one's own name, in the 12 languages of Lotse
_NAME_INTROS = (
    r"ich hei(?:ß|ss|s)e|mein name ist|mein name lautet"  # de
    r"|my name is|my name's|i am called|i'm called"  # en
    r"|و?اسمي|انا اسمي|أنا اسمي"  # ar
    r"|benim ad[ıi]m|ad[ıi]m [sş]u|ismim|benim ismim"  # tr
    r"|меня зовут|моё имя|мое имя|я называюсь"  # ru
    r"|мене звати|мене звуть|моє ім['’ʼ]?я"  # uk
    r"|اسم من|نام من|اسمم"  # fa
    r"|nazywam si[ęe]|mam na imi[ęe]|moje imi[ęe] to"  # pl
    r"|m[ăa] numesc|numele meu este|numele meu e"  # ro
    r"|казвам се|името ми е"  # bg
    r"|je m['’]appelle|mon nom est|je suis appel[ée]e?"  # fr
    r"|quhem|emri im [eë]sht[eë]|un[eë] quhem"  # sq
)
_NAME_WORD = r"[^\W\d_][\w'’-]{0,40}"
_NAME = re.compile(
    rf"(?<!\w)(?:{_NAME_INTROS})(?:[ \t]*[:,-]?[ \t]*)(?P<name>{_NAME_WORD}"
    rf"(?:[ \t]{{1,3}}{_NAME_WORD}){{0,2}})",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(_NAME_WORD)
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)
_NOT_NAMES = frozenset({"است", "هستم", "هست", "أنا", "انا", "من", "و", "في", "از"})
_KEEP_CONTROLS = frozenset("\n\t")


def user_key(secret: str, channel: str, user_id: str) -> str:
    """A stable pseudonym for a channel's user id; the id itself is never stored."""
    digest = hmac.new(secret.encode(), f"{channel}:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()


def log_key(key: str) -> str:
    """A short form of a pseudonym for logs."""
    return key[:10]


def storable_text(text: str) -> str:
    """The text without NUL, other control characters and lone surrogates (line breaks stay)."""
    if text.isprintable():
        return text
    return "".join(c for c in text if _storable(c))


def _storable(char: str) -> bool:
    if char in _KEEP_CONTROLS or char.isprintable():
        return True
    category = unicodedata.category(char)
    # spaces and format characters (joiners, bidi marks) are text; controls and surrogates not
    return category in ("Zs", "Zl", "Zp", "Cf") and char not in "\u2028\u2029"


def mask_personal_data(text: str) -> str:
    """Mask e-mails, phone numbers, long digit runs, street addresses and introduced names.

    5-digit postcodes stay. Linear in the length of `text`; callers cut the text to what
    they keep (`KEPT_CHARS`) before masking it.
    """
    text = storable_text(text).translate(_DIGITS)
    text = _EMAIL.sub("[e-mail]", text)
    text = _NAME.sub(_mask_name, text)
    text = _STREET.sub("[address]", text)
    text = _STREET_AT.sub("[address]", text)
    text = _PHONE_RUN.sub(_mask_phone, text)
    return _LONG_DIGITS.sub("[number]", text)


def _mask_name(match: re.Match[str]) -> str:
    """Mask the first word after the phrase and the next ones that look like names."""
    text, start = match.string, match.start("name")
    words = list(_NAME_WORDS.finditer(text, start, match.end("name")))
    end = words[0].end()
    for taken, word in enumerate(words[1:], start=1):
        first = word.group(0)[0]
        if first.islower():  # a cased script and a lower-case word: the sentence goes on
            break
        if not first.isupper() and (taken == 2 or _goes_on(word.group(0))):
            break  # a script without case (Arabic, Farsi): at most two words
        end = word.end()
    return text[match.start() : start] + "[name]" + text[end : match.end()]


def _goes_on(word: str) -> bool:
    """Tell whether an uncased word continues the sentence rather than the name."""
    return word.startswith("و") or word in _NOT_NAMES


def _mask_phone(match: re.Match[str]) -> str:
    r"""Mask the run up to its last digit that no letter or digit follows, if 7+ digits long.

    What `\+?\d[\d ()/.-]{5,}\d(?!\w)` matches by backtracking, found in one pass.
    """
    run, text, end = match.group(0), match.string, match.end()
    after = text[end] if end < len(text) else " "
    cut = 0
    for i in range(len(run) - 1, 0, -1):
        if run[i].isdecimal():
            following = run[i + 1] if i + 1 < len(run) else after
            if not (following.isalnum() or following == "_"):
                cut = i + 1
                break
    if cut < (2 if run.startswith("+") else 1) + 6:
        return run
    digits = sum(c.isdecimal() for c in run[:cut])
    return run if digits <= 5 else "[phone]" + run[cut:]
