"""Wire Lotse's Telegram handlers into one python-telegram-bot Application.

Updates of one chat are handled in order, different chats concurrently
(`ordering.py`); a 429 pauses and retries (AIORateLimiter); the outbox worker runs
beside the handlers from `post_init` to `post_stop`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from telegram import BotCommand
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.cards import CardShelf
from bot.casework.notices import NoticeRenderer
from bot.casework.service import Casework
from bot.channels.telegram import coordination
from bot.channels.telegram.chats import Chats, Lotse
from bot.channels.telegram.delivery import OutboxWorker
from bot.channels.telegram.markup import HTML_STYLE
from bot.channels.telegram.ordering import PerChatOrder
from bot.channels.telegram.sharing import Sharing
from bot.channels.telegram.transport import AiohttpRequest
from bot.channels.turns import ThreadRunner, TurnRunner
from bot.conversation import ConversationService
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.engine import COMMANDS
from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES
from bot.i18n.render import Renderer
from bot.nlu.language import SUPPORTED

TelegramApp = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"]
MENU = (
    ("start", m.COMMAND_START),
    ("help", m.COMMAND_HELP),
    ("language", m.COMMAND_LANGUAGE),
    ("person", m.COMMAND_PERSON),
    ("privacy", m.COMMAND_PRIVACY),
    ("delete", m.COMMAND_DELETE),
    ("restart", m.COMMAND_RESTART),
)


async def set_up_menus(app: TelegramApp, renderer: Renderer) -> None:
    """The command menu, description and short description in every supported language."""
    plain = renderer.plain_text
    for language in (None, *SUPPORTED):
        lang = language or "en"
        commands = [BotCommand(name, plain(Msg(text), lang)) for name, text in MENU]
        await app.bot.set_my_commands(commands, language_code=language)
        await app.bot.set_my_description(
            plain(Msg(m.BOT_DESCRIPTION), lang), language_code=language
        )
        await app.bot.set_my_short_description(
            plain(Msg(m.BOT_SHORT_DESCRIPTION), lang), language_code=language
        )


def build_application(
    service: ConversationService,
    token: str,
    base_url: str | None = None,
    rate_limit: bool = True,
    poll_seconds: float = 2.0,
    remind_after_days: float = 2.0,
    turns: TurnRunner | None = None,
) -> TelegramApp:
    """The PTB application with Lotse's handlers and its outbox worker.

    `turns`: where turns are handled (default: threads of this process).
    """
    staff = Renderer(service.renderer.locales, HTML_STYLE, STAFF_DOMAIN, STAFF_LANGUAGES)
    lotse = Lotse(
        service=service,
        casework=Casework(service.engine, service.clock),
        cards=CardShelf(service.catalog, service.analyzer, service.renderer),
        notices=NoticeRenderer(service.renderer, staff),
        wake_outbox=asyncio.Event(),
        turns=turns or ThreadRunner(service),
    )
    builder = (
        Application.builder()
        .token(token)
        .concurrent_updates(PerChatOrder())
        .request(AiohttpRequest(pool_size=256))
        .get_updates_request(AiohttpRequest(pool_size=1, read_timeout=None))
    )
    if base_url:
        builder = builder.base_url(base_url)

    async def post_init(application: TelegramApp) -> None:
        await set_up_menus(application, service.renderer)
        worker = OutboxWorker(lotse, application.bot, poll_seconds, remind_after_days)
        application.bot_data["outbox"] = asyncio.create_task(worker.run())

    async def post_stop(application: TelegramApp) -> None:
        task = application.bot_data.pop("outbox", None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(lotse.turns.close)

    builder = builder.post_init(post_init).post_stop(post_stop)
    limiter = AIORateLimiter(max_retries=5)  # a 429 pauses and retries; nothing is lost
    app = (builder.rate_limiter(limiter) if rate_limit else builder).build()
    app.bot_data["lotse"] = lotse
    _add_handlers(app, lotse)
    return app


def _add_handlers(app: TelegramApp, lotse: Lotse) -> None:
    chats, coordinators, sharing = Chats(lotse), coordination.Coordination(lotse), Sharing(lotse)
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler(list(coordination.COMMANDS), coordinators.on_command))
    app.add_handler(CommandHandler(list(COMMANDS), chats.on_command, filters=private))
    app.add_handler(MessageHandler(~private & (filters.TEXT | filters.COMMAND), chats.on_group))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, chats.on_text))
    app.add_handler(MessageHandler(private & filters.LOCATION, chats.on_location))
    app.add_handler(
        CallbackQueryHandler(coordinators.on_button, pattern=r"^v1:(case|invite|casechat):")
    )
    app.add_handler(CallbackQueryHandler(sharing.on_card_language, pattern=r"^v1:cl:"))
    app.add_handler(CallbackQueryHandler(chats.on_button))
    app.add_handler(InlineQueryHandler(sharing.on_inline_query))
    app.add_handler(ChatMemberHandler(chats.on_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(
        MessageHandler(
            private & ~filters.TEXT & ~filters.COMMAND & ~filters.LOCATION, chats.on_other
        )
    )
    app.add_error_handler(chats.on_error)
