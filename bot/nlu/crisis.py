"""Crisis detection: acute danger gets the emergency numbers first, so recall comes first.

Phrases of every language's lexicon are matched (not only the detected language's),
plus combinations no single phrase catches: a newborn (or a baby under three months)
with fever or a temperature of 38 °C and more; bleeding while pregnant; a baby or
child left alone, locked in or in a car alone; a baby shaken; a fall and a child who
does not react; pills with a plan; "ending it" with two more signs (everything / my
life, tonight, a farewell, pills, "I can't anymore"); disappearing for good or
everyone being better off; having fled from someone who searches or has a weapon;
someone beaten this minute ("now" and an adult who does it, or heard through the wall);
a child behind a door nobody opens; pills and "I can't go on"; a neighbour gone out,
her child alone; "better off without me"; "don't know why I'm writing" with a bridge,
pills or "I can't go on". "My toddler is hitting me" names no adult, nor does a tantrum:
no violence. Violence with "not" right before or a past time near ("he hit me last
week") is not danger now; the safety line shows the helpline.
A strong "never" right before a phrase ("I would never hurt my baby") cancels it;
plain negation does not, because "I don't want to live" is a crisis. Written laughter
("he'll kill me 😂") cancels violence and suicide phrases: that is an idiom.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.needs import CRISIS_KINDS
from bot.nlu.lexicon import NEGATIONS, Lexicons, Match, PhraseMatcher, load_lexicons
from bot.nlu.normalize import fold_digits

NEWBORN_MONTHS = 3
LITTLE_MONTHS = 72  # a child this young alone on a balcony or by the road is in danger


@dataclass(frozen=True)
class CrisisFinding:
    """Whether a message signals acute danger, of which kind, and which words said so."""

    crisis: bool
    kind: str | None = None
    evidence: tuple[str, ...] = ()
    # the needs the finding implies, when they differ from its kind's (CRISIS_NEEDS)
    needs: tuple[str, ...] | None = None

    @property
    def implied_needs(self) -> tuple[str, ...]:
        """The needs help goes on with after the emergency numbers."""
        if self.needs is not None:
            return self.needs
        return CRISIS_NEEDS.get(self.kind or "", ())


def crisis_words() -> dict[str, PhraseMatcher]:
    """The combining word lists of `crisis_words.yml`, one matcher each."""
    return load_lexicons().combining


@lru_cache(maxsize=1)
def _every_list() -> PhraseMatcher:
    """All combining lists in one matcher (each term labelled with its list's name)."""
    every = PhraseMatcher(max_gap=0)
    for matcher in crisis_words().values():
        every.extend(matcher.terms())
    return every


class _Found:
    """The combining lists' matches in one message's words: `lists["pills"]`.

    One search of all lists at once, grouped by list once per message (both remembered per
    thread by `PhraseMatcher.by_label`), not one per list and rule.
    """

    def __init__(self, words: Sequence[str]) -> None:
        self._by_list = _every_list().by_label(words)  # grouped once per message and thread

    def __getitem__(self, name: str) -> list[Match]:
        if name not in crisis_words():
            raise KeyError(name)  # a misspelt list name must not read as "no match"
        return list(self._by_list.get(name, ()))


FEVER_CELSIUS = 38.0
UNRESPONSIVE_SIGNS = 2  # "limp" and "not waking": two signs, not one sleepy baby
BEATER_NEAR = 8  # words between "my husband" and "hits"
POISONED_SIGNS = 2  # "mouth blue" and "coughs and vomits"; not a cough alone near mould
CHILD_BEFORE_ALONE = 4  # words between "my baby (2 years)" and "alone at home"
CHILD_BEFORE_ACT = 3  # words between "my toddler" and "is hitting me"
CHILD_AGED_BEFORE_ACT = 5  # with the age between: "córka ma 3 lata i bije"
SMALL_CHILD_MONTHS = 72
AS_IF_BEFORE = 3  # words between "as if" and the violence phrase it compares with
CHILD_BEFORE_SAID = 4  # words between "meine Tochter" and "hat heute gesagt"
SAID_BEFORE_WORDS = 3  # words between "said" and what the child said
BEATING_NOW = 4  # words between "he is hitting her" and "right now"
BEATING_HEARD = 8  # words between "I hear" and "hitting"
PAST_TIME_NEAR = 12  # words between "last week" and "he hit me"
YEARS_AGO_BETWEEN = 3  # words between "il y a" and "ans" in "il y a plus de 10 ans"
CALM_AFTER_NOW = 3  # words between "now" and "he is at work" ("he's at work now" too)
VANISHED_AFTER_CHILD = 4  # words between "mein Sohn" and "verschwunden"
THING_BEFORE_GONE = 3  # words between "our cat" / "her teddy" and "is missing"
SETTLING_SIGNS = 2  # two different things settled: the debts paid and the insurance asked
IDIOM_SUBJECT_BEFORE = 4  # words between "die Hitze" and "bringt mich um", no person between
CHILD_BEFORE_CALM = 2  # words between "the baby" and "is asleep": the child is calm, not he
ATE_NEAR = 4  # words between "ate" and "the pills": "a mâncat ceva din capsulele"
PILLS_NEAR_CANT_GO_ON = 10  # "I can't anymore. Sitting in the bathroom, her sleeping pills in hand"
ALMOST_BEFORE = 5  # words between "nearly" and "swallowed": "nearly put a battery in his mouth"
BEFORE_IT_NEAR = 3  # words between "before she" and "in her mouth" ("ağzına götürmeden": before)
ARMING_NEAR = 5  # words between "is loading" / "looks in the wardrobe for" and "his gun"
SWALLOWED = ("swallowed something dangerous",)  # the evidence of that finding
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
# (a medical emergency in pregnancy: pregnancy, set by the analyzer); thoughts of harming
# one's baby: the parent's own mental health; a child left alone: the local network
CRISIS_NEEDS: dict[str, tuple[str, ...]] = {
    "suicide": ("mental_health",),
    "violence": ("family_conflict",),
    "medical": ("child_development",),
    "child_danger": ("mental_health",),
}
LEFT_ALONE_NEEDS = ("general_support",)
HURT_CHILD_NEEDS = ("family_conflict",)
DRUNK_NEEDS = ("addiction",)
JOKE_EMOJI = frozenset("😂🤣😅😆😜😝🙃😹😄😁🙄🤦🙈😩")  # laughter, eye-rolling, "oh no"
JOKED_KINDS = frozenset(("violence", "suicide"))
ENDING_SIGNS = 2  # "ending it" and this many of: everything, tonight, farewell, pills, can't
SAFETY_VIOLENCE = "violence"


def _cancelled(match: Match, words: list[str]) -> bool:
    """A "never" before or inside, "almost" or an idiom's subject right before, "used to".

    Violence also by a "not" right before ("nie bije mnie") or a past time near it
    ("yesterday he hit me"): that is violence to show the helpline for, not danger now.
    """
    lists = _Found(words)
    if any(0 <= match.start - a.end <= 1 for a in lists["almost"]):
        return True
    if match.term.label == "medical" and any(
        0 <= match.start - t.end <= 1 for t in lists["thought_it"]
    ):  # "I thought for a moment he wasn't breathing; he was snoring"
        return True
    if match.term.label == "violence" and (
        _negated(match, words)
        or _violence_told_as_past(match, words)
        or any(0 <= match.start - a.end <= AS_IF_BEFORE for a in lists["as_if"])
    ):  # "parcă mă taie cu cuțitul": it hurts as if cut with a knife
        return True
    if match.term.label == "suicide" and any(
        t.start <= match.start and match.end <= t.end for t in lists["threat_later"]
    ):  # "ils vont me faire du mal", "dann bringen die mich um": a threat, not self-harm
        return True
    if match.end - match.start > len(match.term.words) and crisis_words()["in_front"].find(
        words[match.start : match.end]
    ):  # "ме удари пред детето": he hit me in front of the child, not the child
        return True
    return _cancelled_as_idiom(match, words) or _in_the_past_or_never(match, words)


# "is" between a "not" and what it denies: "nie jest agresywny", "he is not violent"
COPULAS = frozenset(("jest", "is", "ist", "est", "е", "є", "este", "është", "eshte"))


def _negated(match: Match, words: list[str]) -> bool:
    """A plain "not" right before the phrase: "he does not hit me", "nie jest agresywny"."""
    before = words[max(0, match.start - 2) : match.start]
    if len(before) == 2 and before[1] in COPULAS:
        before = before[:1]
    return bool(before) and before[-1] in NEGATIONS


def _violence_told_as_past(match: Match, words: list[str]) -> bool:
    """A past time, a habit or (for a threat) a message from afar near it, and no "now".

    Violence told beside a forced marriage is pressure told, not an attack now.

    "hit me last week", "he hits me sometimes, when he drinks", "he texts me he'll kill me".
    """
    lists = _Found(words)
    if _now(words):
        return False
    if lists["forced_marriage"]:
        return True  # "they want to marry me off, or they beat me": pressure, not an attack
    threat = any(t.start < match.end and match.start < t.end for t in lists["threat_later"])
    if _calm(words) and not threat:
        return True  # "he hits me when he drinks. He's at work now": not this minute
    told = lists["past_time"] + lists["habitual"] + lists["how_to_help"]
    if threat:  # a threat written or phoned; an act told by phone may be happening now
        told += lists["from_afar"]
    return any(abs(p.start - match.start) <= PAST_TIME_NEAR for p in told)


def _happening_now(matches: list[Match], words: list[str]) -> list[Match]:
    """The matches not told as past, as a habit or from afar (`_violence_told_as_past`)."""
    return [m for m in matches if not _violence_told_as_past(m, words)]


def _now(words: list[str]) -> list[Match]:
    """The message's "now" words, but not a calm one ("now it's quiet", "now he is at work")."""
    lists = _Found(words)
    ago = {a.start for a in _years_ago(words)}  # Romanian "acum 6 ani" is 6 years ago
    return [
        n
        for n in lists["now"]
        if not any(c.start - CALM_AFTER_NOW <= n.start <= c.end for c in _calm(words))
        and n.start not in ago
    ]


def _calm(words: list[str]) -> list[Match]:
    """The calm words of the adult ("he is asleep now"), not a child's sleep ("baby is asleep")."""
    lists = _Found(words)
    calm, asleep = lists["calm_now"], lists["asleep"]
    if not any(_overlap(c, a) for c in calm for a in asleep):
        return calm  # no sleep among them: the children need not be looked for
    children = _children_named(words, load_lexicons())
    return [
        c
        for c in calm
        if not any(_overlap(c, a) for a in asleep)
        or not any(0 <= c.start - k.end <= CHILD_BEFORE_CALM for k in children)
    ]


def _years_ago(words: list[str]) -> list[Match]:
    """The "ago" words of "years ago": "vor 6 Jahren", "il y a 10 ans", "ده سال پیش".

    Only a number or an amount ("über", "plus de") may stand between them: "قبل شوي، عمره
    سنتين" (a moment ago; he is two) tells of no years ago.
    """
    lists = _Found(words)
    # the word itself, not one it begins ("yaşamak" begins with "yaş", years in Turkish)
    # and not an hour: Ukrainian "годину тому" (an hour ago) begins with "год" (year); not
    # "години", which is hours in Ukrainian but years in Bulgarian
    years = [
        y.start
        for y in lists["years"]
        if len(words[y.start]) - len(y.term.words[0]) <= 3 and words[y.start] != "годину"
    ]
    amounts = {i for a in lists["amount"] for i in range(a.start, a.end)}
    numbers = load_lexicons().numbers

    def only_amounts(first: int, last: int) -> bool:
        return first <= last <= first + YEARS_AGO_BETWEEN and all(
            words[i].isdigit() or words[i] in numbers or i in amounts for i in range(first, last)
        )

    before = [a for a in lists["ago_before"] if any(only_amounts(a.end, y) for y in years)]
    after = [a for a in lists["ago_after"] if any(only_amounts(y + 1, a.start) for y in years)]
    return before + after


def _partner(lists: _Found) -> list[Match]:
    """A partner, ex or in-law named, or only "he" (who, beside a small child, is the child)."""
    return lists["partner"] + lists["pronoun"]


def _a_small_child_does_it(match: Match, words: list[str], lexicons: Lexicons) -> bool:
    """A small child does what the phrase says ("my toddler is hitting me"): no adult named."""
    lists = _Found(words)
    if lists["partner"] or lists["others"]:
        # an adult named: "father-in-law texted: … you'll bear the consequences. Kızım 4"
        return False
    if any(c.start == match.end for c in lists["toddler"]):
        return True  # the child named right after, as its subject: "il va me tuer ce gamin"
    children = _children_named(words, lexicons)
    if children and lists["tantrum"]:  # "she throws herself down, hits me"
        return True
    return any(
        0 <= match.start - c.end <= CHILD_BEFORE_ACT
        and not set(words[max(0, c.start - I_BEFORE_CHILD) : c.start]) & FIRST_PERSON
        for c in children
    )  # "ich hab das baby aufs bett geworfen": I did it, the baby is whom


# "I" where it comes before the child as the object: "ich hab das baby …", "ben bebeği …"
FIRST_PERSON = frozenset({"ich", "ben", "man", "من", "я", "аз", "unë"})
I_BEFORE_CHILD = 3


def _a_small_child_said_it(
    match: Match, words: list[str], lexicons: Lexicons, child_age_months: int | None
) -> bool:
    """A small child's words, reported: "my daughter (4) said 'I want to be dead', no ice cream"."""
    if child_age_months is None or child_age_months > SMALL_CHILD_MONTHS:
        return False
    lists = _Found(words)
    said = [s for s in lists["said"] if 0 <= match.start - s.end <= SAID_BEFORE_WORDS]
    children = _children_named(words, lexicons)
    return any(0 <= s.start - c.end <= CHILD_BEFORE_SAID for s in said for c in children)


def _children_named(words: list[str], lexicons: Lexicons) -> list[Match]:
    """The child words that could name who does something: not "in front of the children"."""
    lists = _Found(words)
    children = lexicons.baby.find(words) + lists["toddler"]
    return [c for c in children if not any(f.end == c.start for f in lists["in_front"])]


def told_of_a_small_child(
    words: list[str], lexicons: Lexicons, child_age_months: int | None
) -> bool:
    """Every hitting word tells what a small child does: "my 3-year-old hits other children".

    A child of at most six named shortly before each act, and no adult who could do it.
    """
    lists = _Found(words)
    acts = lists["beating"] + lexicons.safety.find(words)
    if not acts or child_age_months is None or child_age_months > SMALL_CHILD_MONTHS:
        return False
    if lists["partner"] or lists["others"] or lists["ex_partner"]:
        return False
    children = _children_named(words, lexicons)
    return all(
        any(0 <= act.start - c.end <= CHILD_AGED_BEFORE_ACT for c in children) for act in acts
    )


def _cancelled_as_idiom(match: Match, words: list[str]) -> bool:
    """A thing is the phrase's subject: "the heat is killing me", "po më mbyt kjo vapë".

    The thing may stand a few words before, with no person between: "die Hitze in unserer
    Dachwohnung bringt mich um"; not "the bills, and he says he'll kill me".
    """
    lists = _Found(words)
    people = [*_partner(lists), *lists["others"], *lists["ex_partner"]]
    for thing in lists["idiom"]:
        if 0 <= thing.start - match.end <= 1 or 0 <= match.start - thing.end <= 2:
            return True
        if 0 <= match.start - thing.end <= IDIOM_SUBJECT_BEFORE and not any(
            thing.end <= p.start < match.start for p in people
        ):
            return True
    return False


def _in_the_past_or_never(match: Match, words: list[str]) -> bool:
    """A "never" before or inside, or a "used to" shortly before: not now, yet it was said.

    "Never" cancels what one would do ("I'd never hurt him"), not a symptom: "hiç tepki
    vermiyor" (Turkish: does not react at all) is an emergency.
    """
    lists = _Found(words)
    part_of_term = match.end - match.start == len(match.term.words)
    for never in lists["never"] if match.term.label != "medical" else ():
        if match.start - 2 <= never.start < match.start:
            return True
        if match.start <= never.start < match.end and not part_of_term:
            return True
    return any(0 <= match.start - p.end <= 2 for p in lists["past"])


def _apart(matches: list[Match]) -> int:
    """How many of the matches stand apart: "ne répond plus" and "répond plus" are one."""
    count, end = 0, -1
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start >= end:
            count, end = count + 1, match.end
        else:
            end = max(end, match.end)
    return count


def _overlap(first: Match, second: Match) -> bool:
    return first.start < second.end and second.start < first.end


def _near_after(first: list[Match], second: list[Match], distance: int) -> bool:
    """A match of `second` within `distance` words after the end of one of `first`, or in it."""
    return any(a.start <= b.start and b.start - a.end <= distance for a in first for b in second)


def _near(first: list[Match], second: list[Match], distance: int) -> bool:
    return any(abs(a.start - b.start) <= distance for a in first for b in second)


@dataclass(frozen=True)
class _Signs:
    """What a message says beyond its words: the child's age, a temperature, pregnancy."""

    child_age_months: int | None = None
    temperature: float | None = None
    pregnant: bool = False
    laughing: bool = False

    @property
    def newborn(self) -> bool:
        return self.child_age_months is not None and self.child_age_months < NEWBORN_MONTHS

    @property
    def little(self) -> bool:
        return self.child_age_months is not None and self.child_age_months <= LITTLE_MONTHS


def _combination(words: list[str], lexicons: Lexicons, signs: _Signs) -> CrisisFinding:
    for check in (_medical, _child_in_danger, _suicide_or_violence):
        finding = check(words, lexicons, signs)
        if finding.crisis:
            return finding
    return CrisisFinding(False)


def _medical(words: list[str], lexicons: Lexicons, signs: _Signs) -> CrisisFinding:
    lists = _Found(words)
    newborn = signs.newborn or bool(lexicons.newborn.find(words))
    temperature = signs.temperature
    hot = temperature is not None and temperature >= FEVER_CELSIUS
    feverish = bool(_not_denied(lists["fever"], words)) or hot
    after_a_jab = bool(lists["vaccinated"])  # "38 after the 2-month jabs, drinks and laughs"
    if (
        newborn
        and feverish
        and not after_a_jab
        and (temperature is None or temperature >= FEVER_CELSIUS)
    ):
        return CrisisFinding(True, "medical", ("newborn with fever",))
    bleeding = lists["bleeding"]
    pregnant = signs.pregnant or bool(lexicons.pregnant.find(words))
    if bleeding and pregnant and not _near(bleeding, lists["light"], 3):
        return CrisisFinding(True, "medical", ("bleeding in pregnancy",))
    if pregnant and lists["strong_pain"]:  # "34th week, belly hard as stone"
        return CrisisFinding(True, "medical", ("strong pain in pregnancy",))
    flashes, headache = _not_denied(lists["eyes_flashes"], words), lists["headache"]
    still = _not_denied(lists["fetal_still"], words)  # its words tell a pregnancy of their own
    if (pregnant or still) and flashes and (headache or lists["swollen"]):
        # "27 weeks, my head aches all day, spots before my eyes, my face swollen"
        return CrisisFinding(True, "medical", ("headache and flashes in pregnancy",))
    if still and (pregnant or lists["strong_pain"] or flashes or headache):
        # "30 wks, hasn't moved, belly rock hard"; "I hardly feel the baby move, I'm dizzy"
        return CrisisFinding(True, "medical", ("the unborn baby not moving",))
    if _near(bleeding, lists["violently"], 3) and not lists["bleeding_stopped"]:  # "blutet stark"
        return CrisisFinding(True, "medical", ("heavy bleeding",))
    unresponsive = lists["unresponsive"]
    if lists["fall"] and unresponsive:
        return CrisisFinding(True, "medical", ("fall, not reacting",))
    if unresponsive and lists["whatever_i_do"]:  # "he doesn't wake up, whatever I do"
        return CrisisFinding(True, "medical", ("not reacting, whatever is tried",))
    child = bool(lexicons.baby.find(words) or lists["toddler"])
    child = child or newborn or signs.little
    if child and unresponsive and lists["pale_grey"]:  # "limp, won't open his eyes, greyish"
        return CrisisFinding(True, "medical", ("not reacting and grey",))
    if lists["seizure"] and (child or unresponsive):
        return CrisisFinding(True, "medical", ("seizure",))
    # "limp as a rag and not waking"; not the drunk carer who lies on the floor
    if child and _apart(unresponsive) >= UNRESPONSIVE_SIGNS and not lists["drunk"]:
        return CrisisFinding(True, "medical", ("limp and not waking",))
    poison = lists["poison"] + lists["pills"]
    if a_daily_tablet(words):  # "swallowed his vitamin D tablet without water"
        poison = []
    sick = bool(unresponsive or lists["poisoned_signs"])
    # "found my pills, don't know how many she ate, now very sleepy": eaten, and sick since
    ate = [a for a in lists["ate"] if sick or _near([a], poison, ATE_NEAR)]
    swallowed = lists["swallowed"] + ate
    if poison and swallowed and (child or sick):
        return CrisisFinding(True, "medical", SWALLOWED)
    if lists["face_in_water"] and child:  # "left her in the tub a moment, face in the water"
        return CrisisFinding(True, "medical", ("found face down in water",))
    if poison and child and _apart(lists["poisoned_signs"]) >= POISONED_SIGNS:
        # "found him with the open detergent box, his mouth blue, coughing and vomiting"
        return CrisisFinding(True, "medical", ("a poison within reach, and signs of it",))
    if poison and child and _apart(unresponsive) and not lists["drunk"]:
        # "grandma gave her a whole sleeping pill, now she sleeps so heavily, won't wake"
        return CrisisFinding(True, "medical", ("given pills, not waking",))
    # "waters broke, only 31 weeks": to the hospital now (not "after the birth")
    if (lists["waters"] or (pregnant and lists["waters_loose"])) and not lists["gave_birth"]:
        return CrisisFinding(True, "medical", ("waters broken in pregnancy",))
    if (lists["hot_liquid"] or lists["scalded"]) and lists["burn_signs"]:
        return CrisisFinding(True, "medical", ("a scald that blisters",))  # "boiling tea, blisters"
    # not "kusma falan yok" (no vomiting or anything)
    vomit, drowsy = _not_denied(lists["vomit"], words), _not_denied(lists["drowsy"], words)
    if lists["fall"] and ((lists["head"] and (vomit or drowsy)) or (vomit and drowsy)):
        # "fell on his head, threw up twice, now he only wants to sleep"
        return CrisisFinding(True, "medical", ("a fall on the head, then vomiting or drowsy",))
    if newborn and vomit and drowsy:  # "6 weeks, throws up every feed, dry nappies, sleepy"
        return CrisisFinding(True, "medical", ("a newborn vomiting and drowsy",))
    hard = lists["breathing_hard"]
    signs_too = lists["pale_grey"] or drowsy or unresponsive or lists["poisoned_signs"]
    if child and hard and (signs_too or lists["swollen"]):  # "stung, face swollen, breathes hard"
        # "lips grey-bluish and he breathes with pauses"; "breathes hard, sleepy, pale"
        return CrisisFinding(True, "medical", ("breathing hard, grey or drowsy",))
    return CrisisFinding(False)


def _not_denied(matches: list[Match], words: list[str]) -> list[Match]:
    """The signs not denied: not "no fever", "fără febră", nor "kusma falan yok" (after it)."""
    lists = _Found(words)
    after, before = lists["denied_after"], lists["denied_before"]
    return [
        m
        for m in matches
        if not _negated(m, words)
        and not any(0 <= d.start - m.end <= 1 for d in after)
        and not any(0 <= m.start - d.end <= 1 for d in before)
    ]


def _child_in_danger(words: list[str], lexicons: Lexicons, signs: _Signs) -> CrisisFinding:
    lists = _Found(words)
    # "afraid I'll do something to her", "so close to shaking him": who needs no baby word;
    # "I would never hurt my baby" is no danger
    if not lists["never"]:
        if _near(lists["fear_self"], lists["harm"], 6):
            return CrisisFinding(True, "child_danger", ("afraid to harm the baby",))
        if lists["about_to"]:
            return CrisisFinding(True, "child_danger", ("about to lose control",))
    babies = lexicons.baby.find(words) + lexicons.newborn.find(words) + lists["toddler"]
    child = bool(babies) or signs.little  # a child named, or its age told
    pillow = lists["pillow"]
    silence = lists["afraid_of_myself"] or lists["silence_him"]
    if pillow and (silence or (child and lists["fear_self"])):
        # "I want to put a pillow over her face so she stops"; "afraid, already took the
        # pillow"; "I'm afraid of myself, I thought of the pillow so that he is quiet"
        return CrisisFinding(True, "child_danger", ("a pillow, to silence the baby",))
    crying = _need_named(words, lexicons, "crying_sleep")
    if lists["afraid_of_myself"] and (lists["eyes_flashes"] or crying) and not lists["never"]:
        # "I'm afraid of myself. When she screams my eyes go dark"; "can't bear the crying,
        # afraid of my own hands now"
        return CrisisFinding(True, "child_danger", ("afraid of oneself, losing control",))
    if lists["what_ill_do"] and (child or crying) and not lists["never"]:
        # "if she cries once more I don't know what I'll do to her. 4 months"
        return CrisisFinding(True, "child_danger", ("afraid of what she'll do to the child",))
    if not child:
        return CrisisFinding(False)
    if lists["abuse_marks"] and lists["deserved"]:
        # "his new girlfriend sent me a photo of my daughter's bruised arm: 'she deserved it'"
        return CrisisFinding(True, "child_danger", ("marks of harm, and 'deserved'",))
    # not "she beats my son when I'm at work, he told me yesterday": the helpline instead
    hurt = _happening_now(lists["hurt_child"], words)
    # not "my son hits the other children in the park": a child does it
    if [h for h in hurt if not _a_small_child_does_it(h, words, lexicons)]:
        return CrisisFinding(True, "child_danger", ("a child hurt now",), HURT_CHILD_NEEDS)
    marks, grown_ups = lists["abuse_marks"], lists["others"] + _partner(lists)
    if marks and (lists["not_home_wish"] or (grown_ups and (lists["tonight"] or lists["today"]))):
        # "burn marks on his arm, mum's boyfriend comes again tonight, he won't go home"
        return CrisisFinding(True, "child_danger", ("marks of harm, the one who did it coming",))
    if lists["not_my_child"] and lists["must_go"]:
        # "my wife holds the baby strangely, says it is not her child, it must go away"
        return CrisisFinding(True, "child_danger", ("a mother who disowns the baby",))
    if lists["car"] and lists["left"] and lists["vanished_for"]:
        # "a man left the baby in the car and went into the betting shop, an hour ago"
        return CrisisFinding(
            True, "child_danger", ("child left in a car for long",), LEFT_ALONE_NEEDS
        )
    if lists["no_adult"] and child:
        # "a toddler in a buggy at the bus stop for over an hour, no adult in sight"
        return CrisisFinding(
            True, "child_danger", ("a small child with no adult",), LEFT_ALONE_NEEDS
        )
    if lists["not_fed"] and child:
        # "haven't fed him since last night, can't get out of bed; he doesn't even cry now"
        return CrisisFinding(True, "child_danger", ("a baby not fed",))
    blows = lists["weapon"] or lists["beating"] or (lists["banging"] and lists["shouting"])
    if lists["gone_quiet"] and blows:
        # "he's in the kids' room with the belt again and it's gone very quiet in there";
        # "a thud, the baby screaming, the dad yelling shut up, and now nothing for 20 min"
        return CrisisFinding(True, "child_danger", ("a blow, then silence",), HURT_CHILD_NEEDS)
    if lists["afraid_of_myself"] and not lists["never"]:  # "she is 5 weeks, I'm afraid of myself"
        return CrisisFinding(True, "child_danger", ("afraid of oneself with the child",))
    # "alone WITH my daughter" is a parent on her own, not a child left alone; so is "I stay alone"
    alone = [
        a
        for a in lists["alone"]
        if (a.end >= len(words) or words[a.end] not in WITH) and not _parent_alone(a, words)
    ]
    # "drinks every day and looks after my kids when I work": a habit, for the counselling
    habit = bool(lists["habitual"]) and not _now(words)
    if (
        lists["drunk"]
        and not habit
        and (
            alone
            or lists["car"]
            or lists["trapped"]
            or lists["danger_place"]
            or lists["unreachable"]  # "drunk, alone with the baby, does not answer the phone"
            or lists["in_charge"]  # "he is high and has the baby on his arm"
            or lists["away_at_work"]  # "she is drunk and I'm stuck at work"
            or lists["driving"]  # "sends videos, completely drunk, driving with the boy"
            or lists["locked_in"]  # "locked the kids in their room, been using since lunch"
            or lists["left"]  # "left the little one with her boyfriend, who drinks since morning"
            or lists["unresponsive"]  # "mum drank again, lies on the floor, won't get up"
        )
        and not lists["cant_leave"]  # "I can't leave him alone with the baby"
    ):
        return CrisisFinding(True, "child_danger", ("drunk, alone with the child",), DRUNK_NEEDS)
    near_child = _near(alone, babies, 6) or (signs.little and bool(alone))
    left = lists["left"] + lists["danger_place"]
    raising = lists["cant_leave"] or lists["raising_alone"]  # a parent, not a child, alone
    if near_child and _near(alone, left, 6) and not raising:
        return CrisisFinding(True, "child_danger", ("child left alone",), LEFT_ALONE_NEEDS)
    at_work = lists["away_at_work"] and (lists["today"] or _now(words))
    # the writer is out, not "my husband is at work from morning to night"
    out = [o for o in lists["away_at_work"] if not _near_after(grown_ups, [o], CALM_AFTER_NOW)]
    waiting = alone or lists["vanished_for"] or lists["asleep"]  # alone, for hours, asleep
    left_home = (
        lists["home"] and (alone or lists["asleep"]) and not (grown_ups or lists["in_charge"])
    )
    if (
        (lists["left"] or lists["locked"])
        and (out or left_home)
        and waiting
        and child
        and not raising
    ):
        # "left my 2yo asleep in the flat, couldn't miss the night shift"; "left him in
        # front of the TV and went to the shop, an hour and a half already"
        return CrisisFinding(
            True, "child_danger", ("child left while the parent is out",), LEFT_ALONE_NEEDS
        )
    if near_child and at_work and not raising:
        # "she is alone until my wife comes home at 9, today too"; "I'm at work, he sleeps alone"
        return CrisisFinding(
            True, "child_danger", ("child alone while the parent works",), LEFT_ALONE_NEEDS
        )
    neighbour_gone = lists["neighbour"] and lists["went_away"]
    heard = lists["alone"] or lists["hear"] or lists["no_answer"]
    if neighbour_gone and heard:  # "the neighbour went out yesterday, the kids cry behind the door"
        return CrisisFinding(True, "child_danger", ("a neighbour's child alone",), LEFT_ALONE_NEEDS)
    home = lists["home"]
    if any(
        0 <= a.start - b.end <= CHILD_BEFORE_ALONE and _near([a], home, 3)
        for a in alone
        for b in babies
    ):
        return CrisisFinding(True, "child_danger", ("child alone at home",), LEFT_ALONE_NEEDS)
    locked, car = lists["locked"], lists["car"]
    if (locked or car) and (alone or (locked and car)):
        return CrisisFinding(
            True, "child_danger", ("child locked in or alone in a car",), LEFT_ALONE_NEEDS
        )
    if lists["locked_in"] and (lists["dark_room"] or left or lists["no_food"]):
        # "he locked the kids in the basement and left"; "in her room since morning, no food"
        return CrisisFinding(True, "child_danger", ("children locked in",), LEFT_ALONE_NEEDS)
    # the child gone, not "the father is gone and I am alone with the baby"
    if [g for g in lists["missing"] if not _near([g], grown_ups, 3)]:
        return CrisisFinding(True, "child_danger", ("child missing",), LEFT_ALONE_NEEDS)
    adults = lists["others"] + lists["partner"]  # not "he": "he let go of my hand"
    gone = [v for v in lists["vanished"] if not _near([v], adults, 3)] + [
        v
        for v in lists["vanished_word"]
        if any(0 <= v.start - b.end <= VANISHED_AFTER_CHILD for b in babies)
    ]  # "mein Sohn (5) ist im Freibad verschwunden", not "the rash disappeared"
    things = lists["not_a_child"]  # the child is who is gone: not "our cat is missing"
    vanished = [
        v for v in gone if not any(0 <= v.start - t.end <= THING_BEFORE_GONE for t in things)
    ]

    searched = lists["vanished_for"] or lists["searching_all"] or lists["unreachable"]
    if vanished and searched and not lists["found_again"]:
        # "lost at the Christmas market 15 minutes ago"; "not back from school, 2 hours"
        return CrisisFinding(True, "child_danger", ("child gone, searched for",), LEFT_ALONE_NEEDS)
    if lists["no_answer"] and (
        alone or lists["hear"] or left or lists["drunk"] or lists["neighbour"]
    ):
        # "the baby is alone in the flat, I hear it through the wall, nobody opens"; "my
        # sister is drunk, her newborn screams for an hour, she does not open the door"
        return CrisisFinding(True, "child_danger", ("child behind a door nobody opens",))
    if not signs.laughing and _beaten_now(words):  # "mother-in-law beats the little one now"
        return CrisisFinding(True, "child_danger", ("a child beaten now",), HURT_CHILD_NEEDS)
    thrown = lists["thrown"]
    hurt = lists["violently"] or lists["fall"] or lists["bleeding"] or lists["unresponsive"]
    # (the throwing words name whom: "threw him", "l-am aruncat", not "threw up")
    if (_near(thrown, babies, 6) or (thrown and signs.little)) and hurt:
        # "threw her on the floor in anger, now she doesn't cry", "dropped him on the bed
        # on purpose really hard"
        return CrisisFinding(True, "child_danger", ("a child thrown",))
    shaken = lists["shook"]
    rocked_hard = [s for s in lists["shake"] if _near([s], lists["violently"], 3)]
    if _near(shaken + rocked_hard, babies, 4) or ((shaken or rocked_hard) and signs.little):
        return CrisisFinding(True, "child_danger", ("baby shaken",))
    return CrisisFinding(False)


def _parent_alone(alone: Match, words: list[str]) -> bool:
    """The writer is alone: "I stay alone", "bin mit 2 kids allein", "tanham" (I am alone)."""
    lists = _Found(words)
    if any(s.start <= alone.start < s.end for s in lists["alone_self"]):
        return True
    return any(
        i.end == alone.start
        or (0 < alone.start - i.end <= 4 and set(words[i.end : alone.start]) & WITH)
        for i in lists["i_am"]
    )


def _suicide_or_violence(words: list[str], lexicons: Lexicons, _signs: _Signs) -> CrisisFinding:
    lists = _Found(words)
    if lists["wish_dead"]:  # its phrases carry their own "never wake up"
        return CrisisFinding(True, "suicide", ("wishing to be dead",))
    if lists["never"]:  # "I would never take all the pills"
        return _violence(words, lexicons)
    pills, tonight = lists["pills"], lists["tonight"]
    farewell = lists["farewell"]
    if pills and (
        (lists["all_of_them"] and (tonight or lists["decided"]))
        or _near(pills, lists["gathered"], 6)
        or farewell
        or _near(pills, lists["cant_go_on"], PILLS_NEAR_CANT_GO_ON)
    ):
        return CrisisFinding(True, "suicide", ("pills planned",))
    if pills and lists["how_many"] and (lists["took"] or lists["swallowed"]):
        # "j'ai pris des cachets tout à l'heure, plusieurs, je sais même pas combien"
        return CrisisFinding(True, "suicide", ("pills taken, not counted",))
    bought = _near(pills, lists["bought"], 4)
    if bought and (tonight or lists["cant_go_on"]):
        # "bought sleeping pills, I'll take them tonight when the little one sleeps"
        return CrisisFinding(True, "suicide", ("pills bought for tonight",))
    if lists["do_it"] and (lists["ready"] or farewell):
        # "everything is ready. tomorrow the kids are at grandma's, then I'll do it"
        return CrisisFinding(True, "suicide", ("everything ready",))
    # not "how many paracetamol tablets for a child of 3?", a question of the dose
    pills_for_me = pills and not _children_named(words, lexicons)
    if lists["how_to_do_it"] and (tonight or pills_for_me or farewell or lists["decided"]):
        return CrisisFinding(True, "suicide", ("a plan",))
    end = lists["end"]
    if end:
        found = (lists["all_life"], farewell, lists["cant_go_on"])
        if sum(map(bool, found)) + bool(tonight) + bool(pills) >= ENDING_SIGNS:
            return CrisisFinding(True, "suicide", ("ending it",))
    if lists["no_burden_soon"]:  # "I won't be a problem for anyone much longer"
        return CrisisFinding(True, "suicide", ("not a burden much longer",))
    letters, gone, jump = (lists[k] for k in ("letters", "gone", "jump"))
    settling, who_takes = lists["settling"], lists["who_takes_child"]
    calm, after_tonight = lists["sudden_calm"], lists["after_tonight"]
    gathered = bool(lists["gathered"])
    plan = bool(pills or lists["decided"])  # not "tonight": "sorry, so late"
    why_writing = lists["why_writing"]
    high = lists["high_place"]
    if letters and (
        gone
        or jump
        or plan
        or why_writing
        or lists["unreachable"]
        or who_takes
        or calm
        or settling
        or high  # "left a letter for my husband. I'm at the window on the top floor"
        or lists["cant_go_on"]  # "wrote everything on a paper for the kids. I can't any more"
    ):
        return CrisisFinding(True, "suicide", ("farewell letters and a plan",))
    worn_out = bool(lists["cant_go_on"] or lists["better_off"])
    take_care, not_here = lists["take_care"], lists["not_here"]
    unreachable = lists["unreachable"] or lists["no_answer"] or lists["unresponsive"]
    if (farewell or take_care) and unreachable:
        # "my sister wrote 'forgive me, look after the little one', she doesn't answer"
        return CrisisFinding(True, "suicide", ("a goodbye, then unreachable",))
    if not_here and (plan or farewell or take_care or letters or worn_out):
        # "never mind the form, I won't be here by the end of the month, I've decided"
        return CrisisFinding(True, "suicide", ("not being here any more",))
    # a goodbye besides the "look after my kids" itself (not "she looks after my kids")
    other_farewell = [f for f in farewell if not any(_overlap(f, t) for t in take_care)]
    if take_care and (plan or other_farewell or tonight or letters):
        # "I've decided, I leave for good tonight, take care of my daughter"
        return CrisisFinding(True, "suicide", ("a goodbye to the children",))
    cant_go_on = lists["cant_go_on"]
    ordered = (who_takes, take_care, letters, not_here, after_tonight, calm, unreachable, farewell)
    if settling and (any(ordered) or worn_out or lists["end"]):
        # "gave me all her jewellery, said look after the little one; now she doesn't answer"
        return CrisisFinding(True, "suicide", ("things given away, the children provided for",))
    soon = tonight or lists["before_tomorrow"] or who_takes or take_care
    if settling and lists["wont_need"] and soon:
        # "what do I do with the cot? give it away before tomorrow morning, I won't need it"
        return CrisisFinding(True, "suicide", ("things given away, not needed after tonight",))
    if who_takes and lists["deadline"]:
        # "who takes the children if the mother dies? I need to know before tonight"
        return CrisisFinding(True, "suicide", ("the children provided for, by a deadline",))
    if who_takes and (after_tonight or calm or farewell or not_here or cant_go_on or high):
        # "who gets my children? tonight is the last night"
        return CrisisFinding(True, "suicide", ("the children provided for, a last night",))
    if after_tonight and worn_out:  # "after tonight I won't need anything. Tired of myself"
        return CrisisFinding(True, "suicide", ("a last night, worn out",))
    if plan and calm and tonight:
        # "I have a plan for tonight when the kids are at their dad's. I'm calm, I've decided"
        return CrisisFinding(True, "suicide", ("decided for tonight, calm",))
    if lists["ready"] and farewell and (tonight or after_tonight):
        # "prepared everything in the basement tonight. Forgive me"
        return CrisisFinding(True, "suicide", ("everything ready tonight, a goodbye",))
    if high and tonight and (not_here or farewell or cant_go_on or lists["all_life"]):
        # "tonight I'll go up on the school roof, everything will solve itself"
        return CrisisFinding(True, "suicide", ("a height tonight",))
    if lists["rope"] and (
        lists["eyed"]  # "today I already looked at the rope in the cellar"
        or settling  # "hides a rope in the cellar; says the insurance will pay for the kids"
        or lists["no_answer"]
        or unreachable
        or farewell
        or take_care
        or worn_out
        or not_here
        or letters
        or lists["bought"]
    ):  # "went up to the attic with a rope and doesn't answer"; "bought a rope today"
        return CrisisFinding(True, "suicide", ("a rope, then unreachable",))
    if lists["rails"] and (farewell or why_writing or worn_out or not_here or take_care):
        # "I know where the crossing by the station is. Thank you that someone read this"
        return CrisisFinding(True, "suicide", ("a goodbye by the railway",))
    if bought and who_takes:  # "bought many medicines in 3 pharmacies, who will take him?"
        return CrisisFinding(True, "suicide", ("pills bought, the child provided for",))
    up_there = high or lists["rails"]
    if up_there and (calm or lists["talk_now"]):
        # "on the bridge, staring at the river, calm for the first time"; "sitting on the
        # platform letting the trains pass. can someone call me now"
        return CrisisFinding(True, "suicide", ("at a height or the rails, calm or asking now",))
    if len({m.term for m in settling}) >= SETTLING_SIGNS:
        # "do they pay the family if it… you know. The kids would have something to live on"
        return CrisisFinding(True, "suicide", ("affairs settled",))
    if high and lists["how_easy"]:  # "I stand on the balcony and think how easy it would be"
        return CrisisFinding(True, "suicide", ("a height, how easy it would be",))
    if (farewell or take_care) and lists["high_place"]:
        # "tell my children mama loves them. I'm on the roof"
        return CrisisFinding(True, "suicide", ("a goodbye from a height",))
    if jump and (lists["high_place"] or gone or worn_out or tonight):
        return CrisisFinding(True, "suicide", ("thinking of jumping",))
    if gone and (worn_out or lists["high_place"]):
        return CrisisFinding(True, "suicide", ("wishing to be gone",))
    disappear = lists["disappear"]
    if disappear:
        return CrisisFinding(True, "suicide", ("wanting to disappear",))
    if lists["better_off"] and lists["without_me"]:
        # "they'd all be better off without me" (not "we'd be better off in a bigger flat")
        return CrisisFinding(True, "suicide", ("better off without me",))
    if why_writing and (high or plan or worn_out or gathered):
        # "standing on the bridge. don't know why I'm writing to you"
        return CrisisFinding(True, "suicide", ("a goodbye without words",))
    if high and lists["no_reason_back"]:  # "on the bridge, don't know why I should go home"
        return CrisisFinding(True, "suicide", ("no reason to go back, on a height",))
    if high and lists["cant_go_on"] and lists["looked_down"]:
        return CrisisFinding(True, "suicide", ("looking down from a height",))
    return _violence(words, lexicons)


def _beaten_now(words: list[str]) -> bool:
    """Someone is beating someone this minute.

    A beating word near "now" with an adult who does it, or heard ("I hear him hitting her").
    """
    lists = _Found(words)
    # not "for weeks I hear him shouting at her and things breaking; now it's quiet"
    beating = _happening_now(lists["beating"], words)
    if not beating or lists["safe"] or lists["ex_partner"]:
        return False  # "my ex used to hit me, now we are safe"
    if _near(beating, lists["hear"], BEATING_HEARD):
        return True
    adult = _partner(lists) + lists["others"] + lists["drunk"]  # "came home drunk, pushed me"
    if adult and lists["happening_now"]:  # "a man drags her by the hair ... it's happening now"
        return True
    return bool(adult) and _near(beating, _now(words), BEATING_NOW)


def _violence(words: list[str], lexicons: Lexicons) -> CrisisFinding:
    lists = _Found(words)
    if _beaten_now(words):
        return CrisisFinding(True, "violence", ("someone beaten now",))
    beaten = _happening_now(lists["beating"], words)
    cut_off = lists["unreachable"] or lists["no_answer"]
    if beaten and cut_off and (_partner(lists) or lists["others"]):
        # "she whispered on the phone that he is strangling her, then the line went dead"
        return CrisisFinding(True, "violence", ("beaten, then cut off",))
    if lists["cant_speak"] and lists["hiding"]:
        # "typing quietly, I can't talk. he's in the next room, he had taken my phone"
        return CrisisFinding(True, "violence", ("hiding, she cannot speak",))
    if lists["cant_speak"] and (lists["he_here"] or beaten):
        # "can't talk. he is here." / "he is hitting. I can't speak. 44623"
        return CrisisFinding(True, "violence", ("she cannot speak, he is there",))
    if lists["weapon"] and lists["cant_speak"]:
        # "how can I call for help quietly, I can't talk; he is in the next room with a knife"
        return CrisisFinding(True, "violence", ("armed nearby, she cannot speak",))
    approaching = _happening_now(lists["approaching"], words)
    if approaching and (lists["shouting"] or lists["banging"] or lists["rage"] or lists["weapon"]):
        # "he is shouting and breaking plates again, now he comes at me"
        return CrisisFinding(True, "violence", ("coming at her now, raging",))
    chase, hurt_before = lists["chase"], lexicons.safety.find(words)
    now = _now(words)  # not a calm one: "now he is at work; yesterday he had a knife"
    recent = beaten + _happening_now(hurt_before, words)
    if _near(recent, now, BEATING_NOW) and (lists["coming_back"] or lists["threat_later"]):
        # "hit me with his fist 5 minutes ago, went out for a smoke and will be back"
        return CrisisFinding(True, "violence", ("just hit, and coming back",))
    if recent and lists["arming"]:
        # "hit me in front of the kids and now went to the kitchen to get something"
        return CrisisFinding(True, "violence", ("just hit, and fetching something",))
    on_way = lists["on_my_way"]
    if on_way and (lists["searching"] or hurt_before or lists["threaten"] or lists["threat_later"]):
        # "he found me. knows where I am. writes 'coming now'"; "'wait for me, I'm coming';
        # last time I had bruises for a week"
        return CrisisFinding(True, "violence", ("on his way now, after finding or hurting her",))
    searching = lists["searching"] + chase
    weapon = lists["weapon"]
    threats = bool(lists["threaten"] or lists["threat_later"])
    threatened = bool(searching or weapon or hurt_before)
    # fled a month ago is not fleeing now: "fled a month ago, he calls and threatens to come"
    fled = [f for f in lists["fled"] if not _near([f], lists["past_time"], PAST_TIME_NEAR)]
    if (fled and (threatened or threats)) or (searching and weapon):
        return CrisisFinding(True, "violence", ("fled, he searches, follows or is armed",))
    if now and lists["searching"] and threats:  # a "now" leaves nothing told as past
        # "he said he's coming now and will set the flat on fire"
        return CrisisFinding(True, "violence", ("on his way now, threatening",))
    if weapon and now and (_partner(lists) or lists["drunk"]):
        # "drunk, threw a chair at me, now he stands in the hallway with a knife"
        return CrisisFinding(True, "violence", ("armed now",))
    armed = _happening_now(weapon, words)
    threatening = _happening_now(lists["threat_later"] + lists["threaten"], words)
    family = _partner(lists) or lists["drunk"] or lists["ex_partner"] or lists["others"]
    if (
        threatening
        and (family or weapon)
        and (lists["today"] or lists["tonight"])
        and not lists["from_afar"]
    ):
        # "he said if I come home today I won't come out alive"
        return CrisisFinding(True, "violence", ("threatened for today",))
    coming = lists["coming_back"] or approaching
    if threatening and coming and (lists["today"] or lists["tonight"]) and family:
        # "he's drunk, coming home soon, texted 'tonight you'll see'" (from afar, yet tonight)
        return CrisisFinding(True, "violence", ("coming tonight, threatening",))
    adult = lists["partner"] or lists["drunk"] or lists["ex_partner"]
    raging = lists["banging"] or (lists["shouting"] and lists["drunk"])
    if threatening and raging and adult:  # not "the big brother says he'll 'kill' him"
        # "drunk again, smashing everything, said 'you won't see the morning'"
        return CrisisFinding(True, "violence", ("raging and threatening now",))
    if armed and threatening and family:
        # "my husband have knife and he say he will cut me"
        return CrisisFinding(True, "violence", ("armed and threatening",))
    if _near(lists["loading"] + lists["arming"], armed, ARMING_NEAR):
        # "threw a chair at me, now he is looking in the wardrobe for his hunting gun"
        return CrisisFinding(True, "violence", ("a weapon fetched or loaded",))
    overheard = lists["hear"] or lists["neighbour"]
    heard = overheard or lists["banging"]
    shouted_threat = _near(lists["shouting"], lists["threat_later"], 3)  # "shouts he'll stab her"
    cried = _near(lists["shouting"], lists["help_cry"], 4)  # "schreit eine Frau um Hilfe"
    if (lists["screams_help"] or shouted_threat or cried) and heard:
        # "next door a man yells, thuds, the woman has been screaming for help for minutes"
        return CrisisFinding(True, "violence", ("someone screaming for help",))
    if overheard and lists["shouting"] and lists["banging"] and (lists["happening_now"] or now):
        # "upstairs a woman shouts 'enough', things breaking, children crying. It's happening now"
        return CrisisFinding(True, "violence", ("a fight heard, happening now",))
    intruded = _happening_now(lists["intruded"], words)
    if intruded and (lists["banging"] or lists["threat_later"] or weapon or lists["beating"]):
        # "her ex got into her flat with his old key, smashing things, shouting he'll kill her"
        return CrisisFinding(True, "violence", ("broken in, raging",))
    plea = lists["plea"] and (lists["unreachable"] or lists["no_answer"])
    if plea and (weapon or threats or hurt_before):
        # "she wrote 'come, help me', no answer since; he threatened her with a pistol"
        return CrisisFinding(True, "violence", ("a plea for help, then unreachable",))
    if chase and hurt_before and now:
        # "just went out with the pram, he hit me, I think he's driving after me"
        return CrisisFinding(True, "violence", ("followed now by someone who hit her",))
    if lists["forced_marriage"] and lists["trapped"] and (lists["tonight"] or lists["today"]):
        # "my brother takes me home tonight to marry me off, took my passport, locked the door"
        return CrisisFinding(True, "violence", ("locked in, to be married off today",))
    trapped = _happening_now(lists["trapped"], words)  # not "last week they locked me in"
    if trapped and (threatened or threats):
        return CrisisFinding(True, "violence", ("locked in by someone violent",))
    if lists["banging"] and (lists["hiding"] or lists["cant_speak"] or lists["searching"]):
        # "he kicks the door, it splits; we are in the bathroom"; "smashes everything in the
        # kitchen, can't talk"; "bangs on the neighbours' doors looking for me"
        return CrisisFinding(True, "violence", ("raging, she hides",))
    if lists["hiding"] and (threatened or threats):
        return CrisisFinding(True, "violence", ("hiding from someone violent",))
    at_door = _happening_now(lists["at_door"], words)  # not "last week he stood at the door"
    found = [f for f in lists["searching"] if not any(_overlap(f, a) for a in lists["at_door"])]
    if found and (at_door or lists["tonight"]) and not lists["from_afar"]:
        # "my ex found our new address, he's sitting in his car outside the entrance"
        return CrisisFinding(True, "violence", ("found her, outside or coming tonight",))
    if at_door and (lists["banging"] or threats or weapon):
        return CrisisFinding(True, "violence", ("someone violent at the door",))
    outside = lists["at_door"]  # where she fled to: "at my sister's" is no calm of his
    if (outside and fled) or (at_door and trapped and (_partner(lists) or lists["ex_partner"])):
        # "fled to my sister's, he just sent a photo of her car: so he is outside"; "he
        # waits at the Kita gate with his car, I can't get past"
        return CrisisFinding(True, "violence", ("fled or blocked, and he is outside",))
    return CrisisFinding(False)


def _need_named(words: list[str], lexicons: Lexicons, need: str) -> bool:
    """Whether a need's own words are in the message ("the crying", "kifft")."""
    return any(m.term.label == need for m in lexicons.needs.find(words))


def pregnancy_in_the_past(words: list[str], lexicons: Lexicons) -> bool:
    """Whether every pregnancy word is told as the past ("hit me when I was pregnant")."""
    past = crisis_words()["was_pregnant"].find(words)
    if not past:
        return False
    said = lexicons.pregnant.find(words) + [
        m for m in lexicons.needs.find(words) if m.term.label == "pregnancy"
    ]
    return all(any(p.start <= m.start < p.end for p in past) for m in said)


def joking(text: str, words: list[str]) -> bool:
    """Whether a message laughs or rolls its eyes (😂, 🙄, "haha"): "he'll kill me" is an idiom."""
    lists = _Found(words)  # one search of all lists, shared with the checks after
    denied = lists["joke_denied"]  # "je rigole pas": no joke
    jokes = [j for j in lists["joke"] if not any(_overlap(j, d) for d in denied)]
    return (any(c in JOKE_EMOJI for c in text) and not denied) or bool(jokes)


def detect_safety(
    words: list[str], lexicons: Lexicons, long_over: bool | None = None
) -> str | None:
    """Violence or threats that are not happening this minute ("hit me yesterday").

    Also a violence phrase that a "used to"/"never" cancelled as acute still tells of
    violence in the family: 116 016 is shown, the conversation goes on. Laughter does not
    cancel it: a needless helpline number costs little, a missed one much.
    `long_over`: `told_as_long_over`, when the caller knows it already.
    """
    lists = _Found(words)
    partner = _partner(lists)
    if lists["controls"] and (partner or lists["others"] or lists["ex_partner"]):
        # "he takes all my money and reads my messages": told in the present, never long over
        # ("I arrived a year ago; my husband keeps my bank card")
        return SAFETY_VIOLENCE
    if long_over is None:
        long_over = told_as_long_over(words, lexicons)
    if long_over and not lists["fear"]:
        return None  # "as a teenager my father beat me, that is long past"
    said = lexicons.safety.find(words)
    if any(
        not _negated(m, words) and not _a_small_child_does_it(m, words, lexicons) for m in said
    ):  # not "he does not hit me", nor "my toddler throws herself down and hits me"
        return SAFETY_VIOLENCE
    if _near(lists["threaten"], partner, 6):  # "my ex threatens to take the boy"
        return SAFETY_VIOLENCE
    if lists["ex_partner"] and (
        lists["fear"] or lists["searching"] or lists["chase"] or lists["threaten"]
    ):  # "scared of my ex", "my ex writes he will find me", "follows me", "threatens"
        return SAFETY_VIOLENCE
    # not "il va me tuer ce gamin" (the toddler), nor "dieses Formular bringt mich um" (an idiom)
    threat_later = [
        m
        for m in lists["threat_later"]
        if not _a_small_child_does_it(m, words, lexicons) and not _cancelled_as_idiom(m, words)
    ]
    if threat_later and (partner or lists["ex_partner"] or lists["others"]):
        return SAFETY_VIOLENCE  # "my ex writes every day: I know where you live"
    if threat_later and lists["threaten"]:
        return SAFETY_VIOLENCE  # "threatens on the phone he'll take the boy to Turkey"
    acute = lexicons.crisis.find(words)
    if any(t.start <= m.start and m.end <= t.end for t in threat_later for m in acute):
        return SAFETY_VIOLENCE  # "ils vont me faire du mal": a threat to hurt or kill
    if threat_later and lists["from_afar"]:
        return SAFETY_VIOLENCE  # "he texts me 50 times a day that I'll regret it"
    beating = [m for m in lists["beating"] if not _negated(m, words)]
    if _near(beating, partner + lists["others"], BEATER_NEAR):
        # "my brother beats his wife", "son mari la tape", "my husband drinks, and whenever
        # he is drunk he hits"
        return SAFETY_VIOLENCE
    if (
        lists["at_door"]
        and (lists["fear"] or lists["habitual"])
        and (partner or lists["ex_partner"])
    ):
        # "the children's father stands outside every night, I fear"; "since we separated
        # he keeps standing outside my house"
        return SAFETY_VIOLENCE
    if (lists["chase"] or lists["searching"]) and (lists["fear"] or lists["fled"]):
        # stalked: "a man keeps following me to the Kita, I'm scared"; "I fled from him a
        # month ago, now he found out where I am"
        return SAFETY_VIOLENCE
    if lists["forced_marriage"]:
        return SAFETY_VIOLENCE  # "my family wants to marry me to my cousin"
    if lists["protection_order"]:
        return SAFETY_VIOLENCE  # "I have a restraining order, he still drives past"
    acute = [m for m in acute if m.term.label == "violence"]
    # "the heat is killing me" (an idiom) tells of no violence; "he used to hit me", "he
    # hits me sometimes" and "he hit me last week" do
    told = [m for m in acute if _in_the_past_or_never(m, words) or _violence_told_as_past(m, words)]
    if any(not _cancelled_as_idiom(m, words) for m in told):
        return SAFETY_VIOLENCE
    return None


def detect_crisis(
    words: list[str],
    lexicons: Lexicons,
    child_age_months: int | None = None,
    temperature: float | None = None,
    laughing: bool = False,
    pregnant: bool = False,
    long_over: bool | None = None,
) -> CrisisFinding:
    """Look for acute danger in the normalised words of a message.

    `laughing`: the message laughs (`joking`); its violence and suicide phrases are idioms.
    `long_over`: `told_as_long_over`, when the caller knows it already.
    """
    finding = _find_danger(words, lexicons, child_age_months, temperature, laughing, pregnant)
    if finding.crisis and finding.kind in OVER_KINDS and told_as_over(words):
        return CrisisFinding(False)
    swallowed = finding.evidence == SWALLOWED  # harm may come later, while the child still plays
    found = _Found(words)
    if finding.kind == "medical" and not swallowed and found["playing_normally"]:
        return CrisisFinding(False)  # "hit his head, a small bump, he is playing normally"
    if (
        finding.kind == "medical"
        and found["habitual"]
        and (found["drunk"] or _need_named(words, lexicons, "addiction"))
        and not _now(words)
    ):
        return CrisisFinding(False)  # "smokes weed every day and is then unresponsive": addiction
    if finding.kind == "medical" and _only_a_bleeding_that_stopped(words, pregnant):
        return CrisisFinding(False)  # "lots of blood at first, it stopped with a plaster"
    if finding.kind == "suicide" and _recovered(words, lexicons):
        return CrisisFinding(False)
    if long_over is None:
        long_over = told_as_long_over(words, lexicons)
    if finding.crisis and long_over:
        return CrisisFinding(False)
    return finding


# the signs that make a bleeding that stopped still an emergency
BEYOND_BLEEDING = (
    "unresponsive", "seizure", "breathing_hard", "pale_grey", "vomit", "drowsy", "poison",
    "pills", "swallowed", "waters", "strong_pain", "fetal_still",
)  # fmt: skip


def _only_a_bleeding_that_stopped(words: list[str], pregnant: bool) -> bool:
    """A bleeding told as stopped, and no other sign: not in pregnancy, where it is checked."""
    lists = _Found(words)
    if not lists["bleeding_stopped"] or pregnant:
        return False
    return not any(lists[name] for name in BEYOND_BLEEDING)


def _recovered(words: list[str], lexicons: Lexicons) -> bool:
    """Suicidal thoughts told as past and over, and nothing dangerous after the "better now".

    "After the birth last year I had suicidal thoughts, now I'm much better; I look for a
    mothers' group" (not "last year I tried; I'm better now, but tonight ...").
    """
    lists = _Found(words)
    better = lists["better_now"]
    if not better or lists["tonight"] or lists["farewell"] or lists["decided"]:
        return False
    if not (lists["past_time"] or lists["long_over"] or lists["past"] or _years_ago(words)):
        return False
    first = min(b.start for b in better)
    return all(d.end <= first for d in lexicons.crisis.find(words))


def told_by_a_bystander(words: list[str]) -> bool:
    """A neighbour writes about someone else's child: "the neighbours left their toddler alone".

    The needs are the other family's, not the writer's (172 of 188 such labelled messages
    name none).
    """
    return bool(_Found(words)["neighbour"])


def told_as_long_over(words: list[str], lexicons: Lexicons) -> bool:
    """Danger told as long over, no threat, no danger after a "now".

    "Suicidal thoughts at 20, 12 years ago, long over. Now I am pregnant"; not "long ago,
    but now he hits me again".
    """
    lists = _Found(words)
    long_ago = bool(lists["long_over"]) or bool(_years_ago(words))
    if not long_ago or lists["past_time"]:  # "years ago, and yesterday again" is not over
        return False
    if lists["threaten"] or lists["threat_later"] or lists["searching"]:
        return False
    dangers = lexicons.crisis.find(words) + lexicons.safety.find(words) + lists["beating"]
    return not any(n.start <= d.start for n in _now(words) for d in dangers)


def _inside_longer(match: Match, matches: list[Match]) -> bool:
    return any(
        other.start <= match.start
        and match.end <= other.end
        and other.end - other.start > match.end - match.start
        for other in matches
    )


# an emergency of these kinds can be told as over or as news; violence and suicide told so
# still tell of the family (the safety line decides on violence)
OVER_KINDS = frozenset(("medical", "child_danger"))


# the signs that make a fever more than a fever (and the lists that name an emergency)
BEYOND_FEVER = (
    "unresponsive", "seizure", "breathing_hard", "pale_grey", "bleeding", "poison", "pills",
    "swallowed", "drowsy", "fall", "strong_pain", "burn_signs", "scalded", "waters",
    "waters_loose", "fetal_still", "eyes_flashes", "vomit", "spots", "stiff_neck",
)  # fmt: skip


def just_a_fever(words: list[str], child_age_months: int | None, temperature: float | None) -> bool:
    """A fever and nothing else, in a child past the newborn months: the paediatrician, not 112.

    "my son is 4, cough for 3 days and fever 38.5, which paediatrician is open?" (not a
    fever with spots that do not fade, a stiff neck, drowsiness or hard breathing).
    """
    if child_age_months is None or child_age_months < NEWBORN_MONTHS:
        return False
    lists = _Found(words)
    if not (lists["fever"] or temperature is not None):
        return False
    return not any(lists[name] for name in BEYOND_FEVER)


def a_daily_tablet(words: list[str]) -> bool:
    """Only a daily tablet swallowed ("his vitamin D tablet without water"), not a bottle."""
    lists = _Found(words)
    harmless = lists["harmless_pill"]
    pills = lists["poison"] + lists["pills"]
    return (
        bool(harmless)
        and all(_near([p], harmless, 2) for p in pills)
        and not (lists["all_of_them"] or lists["how_many"])
    )


def a_dose_for_a_child(words: list[str], lexicons: Lexicons) -> bool:
    """A question of how much medicine a child may have: "fever tablets for the baby, how much?"."""
    lists = _Found(words)
    return bool(lists["pills"] and lists["dose_question"] and _children_named(words, lexicons))


def said_not_alone(words: list[str]) -> list[Match]:
    """Where a child is said not to be alone: "damit sie nicht allein ist"."""
    return _Found(words)["not_alone"]


def told_from_afar(words: list[str]) -> bool:
    """The message tells of someone who writes or calls: "my ex texts me every day"."""
    return bool(_Found(words)["from_afar"])


def told_as_news(words: list[str]) -> bool:
    """The message tells of danger read or seen in the news, of any kind."""
    return bool(_Found(words)["news"])


def told_as_over(words: list[str]) -> bool:
    """The message tells of an emergency that is over, that almost happened or was in the news.

    "Two years ago he stopped breathing once, he's fine now", "yesterday he choked on a
    grape, he is fine now", "when I was pregnant I bled, but all went well": a past time
    and "fine now" together; "I read in the news
    about a baby left in a car": news; "he nearly swallowed a coin": almost.
    """
    lists = _Found(words)
    if told_as_news(words):
        return True
    happened = lists["swallowed"] + lists["ate"] + lists["fall"]
    if _near_after(lists["almost"], happened, ALMOST_BEFORE):
        return True  # "he nearly swallowed a button battery, I took it out in time"
    before = lists["before_it"]
    if _near_after(before, happened, BEFORE_IT_NEAR) or _near_after(happened, before, 1):
        return True  # "took it before she put it in her mouth", "ağzına götürmeden aldım"
    if lists["at_what_age"] and not (lists["today"] or _now(words)):
        # "at what age can children swallow tablets?": a question, nothing happened; not
        # "from what age does the Kita take them? today I threw the child …"
        return True
    # "two years ago", not the child's age ("she is 2 years, now she seems fine")
    past = _years_ago(words) or lists["past_time"] or lists["was_pregnant"]
    return bool(lists["fine_now"]) and bool(past)


def _find_danger(
    words: list[str],
    lexicons: Lexicons,
    child_age_months: int | None,
    temperature: float | None,
    laughing: bool,
    pregnant: bool,
) -> CrisisFinding:
    matches = [
        m
        for m in lexicons.crisis.find(words)
        if not _cancelled(m, words)
        and not (laughing and m.term.label in JOKED_KINDS)
        # "I could throw it out of the window... the phone 😅": no child, a joke
        and not (
            laughing
            and m.term.label == "child_danger"
            and not _children_named(words, lexicons)
            and child_age_months is None
        )
        and not (m.term.label == "violence" and _a_small_child_does_it(m, words, lexicons))
        and not (
            m.term.label == "suicide"
            and _a_small_child_said_it(m, words, lexicons, child_age_months)
        )
    ]
    if not matches:
        signs = _Signs(child_age_months, temperature, pregnant, laughing)
        finding = _combination(words, lexicons, signs)
        if laughing and finding.kind in JOKED_KINDS:  # "he's hitting me right now 😂"
            return CrisisFinding(False)
        return finding
    # a small child who "swallowed pills" is poisoned, not suicidal: "بنتي عمرها سنة بلعت حبوب"
    found = _Found(words)
    swallowing = found["pills"] + found["swallowed"]  # not "the children are better off without me"
    poisoned = [
        m
        for m in matches
        if m.term.label == "suicide"
        and any(x.start < m.end and m.start < x.end for x in swallowing)
        and _a_small_child_does_it(m, words, lexicons)
    ]
    if poisoned and found["pills"]:
        evidence = tuple(dict.fromkeys(" ".join(m.term.words) for m in poisoned))
        return CrisisFinding(True, "medical", evidence)
    kinds = {m.term.label for m in matches}
    if len(kinds) > 1:  # a phrase inside a longer one yields to it: "ta mbys" in "ta mbys bebin"
        kinds = {m.term.label for m in matches if not _inside_longer(m, matches)}
    kind = next(k for k in KIND_ORDER if k in kinds)
    assert kind in CRISIS_KINDS
    evidence = tuple(dict.fromkeys(" ".join(m.term.words) for m in matches))
    return CrisisFinding(True, kind, evidence)
