"""Which language a family writes in.

Three signals, combined: the script (Arabic letters mean Arabic or Persian; Cyrillic
means Russian, Ukrainian or Bulgarian), lingua restricted to the supported languages
(low-accuracy mode: 0.1 s start, ~40 MB), and our own character n-gram model trained on
the intents data, which knows Latin transliterations such as "ana 7amel" that lingua
cannot. The conversation's language and the messenger's language code are priors;
messages with hardly any letters ("ok", "👍") keep the conversation's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from bot.nlu.classifier import LinearModel
from bot.nlu.message import Message
from bot.nlu.normalize import SCRIPT_ARABIC, SCRIPT_CYRILLIC

SUPPORTED: Final = ("de", "en", "ar", "tr", "ru", "uk", "fa", "pl", "ro", "bg", "fr", "sq")
DEFAULT_LANGUAGE: Final = "de"
FEW_LETTERS: Final = 4
# written in Latin letters by nature, not transliterated: "tak" is Polish before Ukrainian
LATIN_NATIVE: Final = frozenset(("de", "en", "tr", "pl", "ro", "fr", "sq"))
SHORT: Final = 15

# German words families of every language use for German institutions; they say nothing
# about the language a message is written in.
LOANWORDS: Final = frozenset(
    (
        "kita",
        "kitas",
        "kitaplatz",
        "kindergarten",
        "tagesmutter",
        "tagesmütter",
        "hebamme",
        "hebammen",
        "familienhebamme",
        "familienhebammen",
        "schreiambulanz",
        "kinderarzt",
        "kinderärztin",
        "u",
        "untersuchung",
        "frühförderung",
        "fruehfoerderung",
        "kindergeld",
        "elterngeld",
        "bürgergeld",
        "buergergeld",
        "jobcenter",
        "jugendamt",
        "wohngeld",
        "ausländerbehörde",
        "auslaenderbehoerde",
        "aufenthalt",
        "aufenthaltstitel",
        "integrationskurs",
        "dolmetscher",
        "termin",
        "anmeldung",
        "mutterpass",
        "wochenbett",
        "stillberatung",
        "beratung",
        "beratungsstelle",
        "familienzentrum",
        "sozialamt",
        "krankenkasse",
        "kinderzuschlag",
        "schwangerschaftsberatung",
        "caritas",
        "diakonie",
        "awo",
        "pro",
        "familia",
        "ssw",
        "et",
    )
)

_BY_SCRIPT = {
    SCRIPT_ARABIC: ("ar", "fa"),
    SCRIPT_CYRILLIC: ("ru", "uk", "bg"),
}
_PERSIAN_LETTERS = set("پچژگکی")
_ARABIC_ONLY_LETTERS = set("يكةىإأ")  # Persian writes ی and ک and rarely the others
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэё")


@dataclass(frozen=True)
class LanguageGuess:
    """The language (ISO 639-1) and how sure the guess is (0..1)."""

    code: str
    confidence: float


@lru_cache(maxsize=1)
def lingua_detector() -> LanguageDetector:
    """The lingua detector for the supported languages, built once per process."""
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in SUPPORTED]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def _lingua_scores(text: str, candidates: tuple[str, ...]) -> dict[str, float]:
    values = lingua_detector().compute_language_confidence_values(text)
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    return {c: scores.get(c, 0.0) for c in candidates}


def _normalised(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items()} if total > 0 else scores


def _letter_hints(text: str, candidates: tuple[str, ...]) -> dict[str, float]:
    letters = set(text.casefold())
    hints = dict.fromkeys(candidates, 0.0)
    if "fa" in hints and letters & _PERSIAN_LETTERS:
        hints["fa"] = 0.5
    elif "ar" in hints and letters & _ARABIC_ONLY_LETTERS:
        hints["ar"] = 0.5
    if "uk" in hints and letters & _UKRAINIAN_LETTERS:
        hints["uk"] = 0.6
    if "ru" in hints and letters & _RUSSIAN_LETTERS:
        hints["ru"] = 0.4
    if "bg" in hints and "ъ" in letters:
        hints["bg"] = 0.4
    return hints


def content_words(message: Message, ignore: frozenset[str] = frozenset()) -> Message:
    """The message without German institution words, place names and numbers."""
    kept = [w for w in message.words if w not in LOANWORDS and w not in ignore and not w.isdigit()]
    content = " ".join(kept)
    return Message(content, content)


def detect_language(
    message: Message,
    model: LinearModel | None,
    conversation: str | None = None,
    hint: str | None = None,
    ignore: frozenset[str] = frozenset(),
    known_in: frozenset[str] = frozenset(),
) -> LanguageGuess:
    """Guess a message's language, leaning on the conversation's language and the hint.

    `known_in`: the languages whose words the whole message is (a bare "نعم", "evet",
    "tak"); the guess stays among them.
    """
    prior = conversation if conversation in SUPPORTED else None
    hinted = hint if hint in SUPPORTED else None
    content = content_words(message, ignore)  # only German institution words or places: no clue
    text = content.text
    letters = sum(1 for c in text if c.isalpha())
    candidates = _BY_SCRIPT.get(content.script or "", SUPPORTED)
    if prior is None and set(known_in) & set(candidates):
        candidates = tuple(c for c in candidates if c in known_in)
    if len(candidates) == 1:
        return LanguageGuess(candidates[0], 0.6)
    if letters < FEW_LETTERS:
        # too few letters to weigh: the conversation's language, the messenger's, or the
        # first one the script or the words allow ("نعم" is no German)
        native = [c for c in candidates if c in LATIN_NATIVE] if content.script == "latin" else []
        for choice in (prior, hinted, DEFAULT_LANGUAGE, *native, *candidates):
            if choice in candidates:
                return LanguageGuess(choice, 0.3)
    combined = dict.fromkeys(candidates, 0.0)
    for lang, value in _normalised(_lingua_scores(text, candidates)).items():
        combined[lang] += 0.4 * value
    if model is not None:
        own = model.scores(content)
        for lang, value in _normalised({c: own.get(c, 0.0) for c in candidates}).items():
            combined[lang] += 0.6 * value
    for lang, value in _letter_hints(message.text, candidates).items():
        combined[lang] += value
    weight = 0.35 if letters < SHORT else 0.1
    if prior in combined:
        combined[prior] += weight
    if hinted in combined:
        combined[hinted] += weight / 2
    best = max(combined, key=combined.__getitem__)
    total = sum(combined.values()) or 1.0
    return LanguageGuess(best, round(combined[best] / total, 3))
