"""Crisis detection: acute danger gets the emergency numbers first, so recall comes first.

Phrases of every language's lexicon are matched (not only the detected language's),
plus combinations no single phrase catches: a newborn (or a baby under three months)
with fever or a temperature of 38 °C and more; bleeding while pregnant; a baby or
child left alone. A strong "never" right before a phrase ("I would never hurt my
baby") cancels it; plain negation does not, because "I don't want to live" is a crisis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from bot.nlu.lexicon import CRISIS_KINDS, Lexicons, Match, PhraseMatcher, parse_term
from bot.nlu.normalize import fold_digits

NEWBORN_MONTHS = 3


@dataclass(frozen=True)
class CrisisFinding:
    """Whether a message signals acute danger, of which kind, and which words said so."""

    crisis: bool
    kind: str | None = None
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def crisis_words() -> dict[str, PhraseMatcher]:
    """The combining word lists of `crisis_words.yml`, one matcher each."""
    data = yaml.safe_load(
        (resources.files("bot.nlu") / "crisis_words.yml").read_text(encoding="utf-8")
    )
    matchers = {}
    for label, raw_terms in data.items():
        matcher = PhraseMatcher(max_gap=0)
        matcher.extend(t for t in (parse_term(str(r), label, "*") for r in raw_terms) if t)
        matchers[label] = matcher
    return matchers


FEVER_CELSIUS = 38.0
CHILD_BEFORE_ALONE = 4  # words between "my baby (2 years)" and "alone at home"
_TEMPERATURE = re.compile(
    r"(?<![\d.,])(3[5-9]|4[0-2])(?:(?:[.,٫](\d))|\s*(?:°|grad|degree|градус|derece|درجه))"
)


def find_temperature(text: str) -> float | None:
    """A body temperature written in the message (39.8, 38,5, 39 °C), if any."""
    match = _TEMPERATURE.search(fold_digits(text).casefold())
    if match is None:
        return None
    return float(match.group(1)) + (float(match.group(2)) / 10 if match.group(2) else 0.0)


KIND_ORDER = ("medical", "suicide", "violence", "child_danger")
WITH = frozenset(
    (
        "mit",
        "with",
        "avec",
        "ile",
        "مع",
        "با",
        "с",
        "со",
        "з",
        "із",
        "зі",
        "z",
        "ze",
        "cu",
        "със",
        "me",
    )
)
# the needs a crisis (or a safety finding) implies, so that help goes on after the numbers
CRISIS_NEEDS: dict[str, tuple[str, ...]] = {
    "suicide": ("mental_health",),
    "violence": ("family_conflict",),
    "medical": ("child_development",),
    "child_danger": ("parenting",),
}
SAFETY_VIOLENCE = "violence"


def _cancelled(match: Match, words: list[str]) -> bool:
    """A "never" before or inside, "almost" or an idiom's subject right before, "used to"."""
    lists = crisis_words()
    part_of_term = match.end - match.start == len(match.term.words)
    for never in lists["never"].find(words):
        if match.start - 2 <= never.start < match.start:
            return True
        if match.start <= never.start < match.end and not part_of_term:
            return True
    if any(0 <= match.start - a.end <= 1 for a in lists["almost"].find(words)):
        return True
    if any(0 <= match.start - i.end <= 2 for i in lists["idiom"].find(words)):
        return True
    return any(0 <= match.start - p.end <= 2 for p in lists["past"].find(words))


def _near(first: list[Match], second: list[Match], distance: int) -> bool:
    return any(abs(a.start - b.start) <= distance for a in first for b in second)


def _combination(
    words: list[str],
    lexicons: Lexicons,
    child_age_months: int | None,
    temperature: float | None,
) -> CrisisFinding:
    newborn = bool(lexicons.newborn.find(words)) or (
        child_age_months is not None and child_age_months < NEWBORN_MONTHS
    )
    lists = crisis_words()
    feverish = bool(lists["fever"].find(words)) or (
        temperature is not None and temperature >= FEVER_CELSIUS
    )
    if newborn and feverish and (temperature is None or temperature >= FEVER_CELSIUS):
        return CrisisFinding(True, "medical", ("newborn with fever",))
    bleeding = lists["bleeding"].find(words)
    if (
        bleeding
        and lexicons.pregnant.find(words)
        and not _near(bleeding, lists["light"].find(words), 3)
    ):
        return CrisisFinding(True, "medical", ("bleeding in pregnancy",))
    babies = lexicons.baby.find(words) + lexicons.newborn.find(words)
    # "alone WITH my daughter" is a parent on her own, not a child left alone
    alone = [
        a for a in lists["alone"].find(words) if a.end >= len(words) or words[a.end] not in WITH
    ]
    if babies and _near(alone, babies, 6) and _near(alone, lists["left"].find(words), 6):
        return CrisisFinding(True, "child_danger", ("child left alone",))
    home = lists["home"].find(words)
    if any(
        0 <= a.start - b.end <= CHILD_BEFORE_ALONE and _near([a], home, 2)
        for a in alone
        for b in babies
    ):
        return CrisisFinding(True, "child_danger", ("child alone at home",))
    if lists["fall"].find(words) and lists["unresponsive"].find(words):
        return CrisisFinding(True, "medical", ("fall, not reacting",))
    pills = lists["pills"].find(words)
    if pills and not lists["never"].find(words):
        planned = lists["all_of_them"].find(words) and lists["tonight"].find(words)
        if planned or _near(pills, lists["gathered"].find(words), 6):
            return CrisisFinding(True, "suicide", ("pills planned",))
    return CrisisFinding(False)


def detect_safety(words: list[str], lexicons: Lexicons) -> str | None:
    """Violence or threats that are not happening this minute ("hit me yesterday").

    Also a violence phrase that a "used to"/"never" cancelled as acute still tells of
    violence in the family: 116 016 is shown, the conversation goes on.
    """
    if lexicons.safety.find(words):
        return SAFETY_VIOLENCE
    acute = [m for m in lexicons.crisis.find(words) if m.term.label == "violence"]
    if acute and any(_cancelled(m, words) for m in acute):
        return SAFETY_VIOLENCE
    return None


def detect_crisis(
    words: list[str],
    lexicons: Lexicons,
    child_age_months: int | None = None,
    temperature: float | None = None,
) -> CrisisFinding:
    """Look for acute danger in the normalised words of a message."""
    matches = [m for m in lexicons.crisis.find(words) if not _cancelled(m, words)]
    if not matches:
        return _combination(words, lexicons, child_age_months, temperature)
    kinds = {m.term.label for m in matches}
    kind = next(k for k in KIND_ORDER if k in kinds)
    assert kind in CRISIS_KINDS
    evidence = tuple(dict.fromkeys(" ".join(m.term.words) for m in matches))
    return CrisisFinding(True, kind, evidence)
