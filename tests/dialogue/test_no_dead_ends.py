"""No dead ends: fallbacks lead somewhere, follow-ups are answered, distress is heard."""

from __future__ import annotations

from sqlalchemy import select

from bot.dialogue import messages as m
from bot.dialogue.effects import LanguageName, Msg
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow
from tests.harness import Harness, text_of


def said(family: Harness, message: str, lang: str = "de", **params: object) -> str:
    return family.service.renderer.text(Msg(message, params), lang)  # type: ignore[arg-type]


def test_never_two_not_understood_in_a_row(family: Harness) -> None:
    first = text_of(family.say("Kann man bei euch auch Rad fahren lernen?"))
    second = text_of(family.say("wie gesagt, das mit dem Rad"))
    assert said(family, m.NOT_UNDERSTOOD) not in first + second
    menus = [said(family, m.DID_YOU_MEAN), said(family, m.NEED_MENU), said(family, m.OUT_OF_SCOPE)]
    assert any(x in first for x in menus)
    # the second time at the latest, every need and a person are offered as buttons
    assert said(family, m.NEED_MENU) in second
    assert "person:yes" in family.options and "need:money" in family.options


def test_the_need_menu_leads_to_offers_and_keeps_the_place(family: Harness) -> None:
    family.say("Wir wohnen in Musterstadt")  # a town before any need
    assert "need:crying_sleep" in family.options
    shown = text_of(family.say("schreien und schlafen"))  # a topic's label, typed
    assert "Schreiambulanz Musterstadt" in shown or "age:0-3" in family.options


def test_a_general_request_is_met_with_the_topics_and_a_person(family: Harness) -> None:
    replies = text_of(family.say("Hallo wir brauchen dringend Unterstützung"))
    assert said(family, m.GENERAL_SUPPORT) in replies
    assert "person:yes" in family.options
    asked = text_of(family.say("mit einer Person sprechen"))
    assert said(family, m.ASK_PLACE) in asked  # a person of which network: the town first


def test_recent_violence_shows_the_helpline_first_then_goes_on(family: Harness) -> None:
    replies = family.say("mein Mann hat mich gestern geschlagen, ich bin schwanger")
    assert "116 016" in replies[0].text and "110" in replies[0].text
    assert said(family, m.DISTRESS_ACK) in text_of(replies)
    shown = text_of(family.say("Musterstadt"))
    assert "116 016" in shown or "Schwangerenberatung Musterstadt" in shown


def test_a_town_outside_the_networks_gets_an_honest_answer_and_nationwide_help(
    family: Harness,
) -> None:
    replies = text_of(family.say("Wir suchen eine Hebamme in Bielefeld"))
    assert said(family, m.OUTSIDE_NETWORKS_ONLY, place="Bielefeld").split("Bielefeld")[0] in replies
    assert "Jugendamt Bielefeld" in replies
    assert said(family, m.PLACE_UNKNOWN) not in replies
    postcode = text_of(family.say("33602"))
    assert said(family, m.PLACE_UNKNOWN) not in postcode


def test_follow_up_questions_after_offers(family: Harness) -> None:
    family.say("Unser Baby schreit so viel, wir wohnen in Musterstadt, es ist 2 Monate alt")
    contacts = text_of(family.say("gibt es eine Telefonnummer?"))
    assert "Schreiambulanz Musterstadt" in contacts and "0221" in contacts
    anonymous = text_of(family.say("ich will nicht zum Jugendamt, geht das anonym?"))
    assert said(family, m.FOLLOWUP_ANONYMOUS) in anonymous
    assert "Jugendamt Musterstadt" not in anonymous.split(said(family, m.FOLLOWUP_ANONYMOUS))[1]
    call = family.say("kann mich jemand anrufen?")
    assert set(family.options) == {"consent:yes", "consent:no"}, text_of(call)


def test_please_write_in_german_switches_the_language(family: Harness) -> None:
    family.say("My baby cries all night, we live in Musterstadt, she is 2 months old")
    replies = family.say("please write in German from now on")
    assert replies[0].language == "de"
    assert said(family, m.LANGUAGE_SET, language=LanguageName("de")) in text_of(replies)


def test_a_phone_number_typed_with_the_yes_completes_the_contact_step(family: Harness) -> None:
    family.say("Wir brauchen eine Hebamme, wir wohnen in Musterstadt, Baby 3 Wochen")
    family.say("ja")
    family.say("ja einverstanden, ruft mich an: 0151 23456789 ab 18 Uhr")
    assert "confirm:send" in family.options or "times:evening" in family.options
    if "times:evening" in family.options:
        family.say("ab 18 Uhr")
    family.say("ja abschicken")
    with session_factory(family.service.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
    assert handoff.phone is not None and handoff.phone.replace(" ", "") == "+4915123456789"


def test_a_newcomer_who_does_not_know_where_to_start_sees_offers_and_a_person(
    family: Harness,
) -> None:
    replies = text_of(
        family.say(
            "Wir sind seit zwei Wochen in Deutschland, haben ein Baby und wissen nicht, "
            "wo wir anfangen sollen. Wir wohnen in Musterstadt"
        )
    )
    assert said(family, m.GENERAL_SUPPORT) not in replies  # not sent back to a topic menu
    assert "Migrationsberatung für Familien Musterstadt" in replies
    assert "handoff:yes" in family.options  # and a person of the network calls back
