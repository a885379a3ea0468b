"""Families write in their own language; Lotse understands what they need."""

from __future__ import annotations

import pytest

from bot.nlu.analyzer import Analyzer


@pytest.mark.parametrize(
    ("text", "language", "needs"),
    [
        ("طفلي يبكي طوال الليل", "ar", {"crying_sleep"}),
        ("hamileyim, hebamme lazım", "tr", {"pregnancy", "midwife"}),
        ("Mein Baby schreit nur und ich kann nicht mehr schlafen", "de", {"crying_sleep"}),
        ("my daughter is 8 months and we need a Kita place", "en", {"childcare"}),
        ("я беременна, одна и без денег", "ru", {"pregnancy"}),
        ("ми шукаємо житло, нас виселяють з квартири", "uk", {"housing"}),
        ("بچه‌ام شیر نمی‌خوره، مشکل شیردهی دارم", "fa", {"feeding"}),
        ("szukam położnej, termin porodu w marcu", "pl", {"midwife"}),
        (
            "am nevoie de un translator pentru Jobcenter, suntem noi in Germania",
            "ro",
            {"migration"},
        ),
        ("съпругът ми пие всеки ден и се страхувам за детето", "bg", {"addiction"}),
        ("je voudrais parler à quelqu'un, pouvez-vous me rappeler ?", "fr", {"talk_to_person"}),
        ("kam nevoje per ndihme me Kindergeld", "sq", {"money"}),
        ("we are seperating and fight about the kids all the time", "en", {"family_conflict"}),
        ("Може ли някой да ми звънне? Не разбирам писмото", "bg", {"talk_to_person"}),
        ("ممكن حد يكلمني؟ عندي سؤال عن الحضانة", "ar", {"talk_to_person"}),
        ("sama sam s malkiya, ne stigat parite za nishto", "bg", {"money"}),
    ],
)
def test_needs_and_language(analyzer: Analyzer, text: str, language: str, needs: set[str]) -> None:
    result = analyzer.analyze(text)
    assert result.language == language
    assert needs <= set(result.needs)
    assert result.understood


def test_needs_accumulate_in_one_message(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Ich bin schwanger, alleinerziehend und habe kein Geld")
    assert {"pregnancy", "money"} <= set(result.needs)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("we live in Gummersbach", "Gummersbach"),
        ("نحن في غومرسباخ", "Gummersbach"),
        ("мы живём в Гуммерсбахе", "Gummersbach"),
        ("gumersbach hebamme", "Gummersbach"),
        ("Kita in Monheim am Rhein?", "Monheim am Rhein"),
        ("Beratung auf Arabisch 53721", "53721"),
        ("۵۳۷۲۱ مشاوره", "53721"),
        ("Mönchengladbach'ta ebe arıyorum", "Mönchengladbach"),
    ],
)
def test_place_in_any_script(analyzer: Analyzer, text: str, place: str) -> None:
    assert analyzer.analyze(text).location == place


def test_postcode_resolves_to_its_town(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Kita 51643")
    assert result.postcode == "51643"
    assert result.place is not None and result.place.name == "Gummersbach"


@pytest.mark.parametrize(
    "text",
    [
        "ich möchte eine Nachricht senden",
        # a lower-case word close to a town's name is no misspelt town: "sende" (things)
        "Djali 3 vjeç bërtet e gjuan me sende kur s'i jap telefonin",
        "Hallo, kann man Babysachen irgendwo spenden? Kinderwagen, Wippe, alles top.",
    ],
)
def test_ordinary_words_are_not_places(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).location is None


def test_a_misspelt_town_with_a_capital_or_after_in_is_found(analyzer: Analyzer) -> None:
    assert analyzer.analyze("Hebamme gesucht, wir wohnen in Gumersbah").location == "Gummersbach"
    assert analyzer.analyze("Suche Kita Gumersbah bitte").location == "Gummersbach"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("mein Sohn ist 3 Monate alt", 3),
        ("ابني عمره ٣ شهور", 3),
        ("دخترم ۶ ماهه است", 6),
        ("bebeğim 2 yaşında", 24),
        ("дочке 6 недель", 1),
        ("my newborn won't latch", 0),
        ("синові два місяці", 2),
        ("fiul meu are 10 zile", 0),
        ("доньці місяць, не спить", 1),
        ("дочке месяц, плохо ест", 1),
        # a half, Romanian "de" from 20 on, a Polish adjective, a birth told with "ago"
        ("il a 2 ans et demi et ne parle pas", 30),
        ("پسرم دو سال و نیم داره و حرف نمیزنه", 30),
        ("băiatul are 22 de luni", 22),
        ("mamy 8-miesięczną córkę", 8),
        ("Kızım 10 gün önce doğdu, ebe bulamadık", 0),
        ("wir sind vor 2 Monaten angekommen, unser Baby ist 5 Monate alt", 5),
        # a unit without a number: after a birth told, or after "his age"; a half after a dual
        ("ولدت من أسبوع، في حدا بيجي يزورنا عالبيت؟", 0),
        ("ابني صحاني الساعة ٤ الفجر، عمره سنة ونص", 18),
        ("بنتي عمرها سنتين ونص وما بتحكي", 30),
        ("بچه من ۵ سالشه", 60),
    ],
)
def test_child_age_in_months(analyzer: Analyzer, text: str, months: int) -> None:
    assert analyzer.analyze(text).child_age_months == months


@pytest.mark.parametrize(
    "text",
    [
        "місяць тому донька захворіла",
        "Мы месяц назад приехали с сыном",
        # a span with a number, the writer's own age, an adult's age
        "we arrived 3 weeks ago with our three kids",
        "nous sommes arrivés il y a 3 semaines avec les enfants",
        "2 ay önce Almanya'ya geldik, iki çocuğumuz var",
        "j'ai 15 ans et mon père frappe ma mère",
        "Jam 19 vjeçe dhe shtatzënë",
        "mein Mann ist 45 und trinkt, die Kinder haben Angst",
        # how long something lasts, not how old the child is
        "he has had a cough for 3 days",
        "oglum 3 gundur oksuruyor",
        "kaszle od 3 dni",
        # Arabic "five years ago", in words
        "من خمس سنين، قبل ما نطلق، كان زوجي السابق يضربني",
    ],
)
def test_a_month_ago_is_no_child_age(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).child_age_months is None


def test_pregnancy_week_is_not_a_child_age(analyzer: Analyzer) -> None:
    result = analyzer.analyze("ich bin schwanger in der 11. Woche")
    assert result.pregnant
    assert result.child_age_months is None


@pytest.mark.parametrize("text", ["ok", "👍", "🙏🙏", "?", "ja"])
def test_tiny_messages_keep_the_conversation_language(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text, conversation_language="uk").language == "uk"


@pytest.mark.parametrize(
    ("text", "language"),
    [("نعم", "ar"), ("بله", "fa"), ("آره", "fa"), ("evet", "tr"), ("tak", "pl"), ("oui", "fr"),
     ("так", "uk"), ("да", "ru"), ("po", "sq")],
)  # fmt: skip
def test_a_bare_yes_as_first_message_names_its_language_and_no_need(
    analyzer: Analyzer, text: str, language: str
) -> None:
    result = analyzer.analyze(text)
    assert result.language == language
    assert result.needs == ()
    assert result.intent is None  # no "Did you mean a midwife?" made up from "بله"


def test_messenger_language_code_is_a_prior(analyzer: Analyzer) -> None:
    assert analyzer.analyze("Kita?", language_hint="ar").language == "ar"


def test_greeting_and_meta_intents(analyzer: Analyzer) -> None:
    assert analyzer.analyze("Hallo!").intent == "greet"
    assert analyzer.analyze("please delete my data").intent == "delete_data"
    result = analyzer.analyze("what's the weather tomorrow in Berlin")
    assert result.needs == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x" * 20_000,
        "Baby schreit " * 2_000,
        "\x00\x01\x02\x1b[31m\x7f",
        "😀😀😀😀😀",
        "طفلي يبكي Baby schreit дитина плаче",
        "\u200f\u202eطفلي\u202c\u200e",
        "\ufeff\u200b\u200d",
    ],
)
def test_hostile_input_gets_an_answer(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert result.language
    assert isinstance(result.needs, tuple)


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind neu in Bocholt. Was gibt es hier für Familien mit Baby?",
        "hi we just moved to Hamm with a 6 month old, what is there for families?",
        "on vient d'arriver à Siegen avec deux petits, qu'est-ce qui existe pour les familles ?",
        "мы только приехали в Бонн, что тут есть для семей с малышом?",
        "ми щойно приїхали, що тут є для сімей з дітьми?",
        "jesteśmy nowi w Essen, co tu jest dla rodzin z dziećmi?",
        "abia am ajuns in Bonn, ce exista pt familii cu bebe?",
        "sapo kemi ardhur, çfarë ka këtu për familjet me fëmijë të vegjël?",
        "merhaba Bonn'a yeni geldik, aileler için ne var burda?",
        "току що пристигнахме в Бон, какво има за семейства с бебе?",
        "وصلنا جديد على بون، شو في للعائلات اللي عندها طفل؟",
        "تازه اومدیم بن، برای خانواده‌ها با بچه چه کمکایی هست؟",
    ],
)
def test_a_newcomer_asking_what_there_is_for_families_gets_the_general_path(
    analyzer: Analyzer, text: str
) -> None:
    """No topic named: the need menu and the local network's first contact, not "not understood"."""
    result = analyzer.analyze(text)
    assert result.needs, text
    assert set(result.needs) & {"general_support", "migration"}, (text, result.needs)
    assert not result.crisis


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("er hat mich geschlagen, wir sitzen im Auto, wo können wir heute Nacht hin?", "housing"),
        ("he hit me last night, me and the kids have nowhere to sleep", "housing"),
        ("m-a lovit ieri, nu avem unde să dormim cu copilul", "housing"),
        ("он опять пьяный и бьёт меня, я с ребёнком, куда идти", "housing"),
        ("Той пак е пиян и ме удари, страх ме е", "addiction"),
        ("jej facet jak wypije to ją bije, ma małe dziecko", "addiction"),
    ],
)
def test_violence_keeps_the_housing_and_addiction_it_names(
    analyzer: Analyzer, text: str, need: str
) -> None:
    """After the helpline the family also sees shelter or addiction help it asked about."""
    result = analyzer.analyze(text)
    assert result.crisis or result.safety == "violence", text
    assert need in result.needs, (text, result.needs)
    assert "family_conflict" in result.needs


@pytest.mark.parametrize(
    "text",
    [
        "we arrived in Germany two weeks ago with our baby and don't know where to start, "
        "can you help us?",
        "Merhaba, Almanya'ya yeni geldik, bebeğimiz var, nereden başlayacağımızı bilmiyoruz",
    ],
)
def test_a_newcomer_who_does_not_know_where_to_start_is_understood_as_arriving(
    analyzer: Analyzer, text: str
) -> None:
    """Migration counselling (the dialogue adds the network's first contact for a newcomer)."""
    result = analyzer.analyze(text)
    assert "migration" in result.needs, (text, result.needs)


@pytest.mark.parametrize(
    "text",
    [
        "Ми місяць як приїхали в Бонн з Одеси, маємо немовля",
        "tuk sme ot 2 sedmici v Bonn s bebe",
        "przyjechaliśmy z Polski do Bonn, mamy roczną córkę",
        "мы недавно переехали в Германию с двумя детьми",
        "وصلنا جديد على بون مع بنتي الصغيرة",
    ],
)
def test_arriving_told_with_its_time_or_origin_is_migration(analyzer: Analyzer, text: str) -> None:
    assert "migration" in analyzer.analyze(text).needs, text


def test_general_support_gives_way_to_a_named_topic(analyzer: Analyzer) -> None:
    result = analyzer.analyze("wir brauchen Hilfe, unser Baby schreit jede Nacht stundenlang")
    assert "crying_sleep" in result.needs and "general_support" not in result.needs


@pytest.mark.parametrize(
    "text",
    [
        "my husband left, I'm alone with a newborn and I need help with everything",
        "Сама съм с три деца, имам нужда от помощ, не знам откъде да започна",
    ],
)
def test_a_single_parent_asking_for_help_with_everything_keeps_both(
    analyzer: Analyzer, text: str
) -> None:
    """Being on one's own is the setting of a broad plea: the network's general contact too."""
    needs = analyzer.analyze(text).needs
    assert {"single_parent", "general_support"} <= set(needs), (text, needs)


def test_messages_understood_at_once_in_several_threads_keep_their_own_answers(
    analyzer: Analyzer,
) -> None:
    """Word-list matches are remembered per thread: turn workers never see another's words."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        "Mein Baby atmet nicht mehr, es ist ganz blau!",
        "Wir suchen einen Kitaplatz in Dülmen",
        "he is hitting me right now, the kids are here",
        "Ich stille meine Kleine und es tut weh",
        "alle wären besser dran ohne mich",
        "wo bekomme ich Kindergeld?",
    ] * 20
    alone = [(r.crisis, r.crisis_kind, r.needs) for r in map(analyzer.analyze, texts)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = [(r.crisis, r.crisis_kind, r.needs) for r in pool.map(analyzer.analyze, texts)]
    assert together == alone
    assert alone[0][0] and not alone[1][0] and alone[2][1] == "violence"


@pytest.mark.parametrize("text", ["1", "2", "3 4", "15"])
def test_a_number_alone_asks_for_nothing(analyzer: Analyzer, text: str) -> None:
    """A button's number typed where no buttons are shown: not understood, so Lotse asks."""
    result = analyzer.analyze(text)
    assert result.needs == () and not result.crisis
    assert not result.understood
