"""Situations no single phrase names are still crises: the combinations of `crisis.py`.

Written for these tests (not taken from an evaluation set): ending it with a plan or a
farewell, disappearing for good, having fled from someone who searches or is armed, a
baby shaken or locked in, a fall and a child who does not react — and laughter that
turns "he'll kill me" into an idiom.
"""

from __future__ import annotations

import pytest

from bot.nlu.analyzer import Analyzer


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # ending it: "end" and two more signs (everything/my life, tonight, farewell, pills)
        ("Ich mache heute Nacht Schluss mit allem. Passt auf meine Kinder auf", "suicide"),
        ("bu gece her şeye son vereceğim, beni affedin", "suicide"),
        ("I'm going to end it all tonight, I can't go on", "suicide"),
        ("el leila di ha5alas 3ala 7ayati, sam7ouni", "suicide"),
        ("dnes shte svarsha s vsichko. prostete mi", "suicide"),
        ("Dziś w nocy skończę z tym wszystkim, nie mogę już", "suicide"),
        # disappearing for good
        ("je veux disparaître pour toujours, ma fille mérite mieux", "suicide"),
        ("хочу исчезнуть навсегда, всем будет лучше без меня", "suicide"),
        # fled, and he searches or has a weapon
        ("Je me suis enfuie avec le bébé, mon mari me cherche partout", "violence"),
        ("Uciekłam z domu z dzieckiem, mąż nas szuka po mieście", "violence"),
        ("ika prej shpie, burri m'kerkon me thikë", "violence"),
        ("Evden kaçtım, kocam bıçakla beni arıyor", "violence"),
        # a baby shaken, or locked in a car
        ("Ich habe mein Baby geschüttelt, weil es nicht aufhörte zu schreien", "child_danger"),
        ("هزيت ابني بعنف لأنه ما سكت", "child_danger"),
        ("Das Auto ist zu, das Baby ist allein drin und der Schlüssel auch", "child_danger"),
        ("zatrzasnęłam drzwi auta, mała jest sama w środku", "child_danger"),
        # a fall and a child who does not react; a seizure; heavy bleeding
        ("bacheam az takht oftad, vakonesh nemide", "medical"),
        ("mein Sohn ist vom Wickeltisch gefallen und reagiert nicht", "medical"),
        ("mein Baby hat einen Krampfanfall, die Augen verdreht", "medical"),
        ("وانا حامل وبنزف كتير", "medical"),  # "and bleeding": the joined و is read off
        ("am 30. Woche, blute sehr stark", "medical"),
        # wishing to be dead, a plan
        ("keşke uyusam da bir daha hiç uyanmasam", "suicide"),
        ("kash mimordam, dige nemitoonam", "suicide"),
        ("я уже решила, как это сделаю", "suicide"),
        ("I looked up how many pills it would take", "suicide"),
        # a small child alone in danger, missing; afraid to harm one's baby
        ("das Kind der Nachbarn, etwa 3 Jahre, sitzt allein auf dem Balkon", "child_danger"),
        ("dziecko sąsiadów siedzi samo na parapecie otwartego okna", "child_danger"),
        ("мій малий вийшов з квартири, його ніде нема", "child_danger"),
        ("Я боюся, що вдарю малого, він плаче цілий день", "child_danger"),
    ],
)
def test_a_combination_of_signs_is_a_crisis_of_the_right_kind(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis, text
    assert result.crisis_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Mein Mann sagt, er bringt mich um, wenn ich sein Ladekabel nehme 😂 Wo gibt es Babykurse?",
        "Le petit va me tuer 😂 il tète toute la nuit, c'est normal ?",
        "haha my toddler will be the death of me, any playgroups in Dülmen?",
        "Wir sind 2015 aus Syrien geflohen und suchen jetzt eine Kita",
        "Ich mache heute Abend Schluss mit ihm, wo bekomme ich Beratung zum Unterhalt?",
        "I rocked the baby gently until she slept, is that ok?",
        "Heute habe ich alles fertig gemacht für die Geburt, was brauche ich noch?",
        "des groupes parents-bébé à Bielefeld ? je me sens seule",  # not bg "bie me"
        "Ich habe Angst, dass ich ihn beim Baden fallen lasse",
        "Wir finden nirgends einen Kitaplatz für unseren Kleinen",
    ],
)
def test_idioms_and_everyday_sentences_are_no_alarm(analyzer: Analyzer, text: str) -> None:
    assert not analyzer.analyze(text).crisis, text


def test_a_crisis_keeps_the_needs_help_goes_on_with(analyzer: Analyzer) -> None:
    fled = analyzer.analyze("Je me suis enfuie avec le bébé, mon mari me cherche partout")
    assert "family_conflict" in fled.needs
    ending = analyzer.analyze("I'm going to end it all tonight, I can't go on")
    assert "mental_health" in ending.needs
    shaken = analyzer.analyze("Ich habe mein Baby geschüttelt, weil es nicht aufhörte zu schreien")
    assert "mental_health" in shaken.needs
    locked = analyzer.analyze("zatrzasnęłam drzwi auta, mała jest sama w środku")
    assert "general_support" in locked.needs  # the local network's first contact


@pytest.mark.parametrize(
    "text",
    [
        "колишній погрожує забрати сина, він знає адресу",
        "ex droht mir per whatsapp, dass er mir das kind wegnimmt",
        "ish-burri më shkruan që do vijë te shtëpia, kam frikë",
        "حماتي بتهددني اذا حكيت لحدا",
    ],
)
def test_threats_by_a_partner_or_fear_of_an_ex_show_the_violence_helpline(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis or result.safety == "violence", text
    assert "family_conflict" in result.needs
