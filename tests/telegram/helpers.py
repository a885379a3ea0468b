"""Running the real PTB Application against the test Bot API server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy import Engine

from bot.channels.telegram import HTML_STYLE, build_application, callback_data
from bot.conversation import ConversationService, Settings
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage.catalog import OfferCatalog
from bot.storage.examples_catalog import ExampleCatalog
from tests.conftest import ROOT
from tests.telegram.bot_api import FakeBotApi, Sent

TOKEN = "123456:TEST-TOKEN"


def make_service(engine: Engine, analyzer: Analyzer) -> ConversationService:
    """A service for the Telegram channel on the demo and fictional offers."""
    return ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine, check_seconds=0),
        examples=ExampleCatalog(engine, check_seconds=0),
        renderer=Renderer(ROOT / "locales", HTML_STYLE),
        settings=Settings(secret="tg-secret"),
    )


@asynccontextmanager
async def polling(
    bot_api: FakeBotApi, service: ConversationService, rate_limit: bool = False
) -> AsyncIterator[None]:
    """The real PTB application, polling the test server, as `lotse telegram` runs it."""
    app = build_application(
        service, TOKEN, base_url=bot_api.base_url, rate_limit=rate_limit, poll_seconds=0.2
    )
    async with app:
        assert app.post_init is not None
        await app.post_init(app)  # as run_polling/run_webhook do
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        yield
        await app.updater.stop()
        await app.stop()
        assert app.post_stop is not None
        await app.post_stop(app)


async def settle(bot_api: FakeBotApi, chat: int, answer: bool = True) -> list[str]:
    """The texts sent to a chat, once the bot has answered there and gone quiet."""
    sent = await asyncio.to_thread(bot_api.settle, chat, answer=answer)
    return [s.text for s in sent]


async def until(
    bot_api: FakeBotApi, found: Callable[[], Sent | bool | None], timeout: float = 600.0
) -> Sent:
    """Wait until `found()` returns a message (or True); fail after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        result = found()
        if isinstance(result, Sent):
            return result
        if result:
            return Sent(0, 0, "")
        await asyncio.sleep(0.05)
    raise AssertionError("the bot did not send what the test waited for")


def last_to(bot_api: FakeBotApi, chat: int, containing: str = "") -> Sent | None:
    """The newest message in a chat that contains some text."""
    return next(
        (s for s in reversed(bot_api.sent) if s.chat_id == chat and containing in s.text), None
    )


async def ask_for_a_person(bot_api: FakeBotApi, chat: int, text: str) -> None:
    """A family writes its need, then presses its way to a request answered in the chat."""
    bot_api.send_text(chat, text)
    await settle(bot_api, chat)
    for choice in ("handoff:yes", "consent:yes", "contact:chat", "times:any", "confirm:send"):
        before = len(bot_api.by_chat.get(chat, []))
        bot_api.press(chat, callback_data(choice))
        await asyncio.to_thread(bot_api.wait_for, chat, before + 1)
        await settle(bot_api, chat)


def text_update(update_id: int, chat: int, text: str) -> bytes:
    """A webhook body: a private text message of the chat, as Telegram posts it."""
    return json.dumps(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat, "type": "private"},
                "from": {"id": chat, "is_bot": False, "first_name": "T", "language_code": "de"},
                "text": text,
            },
        }
    ).encode()
