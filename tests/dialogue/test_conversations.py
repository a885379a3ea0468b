"""Whole conversations, as families have them, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from bot.conversation import ConversationService
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.engine import Turn
from bot.storage.conversations_repo import count_user_rows
from bot.storage.db import session_factory
from bot.storage.models import ConsentRow, HandoffRow, ReviewQuestionRow, UnmetNeedRow
from tests.harness import Harness, text_of

RLM = "\u200f"


def rendered(service: ConversationService, message: str, lang: str, **params: object) -> str:
    return service.renderer.text(Msg(message, params), lang)  # type: ignore[arg-type]


def test_arabic_mother_from_first_message_to_handoff(family: Harness) -> None:
    service = family.service
    replies = family.say("طفلي يبكي طوال الليل ولا أعرف ماذا أفعل")
    assert all(r.text.startswith(RLM) for r in replies), "Arabic replies read right to left"
    assert "place:Musterstadt" not in family.options  # towns offered are network areas
    assert "place:Kreis Musterland" in family.options

    replies = family.say("نحن في موسترشتات")
    shown = text_of(replies)
    assert "Schreiambulanz Musterstadt" in shown
    assert "\u20680221 4710 112\u2069" in shown, "phone isolated inside Arabic text"
    assert "handoff:yes" in family.options

    consent = text_of(family.press("handoff:yes"))
    assert "Erika Beispiel" in consent
    assert "90" in consent
    assert set(family.options) == {"consent:yes", "consent:no"}
    family.press("consent:yes")
    family.press("contact:phone")
    assert text_of(family.say("12")) == rendered(service, m.PHONE_INVALID, "ar")
    family.say("0221 4710 999")
    summary = text_of(family.press("times:evening"))
    assert "Musterstadt" in summary and "+49 221 4710999" in summary
    assert set(family.options) == {"confirm:send", "confirm:cancel"}

    sent = text_of(family.press("confirm:send"))
    with session_factory(service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
        assert handoff.reference in sent
        assert handoff.network_id == "musterstadt"
        assert handoff.phone == "+49 221 4710999"
        assert handoff.language == "ar"
        assert "crying_sleep" in handoff.needs
        assert "Musterstadt" in handoff.summary_de
        assert session.scalars(select(ConsentRow)).one().purpose == "handoff"


def test_without_consent_nothing_is_stored_and_the_public_contact_is_shown(
    family: Harness,
) -> None:
    family.say("Ich suche eine Hebamme in Musterstadt")
    family.press("handoff:yes")
    answer = text_of(family.press("consent:no"))
    assert "Erika Beispiel" in answer and "0221 4710 100" in answer
    with session_factory(family.service.engine)() as session:
        assert session.scalars(select(HandoffRow)).all() == []
        assert session.scalars(select(ConsentRow)).all() == []


def test_a_second_request_within_a_day_is_merged(family: Harness) -> None:
    for _ in range(2):
        last = text_of(
            family.request_contact_in_chat("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
        )
    with session_factory(family.service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
    assert handoff.reference in last
    assert last == rendered(family.service, m.HANDOFF_MERGED, "de", reference=handoff.reference)


def test_needs_accumulate_over_turns(family: Harness) -> None:
    family.say("Ich bin schwanger und wohne in Musterstadt")
    replies = family.say("und wir haben auch kein Geld")
    shown = text_of(replies)
    assert "Schwangerenberatung Musterstadt" in shown
    assert "Sozialberatung Musterstadt" in shown


def test_ukrainian_family_without_local_offer_gets_nationwide_help(family: Harness) -> None:
    replies = family.say("Я вагітна, живу в Кельні, потрібна консультація")
    shown = text_of(replies)
    assert "0800 40 40 020" in shown  # Hilfetelefon Schwangere in Not
    with session_factory(family.service.engine)() as session:
        unmet = session.scalars(select(UnmetNeedRow)).all()
    assert [(u.need, u.place) for u in unmet] == [("pregnancy", "Köln")]


def test_not_understood_question_is_kept_for_review_without_personal_data(
    family: Harness,
) -> None:
    replies = family.say("blorp fizz 0171 2345678 mail me at a@b.de")
    language = replies[-1].language
    # nothing to guess from: the whole need menu and a person, not "not understood"
    assert text_of(replies).endswith(rendered(family.service, m.NEED_MENU, language))
    assert "need:midwife" in family.options and "person:yes" in family.options
    with session_factory(family.service.engine)() as session:
        question = session.scalars(select(ReviewQuestionRow)).one()
    assert "2345678" not in question.text and "a@b.de" not in question.text
    assert "[phone]" in question.text and "[e-mail]" in question.text


def test_delete_erases_every_row_of_the_user(family: Harness) -> None:
    family.request_contact_in_chat("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    family.say("asdf qwer")  # a stored question
    with session_factory(family.service.engine)() as session:
        assert count_user_rows(session, family.key) >= 4
    family.command("delete")
    assert text_of(family.press("delete:yes")) == rendered(family.service, m.DELETED, "de")
    with session_factory(family.service.engine)() as session:
        assert count_user_rows(session, family.key) == 0


def test_privacy_explains_in_the_users_language(family: Harness) -> None:
    family.say("Добрий день, мені потрібна допомога з грошима")
    text = text_of(family.command("privacy"))
    assert text == rendered(family.service, m.PRIVACY, "uk", days=30, handoff_days=90)


def test_language_can_be_changed_with_a_button(family: Harness) -> None:
    family.say("Hallo")
    family.command("language")
    assert len(family.options) == 12
    assert family.options["lang:ar"] == "العربية"
    family.press("lang:tr")
    replies = family.say("Kita yeri lazım, Musterstadt")
    assert replies[-1].language == "tr"
    assert "Kita-Lotsin Musterstadt" in text_of(replies)


def test_old_buttons_after_a_restart_still_answer(family: Harness) -> None:
    family.say("Ich suche eine Hebamme in Musterstadt")
    family.command("restart")
    replies = family.service.handle("test", family.user, Turn(choice="consent:yes"))
    assert replies and "Erika" not in text_of(replies)


def test_professional_sees_reasons_and_more_offers(service: ConversationService) -> None:
    midwife = Harness(service, user="midwife-1")
    service.grant_professional("test", "midwife-1")
    shown = text_of(midwife.say("Familienhebamme für eine Klientin in Musterstadt"))
    assert "Familienhebammen Musterland" in shown
    why = rendered(service, m.CARD_WHY, "de", reasons="").strip()
    assert why in shown


def test_show_the_card_in_german_too_for_a_reception_desk(family: Harness) -> None:
    family.say("Мені потрібна акушерка, ми живемо в Musterstadt")
    replies = family.press("card:de")
    card = text_of(replies)
    assert "— Deutsch —" in card
    german_part = card.split("— Deutsch —")[1]
    assert "Familienhebammen Musterland" in german_part
    assert rendered(family.service, m.CARD_HOME_VISITS, "de") in german_part
    assert rendered(family.service, m.CARD_HOME_VISITS, "uk") in card.split("— Deutsch —")[0]


def test_no_medical_advice_but_people_who_give_it(family: Harness) -> None:
    replies = family.say("Mein Sohn ist 2 und spricht noch nicht, ist das normal? Musterstadt")
    shown = text_of(replies)
    assert rendered(family.service, m.NO_ADVICE, "de") in shown
    assert "Frühförderstelle Musterland" in shown


def test_a_newborn_is_summed_up_as_under_a_month_not_as_zero_months(family: Harness) -> None:
    family.say("bebeğim 2 haftalık, Musterstadt'ta ebe arıyorum")
    family.press("handoff:yes")
    family.press("consent:yes")
    family.press("contact:phone")
    family.say("0221 4710 999")
    summary = text_of(family.press("times:evening"))
    assert "Çocuk: bir aylıktan küçük" in summary and "0 aylık" not in summary
    family.press("confirm:send")
    with session_factory(family.service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
        assert handoff.child_age_months == 0
        assert "Kind: jünger als ein Monat" in handoff.summary_de
