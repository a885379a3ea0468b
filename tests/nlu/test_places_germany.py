"""German towns outside the curated networks are found in messages, and only where meant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.domain.places import Gazetteer
from bot.nlu.analyzer import Analyzer
from bot.nlu.entities import PlaceFinder
from bot.nlu.normalize import normalize
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("we live in Bielefeld", "Bielefeld"),
        ("Bielefeld'de oturuyoruz", "Bielefeld"),
        ("wir wohnen in Bielefeld und suchen eine Hebamme", "Bielefeld"),
        ("Bielefeld hebamme", "Bielefeld"),
        ("bielefeld", "Bielefeld"),
        ("نحن نعيش في بيليفيلد", "Bielefeld"),
        ("ми живемо в Білефельді", "Bielefeld"),
        ("мы живём в Лейпциге", "Leipzig"),
        ("nous habitons à Leipzig", "Leipzig"),
        ("mieszkamy w Lipsku", "Leipzig"),  # a Polish case ending after "w"
        ("мы живём в Кёльне", "Köln"),
        ("ich wohne in Koeln", "Köln"),
        ("we moved to Cologne", "Köln"),
        ("ich wohne in Frankfurt am Main", "Frankfurt am Main"),
        ("Frankfurt (Main)", "Frankfurt am Main"),
        ("Hebamme in Halle (Saale) gesucht", "Halle (Saale)"),
        ("locuim în Bünde", "Bünde"),
        ("wir wohnen in Essen", "Essen"),
        ("ich wohne in Weil am Rhein", "Weil am Rhein"),
    ],
)
def test_national_towns_in_messages(analyzer: Analyzer, text: str, place: str | None) -> None:
    assert analyzer.analyze(text).location == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a phrase of its own, also for names that are ordinary words
        ("wir suchen eine Hebamme, Kleve", "Kleve"),
        ("Wohnung voller Schimmel. Hagen. Wer hilft?", "Hagen"),
        ("szukam pediatry dla córki, Minden", "Minden"),
        # case endings after a preposition, in Latin letters
        ("my zhivem v Bielefelde, malyshu 2 mesyaca", "Bielefeld"),
        ("szukam położnej w Wuppertalu", "Wuppertal"),
        ("ya zhyvu u Bonni z donkoyu", "Bonn"),
        ("kurs niemieckiego z opieką nad dzieckiem, jest coś takiego w Unnie?", "Unna"),
        # a short name with Arabic "in" written onto it
        ("أنا بكولن ومعي بنت عمرها سنة، وين في مجموعة للأمهات؟", "Köln"),
        ("ma to Siegen hastim, bache 3 mahe", "Siegen"),
        # written by ear in Arabic or Cyrillic letters, after a preposition or at the end
        ("احنا ساكنين في كريفيلد وعنا بيبي", "Krefeld"),
        ("ما تازه به مونستر آمدیم", "Münster"),
        ("گروه مادر و کودک تو بیله‌فلد هست؟", "Bielefeld"),
        ("ولدت من أسبوع وما لقيت Hebamme. بيليفيلد", "Bielefeld"),
        ("Търсим педиатър в Дуисбург", "Duisburg"),
        ("Живу у Вуппертале з дитиною", "Wuppertal"),
        ("Чакаме място в детска градина. Солинген", "Solingen"),
        # a short name of a large town after "in", written with a capital
        ("Шукаю групу для мам в Зіген", "Siegen"),
        ("Ми живемо у Везелі з малим", "Wesel"),
        # a network's own town before a larger one of the same sound
        ("шукаємо групу в Монгаймі", "Monheim am Rhein"),
        # a longer town's name holding a network's alias; Romanian "la", Arabizi "b"
        ("Wir suchen eine Hebamme in Bergisch Gladbach", "Bergisch Gladbach"),
        ("Locuim la Siegen de o lună", "Siegen"),
        ("fi 7ada bi Siegen byi7ki 3arabi?", "Siegen"),
        # "in" written onto the town (Arabic); the town before "we are" (Farsi)
        ("في مجموعة امهات بكريفيلد؟", "Krefeld"),
        ("دنبال قابله هستم، بیله‌فلد هستیم", "Bielefeld"),
    ],
)
def test_towns_as_families_write_them(analyzer: Analyzer, text: str, place: str) -> None:
    assert analyzer.analyze(text).location == place


@pytest.mark.parametrize(
    "text",
    [
        "Дитина народиться в березні, грошей нема",  # "in March", not Obertshausen
        "Помощ от приятеля си нямам",  # "from her friend", not Wuppertal
        "في حدا بيحكي عربي؟",  # "is there anyone", not a town
        "سلام، کسی هست؟",
        "я сиджу у ванній з дитиною",
        "Essen ist fertig. Jetzt schläft sie",
        # a short skeleton after "from" or "to", and a word near a town's name
        "Ребёнок отказывается от груди",  # "from the breast", not Hürth
        "ما اريد اعيش بعد. من ولدت وآني بس ابجي",  # "since I gave birth", not Fulda
        "میترسم به بچه‌م آسیب بزنم",  # "to my child", not Bochum
        "Kann mich jemand anrufen? Ich rede lieber mit einem Menschen",  # not München
        "как да запиша детето в градина",  # "in kindergarten", lower case: not Herten
        "هل في كردي هون؟",  # "in Kurdish": its ي is an ending, not a written vowel
        "بيوقف بسيارته قدام البيت كل يوم",  # "with his car", in the middle of a phrase
        "البنت بتنام بس في سريرنا وبتصحى كتير",  # "in our bed"
        "کسی تو شیردهی کمک میکنه؟",  # "in breastfeeding"
        "یه سوال در مورد کودکستان دارم",  # "about" (در مورد), not a town
        "я встигла витягти монетку з рота",  # "from the mouth", not Roth
    ],
)
def test_words_that_sound_like_towns_are_not_towns(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).location is None


def test_a_postcode_outside_the_networks_is_a_place(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Hebamme 33602")
    assert result.postcode == "33602"
    assert result.place is not None and result.place.name == "Bielefeld"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("we live in Gummersbach", "Gummersbach"),
        ("Kita 51643", "51643"),
        ("Dülmen", "Dülmen"),
        ("gumersbach hebamme", "Gummersbach"),
    ],
)
def test_curated_places_still_win(
    analyzer: Analyzer, gazetteer: Gazetteer, text: str, place: str
) -> None:
    result = analyzer.analyze(text)
    assert result.location == place
    assert result.place is not None and result.place in gazetteer.places


@pytest.mark.parametrize(
    "text",
    [
        "Hilfe beim Essen",
        "Essen ist fertig",
        "Weil ich müde bin",
        "Kinder brauchen Hilfe",
        "acht",
        "Wald",
        "ja",
        "Tag und Nacht",
        "je travaille à plein temps",
        "Mark hat Fieber",
        "Die Halle ist groß",
        "Bad news, my baby cries",
        "Alt und Neu",
    ],
)
def test_ordinary_words_are_not_towns(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).location is None


def _examples() -> list[str]:
    texts = []
    for path in sorted((ROOT / "intents").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    texts.append(line.strip()[2:])
    return texts


def test_training_examples_name_no_national_town(gazetteer: Gazetteer) -> None:
    with_germany = PlaceFinder(gazetteer)
    curated_only = PlaceFinder(Gazetteer(gazetteer.places, national=False))
    texts = _examples()
    assert len(texts) > 1000
    different = []
    for text in texts:
        words = normalize(text).split()
        found = with_germany.find(text, words) if words else None
        before = curated_only.find(text, words) if words else None
        if (found and found.value) != (before and before.value):
            different.append((text, found and found.value))
    assert different == []


def test_lotse_analyze_prints_a_national_town(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache: Path = tmp_path_factory.getbasetemp() / "command-cache"
    monkeypatch.setattr("bot.settings.Settings.model_cache_dir", property(lambda self: cache))
    assert main(["analyze", "wir wohnen in Bielefeld"]) == 0
    assert json.loads(capsys.readouterr().out)["location"] == "Bielefeld"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a short name written by ear with its vowels, after "in", at a phrase's end
        ("عندي بيبي عمره شهرين ونحنا ساكنين بسيغن", "Siegen"),
        ("بدي قابلة تزورني، أنا بدورن", "Düren"),
        ("مين بيساعد بالكيتا في فيزل؟", "Wesel"),
        ("دنبال مهدکودک هستیم، در زیگن هستیم", "Siegen"),
        ("کسی در هاگن کلاس زبان با نگهداری بچه میشناسه؟", "Hagen"),
        # a four-letter case form of a name in -a, written with a capital
        ("Шукаю групу для мам з малюками в Унні", "Unna"),
        # moved from one town to another: the one they live in now
        ("Wir sind letztes Jahr aus Köln nach Siegburg gezogen, Baby 4 Monate", "Siegburg"),
    ],
)
def test_short_towns_by_ear_or_case_and_the_town_moved_to_are_found(
    analyzer: Analyzer, text: str, place: str
) -> None:
    assert analyzer.analyze(text).location == place
