"""The webhook stores an update before it answers 200, answers it once, and reports readiness."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import Engine, select

from bot.channels.telegram import build_application
from bot.channels.telegram.server import Webhook, serve
from bot.conversation import ConversationService
from bot.nlu.analyzer import Analyzer
from bot.storage.db import make_engine, transaction
from bot.storage.importing import import_offers
from bot.storage.migrate import upgrade
from bot.storage.models import InboxRow
from tests.channels.dbproxy import DatabaseProxy
from tests.conftest import DEMO_OFFERS, TEST_OFFERS, free_port
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import TOKEN, make_service, settle, text_update, until

pytestmark = pytest.mark.postgres
SECRET = "inbox-secret"


def http(url: str, body: bytes | None = None) -> int:
    """The status of a GET (or, with a body, a webhook POST)."""
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@asynccontextmanager
async def webhook_bot(bot_api: FakeBotApi, service: ConversationService) -> AsyncIterator[str]:
    """`lotse telegram --webhook` in this event loop; yields its base URL."""
    app = build_application(service, TOKEN, base_url=bot_api.base_url, rate_limit=False)
    port = free_port()
    stop = asyncio.Event()
    hook = Webhook("https://bot.example/telegram", SECRET, "127.0.0.1", port, "telegram")
    task = asyncio.create_task(serve(app, service.engine, ["message"], hook, stop.wait))
    base = f"http://127.0.0.1:{port}"
    while await asyncio.to_thread(_status_or_none, f"{base}/healthz") != 200:
        assert not task.done(), task.exception()
        await asyncio.sleep(0.05)
    try:
        yield base
    finally:
        stop.set()
        await task


def _status_or_none(url: str) -> int | None:
    try:
        return http(url)
    except OSError:
        return None


def inbox_rows(engine: Engine) -> list[tuple[str, str]]:
    with transaction(engine) as session:
        return [(r.id, r.status) for r in session.scalars(select(InboxRow).order_by(InboxRow.seq))]


async def test_a_redelivered_update_is_answered_once(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    service = make_service(engine, analyzer)
    bot_api.chats.add(8101)
    body = text_update(41, 8101, "Ich suche eine Hebamme in Musterstadt")
    async with webhook_bot(bot_api, service) as base:
        assert await asyncio.to_thread(http, f"{base}/telegram", body) == 200
        first = await settle(bot_api, 8101)
        # Telegram did not see the 200 in time and delivers the same update again
        assert await asyncio.to_thread(http, f"{base}/telegram", body) == 200
        await until(bot_api, lambda: inbox_rows(engine) == [("telegram:41", "done")])
        again = await settle(bot_api, 8101, answer=False)
    assert any("Familienhebammen Musterland" in t for t in first)
    assert again == first  # nothing more was sent
    assert inbox_rows(engine) == [("telegram:41", "done")]


async def test_an_update_is_stored_before_the_200_and_answered_after_a_restart(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    """A crash right after the 200: the stored update is answered by the next process."""
    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    service = make_service(engine, analyzer)
    bot_api.chats.add(8102)
    from bot.channels.telegram.inbox import UpdateInbox

    app = build_application(service, TOKEN, base_url=bot_api.base_url, rate_limit=False)
    async with app:
        inbox = UpdateInbox(app, engine)  # stores, but its worker never runs: "crashed"
        assert await inbox.receive(json.loads(text_update(42, 8102, "Hebamme in Musterstadt")))
    assert inbox_rows(engine) == [("telegram:42", "pending")]
    assert bot_api.by_chat.get(8102) is None
    async with webhook_bot(bot_api, service):
        texts = await settle(bot_api, 8102)
    assert any("Familienhebammen Musterland" in t for t in texts)
    assert inbox_rows(engine) == [("telegram:42", "done")]


async def test_readyz_turns_unready_while_the_database_is_away(
    bot_api: FakeBotApi, postgres_url: str, analyzer: Analyzer
) -> None:
    setup = make_engine(postgres_url)
    upgrade(setup)
    assert import_offers(setup, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    setup.dispose()
    proxy = DatabaseProxy(postgres_url)
    proxy.open()
    engine = make_engine(proxy.proxied_url)
    service = make_service(engine, analyzer)
    bot_api.chats.add(8103)
    try:
        async with webhook_bot(bot_api, service) as base:
            assert await asyncio.to_thread(http, f"{base}/readyz") == 200
            proxy.close()
            assert await asyncio.to_thread(http, f"{base}/readyz") == 503
            assert await asyncio.to_thread(http, f"{base}/healthz") == 200
            # a crisis still gets the emergency numbers, though nothing can be stored
            crisis = text_update(43, 8103, "Ich will nicht mehr leben")
            assert await asyncio.to_thread(http, f"{base}/telegram", crisis) == 200
            texts = await settle(bot_api, 8103)
            assert any("112" in t for t in texts)
            proxy.open()
            assert await asyncio.to_thread(http, f"{base}/readyz") == 200
            body = text_update(44, 8103, "Hebamme in Musterstadt")
            bot_api.mark(8103)
            assert await asyncio.to_thread(http, f"{base}/telegram", body) == 200
            texts = await settle(bot_api, 8103)
            assert any("Familienhebammen Musterland" in t for t in texts)
    finally:
        proxy.close()
        engine.dispose()


async def test_after_a_crash_half_way_only_the_undelivered_replies_are_sent(
    bot_api: FakeBotApi, engine: Engine, analyzer: Analyzer
) -> None:
    """A process stored the turn, delivered its first message and died: the next sends the rest."""
    from bot.channels.telegram.inbox import UpdateInbox
    from bot.channels.telegram.markup import merged
    from bot.dialogue.work import Turn

    assert import_offers(engine, [DEMO_OFFERS, TEST_OFFERS]).summary is not None
    service = make_service(engine, analyzer)
    bot_api.chats.add(8104)
    app = build_application(service, TOKEN, base_url=bot_api.base_url, rate_limit=False)
    async with app:
        inbox = UpdateInbox(app, engine)
        assert await inbox.receive(json.loads(text_update(45, 8104, "Hebamme in Musterstadt")))
    replies = service.handle("telegram", "8104", Turn(text="Hebamme in Musterstadt"), "telegram:45")
    messages = [reply.text for reply, _ in merged(replies)]
    assert len(messages) >= 2
    service.delivered("telegram:45", merged(replies)[0][1])  # the first reached the family
    async with webhook_bot(bot_api, service):
        texts = await settle(bot_api, 8104)
    assert texts == messages[1:]
    with transaction(engine) as session:
        row = session.get(InboxRow, "telegram:45")
        assert row is not None
        # answered: neither the message nor the chat is kept, only the update's id
        assert (row.status, row.chat, row.payload, row.replies) == ("done", "", None, None)
