"""Telegram details families meet: sharing the location, editing, blocking the bot, order."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from sqlalchemy import select
from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.casework.service import Actor, Casework
from bot.channels.telegram import callback_data
from bot.channels.telegram.ordering import PerChatOrder
from bot.conversation import ConversationService
from bot.domain.roles import COORDINATOR, Grant, Roles
from bot.storage.conversations_repo import load_state
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, OutboxRow
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import ask_for_a_person, settle, until

COORDINATOR_ACTOR = Actor("key-c", Roles((Grant(COORDINATOR, "musterstadt", "Clara Muster"),)))


async def test_share_my_location_finds_offers_nearby(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    family = 6001
    bot_api.send_text(family, "Mein Baby schreit die ganze Nacht")
    sent = await asyncio.to_thread(bot_api.settle, family)
    assert sent[-1].keyboard == [("📍 Meinen Standort teilen", True)]
    assert any(data == callback_data("place:other") for s in sent for _, data in s.buttons)
    bot_api.send_location(family, 51.501, 7.502)
    texts = await settle(bot_api, family)
    assert any("Schreiambulanz Musterstadt" in t for t in texts)
    assert any(s.removes_keyboard for s in bot_api.sent if s.chat_id == family)


async def test_an_edited_message_is_answered_as_written_now(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    family = 6002
    message = bot_api.send_text(family, "Hallo")
    before = len(await settle(bot_api, family))
    bot_api.edit_text(family, message, "Wir suchen eine Hebamme in Musterstadt")
    texts = await settle(bot_api, family)
    assert len(texts) > before and any("Familienhebammen Musterland" in t for t in texts[before:])


def handoff(service: ConversationService) -> HandoffRow:
    with session_factory(service.engine)() as session:
        row = session.scalars(select(HandoffRow)).one()
        session.expunge(row)
        return row


async def test_a_blocked_bot_is_not_retried_forever(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    family = 6003
    await ask_for_a_person(bot_api, family, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    bot_api.block(family)  # blocked without Telegram telling us first
    reference = handoff(running_bot).reference
    Casework(running_bot.engine).claim(reference, COORDINATOR_ACTOR)
    await until(bot_api, lambda: bot_api.refused.get(family, 0) >= 1)
    await asyncio.sleep(1.5)  # several rounds of the outbox worker
    assert bot_api.refused[family] == 1
    assert not handoff(running_bot).family_reachable
    with session_factory(running_bot.engine)() as session:
        statuses = {r.kind: r.status for r in session.scalars(select(OutboxRow))}
    assert statuses["case_claimed"] == "dead"


async def test_blocking_marks_the_family_inactive_and_nothing_is_sent(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    family = 6004
    await ask_for_a_person(bot_api, family, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    bot_api.user_blocks_bot(family)
    key = running_bot.key("telegram", str(family))

    def inactive() -> bool:
        with session_factory(running_bot.engine)() as session:
            state = load_state(session, key)
        return state is not None and state["active"] is False

    await until(bot_api, inactive)
    Casework(running_bot.engine).relay(handoff(running_bot).reference, COORDINATOR_ACTOR, "Hallo")
    await asyncio.sleep(1.5)
    assert bot_api.refused.get(family, 0) == 0  # not even tried
    bot_api.user_unblocks_bot(family)
    await until(bot_api, lambda: not inactive())
    assert handoff(running_bot).family_reachable


async def test_one_chat_in_order_other_chats_meanwhile(bot_api: FakeBotApi) -> None:
    """The per-chat processor in a real PTB Application: chat 1 waits, chat 2 goes on."""
    done: list[tuple[int, int]] = []
    release = asyncio.Event()

    async def handle(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        assert chat is not None and update.effective_message is not None
        if chat.id == 1 and update.effective_message.message_id == 1:
            await release.wait()  # the first message of chat 1 is slow
        done.append((chat.id, update.effective_message.message_id))

    builder = Application.builder().token("1:T").base_url(bot_api.base_url)
    app: Any = builder.concurrent_updates(PerChatOrder()).build()
    app.add_handler(TypeHandler(Update, handle))

    def update(update_id: int, chat: int, message: int) -> Update:
        data = {"update_id": update_id, "message": {
            "message_id": message, "date": int(dt.datetime.now().timestamp()),
            "chat": {"id": chat, "type": "private"}, "text": "x",
        }}  # fmt: skip
        return Update.de_json(data, app.bot)

    async with app:
        await app.start()
        for number, (chat, message) in enumerate([(1, 1), (1, 2), (2, 1)], start=1):
            await app.update_queue.put(update(number, chat, message))
        deadline = asyncio.get_running_loop().time() + 600  # a hang guard only
        while (2, 1) not in done and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        assert done == [(2, 1)]  # chat 2 was not held up by chat 1
        release.set()
        while len(done) < 3 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        await app.stop()
    assert done == [(2, 1), (1, 1), (1, 2)]  # chat 1 in its own order
