"""Every need finds its offer, in German, Arabic (right to left) and Ukrainian."""

from __future__ import annotations

import pytest

from tests.harness import Harness, text_of

OFFER_OF = {
    "pregnancy": "Schwangerenberatung Musterstadt",
    "midwife": "Familienhebammen Musterland",
    "crying_sleep": "Schreiambulanz Musterstadt",
    "feeding": "Stillcafé Beispielhausen",
    "child_development": "Frühförderstelle Musterland",
    "parenting": "Elterncafé Musterstadt",
    "money": "Sozialberatung Musterstadt",
    "mental_health": "Beratung bei seelischer Belastung nach der Geburt",
    "family_conflict": "Familienberatung Musterland",
    "addiction": "Suchtberatung für Eltern Musterstadt",
    "single_parent": "Treff für Alleinerziehende Musterstadt",
    "childcare": "Kita-Lotsin Musterstadt",
    "migration": "Migrationsberatung für Familien Musterstadt",
    "housing": "Wohnungsnotfallhilfe Musterstadt",
}

MESSAGES = {
    "de": {
        "pregnancy": "Ich bin ungeplant schwanger und brauche Beratung",
        "midwife": "Wir suchen eine Hebamme für die Zeit nach der Geburt",
        "crying_sleep": "Unser Baby schreit jeden Abend stundenlang",
        "feeding": "Das Stillen tut so weh, wer kann mir helfen?",
        "child_development": "Mein Sohn ist 2 und spricht noch kein Wort, ich mache mir Sorgen",
        "parenting": "Gibt es eine Krabbelgruppe oder ein Elterncafé?",
        "money": "Wir haben kein Geld mehr für Windeln",
        "mental_health": "Seit der Geburt bin ich nur noch traurig und erschöpft",
        "family_conflict": "Mein Mann und ich streiten nur noch, ich will mich trennen",
        "addiction": "Mein Partner trinkt jeden Tag zu viel Alkohol",
        "single_parent": "Ich bin alleinerziehend mit einem Baby",
        "childcare": "Wir suchen einen Kita-Platz für unsere Tochter",
        "migration": "Wir sind neu in Deutschland und brauchen einen Dolmetscher",
        "housing": "Uns wurde die Wohnung gekündigt, wir wissen nicht wohin",
    },
    "ar": {
        "pregnancy": "أنا حامل ولا أعرف ماذا أفعل، أحتاج استشارة",
        "midwife": "أبحث عن قابلة بعد الولادة",
        "crying_sleep": "طفلي يبكي كل الليل ولا ينام",
        "feeding": "عندي مشكلة في الرضاعة الطبيعية",
        "child_development": "ابني عمره سنتين ولا يتكلم، أنا قلقة على نموه",
        "parenting": "هل توجد مجموعة للأمهات والأطفال؟",
        "money": "ليس عندنا مال ونحتاج مساعدة في طلب Kindergeld",
        "mental_health": "منذ الولادة أشعر بالحزن والتعب طول الوقت",
        "family_conflict": "زوجي وأنا نتشاجر كل يوم وأريد استشارة عائلية",
        "addiction": "زوجي يشرب الكحول كل يوم وأنا قلقة على الأولاد",
        "single_parent": "أنا أم عزباء وأربي طفلي وحدي",
        "childcare": "أبحث عن مكان في الروضة Kita لابنتي",
        "migration": "وصلنا جديد إلى ألمانيا ونحتاج مترجم وأوراق الإقامة",
        "housing": "صاحب البيت طردنا ونحتاج شقة",
    },
    "uk": {
        "pregnancy": "Я вагітна і мені потрібна консультація",
        "midwife": "Шукаю акушерку після пологів",
        "crying_sleep": "Дитина постійно плаче вночі і не спить",
        "feeding": "Проблеми з грудним вигодовуванням, дуже болить",
        "child_development": "Синові два роки і він не говорить, я хвилююся про розвиток",
        "parenting": "Чи є група для мам з малюками?",
        "money": "У нас немає грошей, потрібна допомога з Kindergeld",
        "mental_health": "Після пологів я весь час сумна і виснажена",
        "family_conflict": "Ми з чоловіком постійно сваримося, хочу консультацію",
        "addiction": "Чоловік щодня п'є алкоголь",
        "single_parent": "Я сама виховую дитину, мати-одиначка",
        "childcare": "Шукаю місце в дитячому садку Kita",
        "migration": "Ми нещодавно приїхали до Німеччини, потрібен перекладач",
        "housing": "Нас виселяють з квартири, шукаємо житло",
    },
}

CASES = [(lang, need, text) for lang, texts in MESSAGES.items() for need, text in texts.items()]


@pytest.mark.parametrize(("language", "need", "text"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_need_reaches_its_offer(family: Harness, language: str, need: str, text: str) -> None:
    town = "Beispielhausen" if need == "feeding" else "Musterstadt"  # the Stillcafé's town
    replies = family.say(f"{text}. Wir wohnen in {town}" if language == "de" else f"{text} {town}")
    if "age:0-3" in family.options:  # Lotse asks for the age only where offers differ by it
        replies = family.press("age:0-3")
    assert OFFER_OF[need] in text_of(replies)
    assert replies[-1].language == language


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_asking_for_a_person_opens_the_handoff(family: Harness, language: str) -> None:
    text = {
        "de": "Kann mich bitte jemand anrufen? Ich wohne in Musterstadt",
        "ar": "أريد التحدث مع شخص حقيقي، هل يمكن أن يتصل بي أحد؟ موسترشتات",
        "uk": "Можна поговорити з живою людиною? Передзвоніть мені, Musterstadt",
    }[language]
    consent = text_of(family.say(text))
    assert "Erika Beispiel" in consent
    assert {"consent:yes", "consent:no"} == set(family.options)


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind neu in Deutschland, was gibt es hier für Familien? Wir wohnen in Coesfeld",
        "مرحبا، وصلنا جديد على كوسفيلد مع بيبي عمره شهرين، شو في للعائلات هون؟",
        "we came to germany 3 weeks ago, live in Coesfeld now, what is there for families?",
    ],
)
def test_a_newcomer_family_is_shown_the_networks_first_contact(family: Harness, text: str) -> None:
    """Arriving is migration; where to start is the network's first contact, shown as an offer."""
    replies = family.say(text)
    if "age:0-3" in family.options:
        replies = family.press("age:0-3")
    cards = [r.text for r in replies if r.card]
    assert any("Kreis Coesfeld – Kreisjugendamt" in card for card in cards), cards
    assert "handoff:yes" in family.options
