"""Typed answers to Lotse's own questions: one matcher for every question and language.

A family may answer "ja", "evet, lütfen", "نعم", "abends", "2", "after 6 pm" or the
label of a button with a typo. `match_answer` maps such a message to one of the
offered options, or to none:

1. an option's number ("2", "٢") or a number word ("zwei"), when the message is only that;
2. the option's label, exactly or nearly (rapidfuzz), in the family's language, German
   or English — only for short messages, since longer ones are rarely a label;
3. the option's meaning: answer words of every language (`answers:` in the lexicons:
   yes, no, later, call, chat, morning, afternoon, evening, any_time, send, cancel) and
   clock times ("18 Uhr", "after 6 pm" are evenings). Exactly one option must fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.nlu.lexicon import Lexicons
from bot.nlu.message import Message
from bot.nlu.normalize import fold_digits, normalize

LABEL_CUTOFF = 86
MAX_LABEL_WORDS = 6
_HOUR = re.compile(r"(?<![\d+])([01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(uhr|h\b|pm|p\.m|am|a\.m|saat)?")


@dataclass(frozen=True)
class AnswerOption:
    """An offered option: its id, its labels as shown, and what it means."""

    id: str
    labels: tuple[str, ...] = ()
    meanings: frozenset[str] = frozenset()


def match_answer(
    message: Message,
    options: Sequence[AnswerOption],
    lexicons: Lexicons,
    languages: frozenset[str] = frozenset(),
) -> str | None:
    """The id of the option the message answers, or None.

    `languages`: whose answer words count (the conversation's, German, English) — "da"
    is Russian "yes" but German "there", "po" Albanian "yes" but Polish "after".
    """
    if not options or message.empty:
        return None
    return (
        _by_number(message, options, lexicons)
        or _by_label(message, options)
        or _by_meaning(message, options, lexicons, languages)
    )


def _by_number(message: Message, options: Sequence[AnswerOption], lexicons: Lexicons) -> str | None:
    words = message.words
    if len(words) != 1:
        return None
    word = words[0]
    value: int | None = None
    if word.isascii() and word.isdigit() and len(word) <= 2:
        value = int(word)
    elif word in lexicons.numbers:
        value = lexicons.numbers[word]
    if value is not None and 1 <= value <= len(options):
        return options[value - 1].id
    return None


def _by_label(message: Message, options: Sequence[AnswerOption]) -> str | None:
    if len(message.words) > MAX_LABEL_WORDS:
        return None
    choices: dict[str, str] = {}
    for option in options:
        for label in option.labels:
            key = normalize(label)
            if key:
                choices.setdefault(key, option.id)
    if message.norm in choices:
        return choices[message.norm]
    if len(message.norm) < 4:  # short words only exactly (rapidfuzz over-matches them)
        return None
    # the whole answer against the whole label (a typo), never a label inside a sentence:
    # "wir wohnen in Bünde" is no "Wohnen"
    found = process.extractOne(
        message.norm, list(choices), scorer=fuzz.ratio, score_cutoff=LABEL_CUTOFF
    )
    if found is None:
        return None
    # "nicht abends" is no "abends"
    return choices[found[0]] if not _negated(message) else None


def _negated(message: Message) -> bool:
    return any(w in _NEGATIONS for w in message.words)


_NEGATIONS = frozenset(
    ("nicht", "kein", "keine", "not", "no", "pas", "değil", "degil", "не", "ні", "nie",
     "nu", "jo", "لا", "نه", "نمی", "مش", "ما")
)  # fmt: skip


def answer_words(message: Message, lexicons: Lexicons, languages: frozenset[str]) -> set[str]:
    """What the answer words of a message mean (yes, no, later, evening, …), in `languages`."""
    return {
        m.term.label
        for m in lexicons.answers.find(message.words)
        if not languages or m.term.language in languages
    }


def _by_meaning(
    message: Message,
    options: Sequence[AnswerOption],
    lexicons: Lexicons,
    languages: frozenset[str],
) -> str | None:
    meanings = answer_words(message, lexicons, languages)
    if _negated(message):
        # "nicht abends" names no time; "nicht senden" is no "send"
        meanings &= {"no", "cancel"}
    hour = _hour_meaning(message.text) if any("evening" in o.meanings for o in options) else None
    if hour is not None:
        meanings.add(hour)
    if {"yes", "no"} <= meanings:
        # "no, yes please" or "ja nein": only the option both readings agree on
        meanings -= {"yes", "no"}
    fitting = [o for o in options if o.meanings & meanings]
    if len(fitting) == 1:
        return fitting[0].id
    # several fit ("ja, abends" at the times question): the most specific meaning wins
    specific = [o for o in fitting if o.meanings & meanings - {"yes", "no"}]
    return specific[0].id if len(specific) == 1 else None


_AFTER = re.compile(
    r"(?:nach|ab|after|from|après|apres|dupa|după|после|після|pas|po|od|sonra|بعد|از)\W*$"
)


def _hour_meaning(text: str) -> str | None:
    """A clock time as a part of the day: 6–11 morning, 12–16 afternoon, 17–22 evening.

    A bare number counts only after "after" ("nach 4", "după 4" is 16:00 — nobody asks
    for a call at 4 in the night).
    """
    folded = fold_digits(text).casefold()
    for match in _HOUR.finditer(folded):
        hour, unit = int(match.group(1)), match.group(2) or ""
        clock = ":" in match.group(0) or "." in match.group(0)
        after = _AFTER.search(folded[max(0, match.start() - 8) : match.start()]) is not None
        if not unit and not clock and not after:
            continue  # a bare number is no time ("2 Kinder")
        if (unit.startswith("p") or (after and not unit and not clock)) and hour < 9:
            hour += 12
        if 6 <= hour <= 11:
            return "morning"
        if 12 <= hour <= 16:
            return "afternoon"
        if 17 <= hour <= 22:
            return "evening"
    return None


@dataclass(frozen=True)
class BareAnswer:
    """A message made only of answer words ("ja", "نعم", "evet lütfen", "later")."""

    meanings: frozenset[str]
    languages: frozenset[str]  # the languages whose answer words these all are

    @property
    def asks_nothing(self) -> bool:
        """Only yes, no or later: no need, no wish to be called, no time of day."""
        return self.meanings <= NOTHING_ASKED


NOTHING_ASKED = frozenset(("yes", "no", "later"))


def bare_answer(message: Message, lexicons: Lexicons) -> BareAnswer | None:
    """What a message of answer words only means, and in which languages; else None."""
    words = message.words
    if not words:
        return None
    found = lexicons.answers.find(words)
    by_position: dict[int, set[str]] = {}
    for match in found:
        for position in range(match.start, match.end):
            by_position.setdefault(position, set()).add(match.term.language)
    if len(by_position) < len(words):
        return None  # a word that is no answer word: "ja, Hebamme"
    languages = set.intersection(*by_position.values())
    return BareAnswer(frozenset(m.term.label for m in found), frozenset(languages))
