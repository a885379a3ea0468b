"""Families answer Lotse's questions in words, in their own language — never with buttons."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.conversation import Reply
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow
from tests.harness import Harness, text_of

# language: opening message, "yes, a person", consent, "call me" with a number, evening, send
HANDOFFS = {
    "de": ("Mein Baby (2 Monate) schreit die ganze Nacht, wir wohnen in Musterstadt",
           "ja bitte", "ja, einverstanden", "bitte anrufen: 0151 23456701", "abends",
           "abschicken"),
    "en": ("My 2 month old baby cries all night, we live in Musterstadt",
           "yes please", "yes I agree", "call me please 0151 23456702", "in the evening",
           "send it"),
    "fr": ("Mon bébé de 2 mois pleure toute la nuit, nous habitons à Musterstadt",
           "oui s'il vous plaît", "oui, d'accord", "appelez-moi au 0151 23456703", "le soir",
           "envoyer"),
    "tr": ("2 aylık bebeğim bütün gece ağlıyor, Musterstadt'ta oturuyoruz",
           "evet lütfen", "evet kabul ediyorum", "arayın lütfen 0151 23456704", "akşamları",
           "gönder"),
    "ar": ("طفلي عمره شهرين يبكي طوال الليل، نحن في Musterstadt",
           "نعم", "نعم موافقة", "اتصلوا بي 0151 23456705", "مساء", "ارسل"),
    "fa": ("بچه ۲ ماهه ام تمام شب گریه می کند، ما در Musterstadt زندگی می کنیم",
           "بله", "بله موافقم", "لطفا زنگ بزنید 0151 23456706", "شب ها", "ارسال"),
    "ru": ("Моему ребенку 2 месяца, он плачет всю ночь, мы живем в Musterstadt",
           "да, пожалуйста", "да, согласна", "позвоните мне 0151 23456707", "вечером",
           "отправить"),
    "uk": ("Моїй дитині 2 місяці, вона плаче всю ніч, ми живемо в Musterstadt",
           "так, будь ласка", "так, згодна", "зателефонуйте мені 0151 23456708", "ввечері",
           "надіслати"),
    "pl": ("Moje dziecko ma 2 miesiące i płacze całą noc, mieszkamy w Musterstadt",
           "tak, proszę", "tak, zgadzam się", "proszę zadzwonić 0151 23456709", "wieczorem",
           "wyślij"),
    "ro": ("Bebelușul meu de 2 luni plânge toată noaptea, locuim în Musterstadt",
           "da, vă rog", "da, sunt de acord", "sunați-mă la 0151 23456710", "seara",
           "trimite"),
    "bg": ("Бебето ми е на 2 месеца и плаче цяла нощ, живеем в Musterstadt",
           "да, моля", "да, съгласна съм", "обадете ми се 0151 23456711", "вечер",
           "изпрати"),
    "sq": ("Bebja ime 2 muajshe qan gjithe naten, jetojme ne Musterstadt",
           "po, ju lutem", "po, pajtohem", "me telefononi 0151 23456712", "ne mbremje",
           "dergo"),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(HANDOFFS))
def test_a_handoff_completes_by_typing_words_only(family: Harness, language: str) -> None:
    opening, person, consent, call, evening, send = HANDOFFS[language]
    shown = text_of(family.say(opening))
    assert "Schreiambulanz Musterstadt" in shown
    assert "handoff:yes" in family.options
    family.say(person)
    assert set(family.options) == {"consent:yes", "consent:no"}, family.transcript[-1]
    family.say(consent)
    assert "contact:phone" in family.options, family.transcript[-1]
    family.say(call)  # the method and the number in one answer
    assert "times:evening" in family.options, family.transcript[-1]
    family.say(evening)
    assert "confirm:send" in family.options, family.transcript[-1]
    sent = text_of(family.say(send))
    with session_factory(family.service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
    assert handoff.reference in sent
    assert handoff.times == "evening"
    assert handoff.contact_method == "phone"
    assert handoff.phone is not None
    assert handoff.phone.replace(" ", "").endswith(call[-5:])
    assert handoff.language == language


def test_a_question_without_an_answer_is_asked_again_with_its_buttons(family: Harness) -> None:
    family.say("Wir brauchen eine Hebamme, wir wohnen in Musterstadt, Baby 3 Wochen")
    family.say("ja")
    family.say("ja")
    assert "contact:phone" in family.options
    again = family.say("hmm weiß nicht genau")
    assert rendered_in(again, family, m.PLEASE_CHOOSE)
    assert {"contact:phone", "contact:chat"} <= set(family.options)
    family.say("hier im chat bitte")
    assert "times:any" in family.options
    family.say("egal")
    family.say("ja")
    with session_factory(family.service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
    assert handoff.contact_method == "chat"


def test_the_number_of_an_option_or_its_label_with_a_typo_answers_too(family: Harness) -> None:
    family.say("Wir brauchen eine Hebamme, wir wohnen in Musterstadt, Baby 3 Wochen")
    family.say("1")  # the first option: yes, please
    assert set(family.options) == {"consent:yes", "consent:no"}
    family.say("Ja, ich bin einverstandn")
    assert "contact:chat" in family.options
    family.say("Antwortet mir in diesem Chat")
    assert "times:evening" in family.options
    family.say("Abends")  # the exact label of a button
    assert "confirm:send" in family.options


def test_nein_at_the_consent_stores_nothing(family: Harness) -> None:
    family.say("Wir brauchen eine Hebamme, wir wohnen in Musterstadt, Baby 3 Wochen")
    family.say("ja gerne")
    replies = family.say("nein danke")
    assert "Erika" in text_of(replies) or "0221" in text_of(replies)  # whom to ask instead
    with session_factory(family.service.engine)() as session:
        assert session.scalars(select(HandoffRow)).first() is None


def rendered_in(replies: list[Reply], family: Harness, message: str) -> bool:
    """Whether a reply holds the message in German."""
    text = family.service.renderer.text(Msg(message), "de")
    return any(text in r.text for r in replies)


@pytest.mark.parametrize(
    "answer", ["هنا في الدردشة", "بالمحادثة", "وبالشات", "ردوا علي هون بالدردشة"]
)
def test_an_arabic_chat_answer_with_its_article_and_prefixes_is_understood(
    family: Harness, answer: str
) -> None:
    opening, person, consent, *_ = HANDOFFS["ar"]
    family.say(opening)
    family.say(person)
    family.say(consent)
    assert "contact:chat" in family.options, family.transcript[-1]
    family.say(answer)
    assert "times:evening" in family.options, family.transcript[-1]


@pytest.mark.parametrize("answer", ["اتصلوا فيني", "اتصلي فيني", "ittasilu fini"])
def test_a_levantine_call_me_answer_asks_for_the_number(family: Harness, answer: str) -> None:
    opening, person, consent, *_ = HANDOFFS["ar"]
    family.say(opening)
    family.say(person)
    family.say(consent)
    asked = text_of(family.say(answer))  # "call me": the number is asked next
    assert family.service.renderer.text(Msg(m.ASK_PHONE), "ar") in asked, asked
    family.say("0151 23456799")
    assert "times:evening" in family.options, family.transcript[-1]


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("pl", "zadzwońcie"),
        ("ru", "позвоните"),
        ("uk", "подзвоніть"),
        ("ro", "sunați"),
        ("bg", "обадете се"),
    ],
)
def test_a_bare_call_me_answer_asks_for_the_number(
    family: Harness, language: str, answer: str
) -> None:
    """ "Zadzwońcie" alone (call, without "me") chooses the call back at the contact question."""
    opening, person, consent, *_ = HANDOFFS[language]
    family.say(opening)
    family.say(person)
    family.say(consent)
    asked = text_of(family.say(answer))
    assert family.service.renderer.text(Msg(m.ASK_PHONE), language) in asked, asked


@pytest.mark.parametrize(
    ("word", "language"),
    [("نعم", "ar"), ("evet", "tr"), ("بله", "fa"), ("tak", "pl"), ("oui", "fr"), ("ja", "de")],
)
def test_a_first_yes_to_nothing_asked_gets_the_topics_in_its_own_language(
    family: Harness, word: str, language: str
) -> None:
    replies = family.say(word)
    shown = text_of(replies)
    assert family.service.renderer.text(Msg(m.GENERAL_SUPPORT), language) in shown
    assert family.service.renderer.text(Msg(m.DANGER_FOOTER), language) not in shown  # no alarm
    assert {"need:midwife", "need:money", "person:yes"} <= set(family.options)


def test_a_yes_after_the_menu_chooses_nothing_by_itself(family: Harness) -> None:
    family.say("نعم")
    family.say("نعم")
    assert "person:yes" in family.options  # the topics again, no need made up from "yes"
    with session_factory(family.service.engine)() as session:
        assert session.scalars(select(HandoffRow)).first() is None


def test_a_yes_after_an_answer_that_asked_nothing_asks_what_else(family: Harness) -> None:
    family.say("ابحث عن قابلة، نحنا ساكنين بدورن")  # Düren: no network, nothing asked
    replies = family.say("نعم")
    assert family.service.renderer.text(Msg(m.ANYTHING_ELSE), "ar") in text_of(replies)
    assert "need:midwife" in family.options
