"""The real PTB Application against a Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

import pytest
from sqlalchemy import Engine, select

from bot.channels.telegram import build_application, callback_data, choice_of
from bot.conversation import ConversationService
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.nlu.analyzer import Analyzer
from bot.storage.db import session_factory
from bot.storage.importing import import_offers
from bot.storage.models import HandoffRow
from tests.conftest import DEMO_OFFERS, TEST_OFFERS, free_port
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import TOKEN, make_service, polling, settle

RLM = "\u200f"


async def test_arabic_mother_from_first_message_to_handoff(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    mother = 5001
    bot_api.send_text(mother, "طفلي يبكي طوال الليل، نحن في موسترشتات", language="ar")
    texts = await settle(bot_api, mother)
    assert all(t.startswith(RLM) for t in texts)
    assert any("<b>" in t and "Schreiambulanz Musterstadt" in t for t in texts)
    last = bot_api.sent[-1]
    assert "v1:handoff:yes" in [data for _, data in last.buttons]
    for choice in ("handoff:yes", "consent:yes", "contact:chat", "times:evening", "confirm:send"):
        before = len(bot_api.sent)
        bot_api.press(mother, callback_data(choice), language="ar")
        await asyncio.to_thread(bot_api.wait_for, mother, before + 1)
        await settle(bot_api, mother)
    with session_factory(running_bot.engine)() as session:
        handoff = session.scalars(select(HandoffRow)).one()
    assert handoff.reference in bot_api.sent[-1].text
    assert handoff.language == "ar" and handoff.network_id == "musterstadt"


async def test_crisis_in_ukrainian_gets_the_numbers_first(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_text(7001, "Він зараз б'є мене і погрожує ножем", language="uk")
    texts = await settle(bot_api, 7001)
    assert "110" in texts[0] and "116 016" in texts[0]


async def test_voice_notes_get_a_polite_text_only_answer(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_voice(7002, language="tr")
    texts = await settle(bot_api, 7002)
    assert len(texts) == 1
    assert texts[0].startswith(running_bot.renderer.text(Msg(m.TEXT_ONLY), "tr"))
    assert "112" in texts[0] and "110" in texts[0]


async def test_old_buttons_still_answer(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_text(7003, "Hallo")
    await settle(bot_api, 7003)
    count = len([s for s in bot_api.sent if s.chat_id == 7003])
    bot_api.press(7003, "v0:something-from-an-old-version")
    texts = await settle(bot_api, 7003)
    assert len(texts) > count


def test_callback_data_never_exceeds_64_bytes() -> None:
    assert choice_of(callback_data("place:Monheim am Rhein")) == "place:Monheim am Rhein"
    with pytest.raises(ValueError, match="64 bytes"):
        callback_data("place:" + "Мёнхенгладбах" * 4)
    assert choice_of("v0:old") is None


async def test_command_menu_and_descriptions_in_every_language(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    menus = {
        p.get("language_code"): p for method, p in bot_api.requests if method == "setMyCommands"
    }
    assert set(menus) >= {None, "de", "ar", "uk", "fa", "sq"}
    arabic = json.loads(menus["ar"]["commands"])
    assert [c["command"] for c in arabic] == [
        "start",
        "help",
        "language",
        "person",
        "privacy",
        "delete",
        "restart",
    ]
    assert arabic[0]["description"] != "Start and choose a language"
    assert "setMyShortDescription" in bot_api.calls and "setMyDescription" in bot_api.calls


async def test_flyer_deep_link_starts_in_the_networks_town(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_text(7101, "/start net_gummersbach")
    await settle(bot_api, 7101)
    bot_api.send_text(7101, "Wir suchen eine Hebamme")
    texts = await settle(bot_api, 7101)
    assert any("Babybegrüßungsdienst der Familienhebammen" in t for t in texts)


async def test_groups_are_told_to_write_privately(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_text(7201, "Hallo Lotse, Hebamme?", chat_id=-100200)
    texts = await settle(bot_api, -100200)
    assert texts == [running_bot.renderer.text(Msg(m.PRIVATE_ONLY), "de")]


async def test_a_429_storm_delays_but_loses_nothing(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    async with polling(bot_api, make_service(engine, analyzer), rate_limit=True):
        bot_api.throttle("sendMessage", times=3, retry_after=1)
        bot_api.send_text(7301, "Ich suche eine Hebamme in Musterstadt")
        texts = await settle(bot_api, 7301)
    assert bot_api.calls.count("sendMessage") >= len(texts) + 3
    assert any("Familienhebammen Musterland" in t for t in texts)


async def test_a_restart_in_the_middle_continues_the_conversation(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    for action in ("say", "press"):  # a new process (application and service) each time
        async with polling(bot_api, make_service(engine, analyzer)):
            if action == "say":
                bot_api.send_text(7401, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
            else:
                bot_api.press(7401, callback_data("handoff:yes"))
            await settle(bot_api, 7401)
    assert "Erika Beispiel" in bot_api.sent[-1].text


def _post(url: str, body: bytes, secret: str) -> int:
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


async def test_webhook_checks_the_secret_token(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    service = make_service(engine, analyzer)
    app = build_application(service, TOKEN, base_url=bot_api.base_url, rate_limit=False)
    port = free_port()
    bot_api.chats.add(7501)
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 7501, "type": "private"},
            "from": {"id": 7501, "is_bot": False, "first_name": "T", "language_code": "de"},
            "text": "Ich suche eine Hebamme in Musterstadt",
        },
    }
    url = f"http://127.0.0.1:{port}/telegram"
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="telegram",
            secret_token="right-secret",
            webhook_url="https://bot.example/telegram",
        )
        body = json.dumps(update).encode()
        assert await asyncio.to_thread(_post, url, body, "wrong-secret") == 403
        assert await asyncio.to_thread(_post, url, body, "right-secret") == 200
        texts = await settle(bot_api, 7501)
        await app.updater.stop()
        await app.stop()
    assert any("Familienhebammen Musterland" in t for t in texts)
    assert ("setWebhook", "right-secret") in [
        (method, p.get("secret_token")) for method, p in bot_api.requests
    ]
