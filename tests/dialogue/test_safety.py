"""Crisis first at every stage, also without a database; nothing personal in the logs."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from bot.conversation import ConversationService, Settings
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage.catalog import OfferCatalog
from bot.storage.conversations_repo import count_user_rows
from bot.storage.db import make_engine, session_factory
from bot.storage.models import ConversationRow, HandoffRow
from tests.conftest import ROOT
from tests.harness import Harness, text_of

CRISIS = {
    "de": "Er schlägt mich gerade und droht mich umzubringen",
    "uk": "Він зараз мене б'є, я боюся за дитину",
    "ar": "زوجي يضربني الآن وهددني بالسكين",
}


def _walk_to(family: Harness, stage: str) -> None:
    family.say("Ich suche eine Hebamme")
    if stage == "ask_place":
        return
    family.say("Musterstadt")
    if stage == "offered":
        return
    family.press("handoff:yes")
    if stage == "consent":
        return
    family.press("consent:yes")
    if stage == "contact_method":
        return
    family.press("contact:phone")
    if stage == "phone":
        return
    family.say("0221 4710 998")
    if stage == "times":
        return
    family.press("times:any")


@pytest.mark.parametrize(
    "stage", ["ask_place", "offered", "consent", "contact_method", "phone", "times", "confirm"]
)
def test_crisis_is_answered_first_at_every_stage(family: Harness, stage: str) -> None:
    _walk_to(family, stage)
    replies = family.say("Er schlägt mich gerade, ich habe Angst, er hat ein Messer")
    assert "110" in replies[0].text and "116 016" in replies[0].text
    assert family.options == {} or replies[-1].options == ()
    # the crisis kept its need (family_conflict); help goes on with what is asked next
    after = family.say("Wir wohnen in Musterstadt, Baby 2 Monate, wir brauchen eine Hebamme")
    assert "Familienhebammen Musterland" in text_of(after)


@pytest.mark.parametrize(("language", "text"), sorted(CRISIS.items()))
def test_crisis_without_a_database(
    analyzer: Analyzer, tmp_path: object, language: str, text: str
) -> None:
    broken = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    service = ConversationService(
        engine=broken,
        analyzer=analyzer,
        catalog=OfferCatalog(broken),
        renderer=Renderer(ROOT / "locales"),
        settings=Settings(secret="s"),
    )
    replies = Harness(service).say(text)
    assert "110" in replies[0].text
    assert replies[0].language == language
    calm = Harness(service, user="other").say("Wo finde ich eine Kita?")
    assert "112" in text_of(calm) and "110" in text_of(calm)
    broken.dispose()


def test_logs_hold_no_message_text_and_no_chat_id(
    family: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    family.user = "4711-chat-id"
    family.request_contact_in_chat(
        "Ich suche eine Hebamme in Musterstadt, meine Nummer 0171 9876543"
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Hebamme" not in logged and "9876543" not in logged and "4711" not in logged


def test_retention_purges_by_itself(service: ConversationService) -> None:
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    service.clock = lambda: now[0]
    family = Harness(service)
    family.request_contact_in_chat("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    with session_factory(service.engine)() as session:
        assert count_user_rows(session, family.key) >= 3
    now[0] += dt.timedelta(days=service.settings.handoff_days + 1)
    Harness(service, user="somebody-else").say("Hallo")
    with session_factory(service.engine)() as session:
        assert session.scalars(select(HandoffRow)).all() == []
        assert session.get(ConversationRow, family.key) is None
        assert count_user_rows(session, family.key) == 0


@pytest.mark.parametrize(
    "text", ["asdf qwertz", "şey yani bilmiyorum işte", "مدري شو بدي اقول هيك"]
)
def test_a_message_lotse_does_not_understand_still_shows_the_emergency_numbers(
    family: Harness, text: str
) -> None:
    """What was not understood may be an emergency nobody's words foresaw."""
    replies = family.say(text)
    footer = family.service.renderer.text(Msg(m.DANGER_FOOTER), replies[-1].language)
    assert any(footer in r.text for r in replies), text_of(replies)
    assert "112" in footer and "110" in footer
