"""The Telegram channel (python-telegram-bot 22): updates in, replies out, nothing else.

Dialogue state lives in our database (no ConversationHandler, no pickles). Options
become inline buttons whose callback data is `v1:<choice id>` (at most 64 bytes).
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import Any

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.conversation import ConversationService, Reply
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.engine import COMMANDS, Turn
from bot.domain.privacy import log_key
from bot.i18n.render import Style
from bot.nlu.language import SUPPORTED

log = logging.getLogger(__name__)
CHANNEL = "telegram"
CALLBACK_VERSION = "v1:"
MAX_CALLBACK_BYTES = 64
MAX_TEXT = 4096

HTML_STYLE = Style(escape=lambda text: html.escape(text, quote=False), bold=lambda t: f"<b>{t}</b>")


def callback_data(choice: str) -> str:
    """The compact, versioned callback data of an option; never over 64 bytes."""
    data = CALLBACK_VERSION + choice
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {choice!r}")
    return data


def choice_of(data: str | None) -> str | None:
    """The option id of callback data, or None for data of an unknown version."""
    if data and data.startswith(CALLBACK_VERSION):
        return data[len(CALLBACK_VERSION) :]
    return None


def _hint(update: Update) -> str | None:
    user = update.effective_user
    code = (user.language_code or "")[:2].lower() if user else ""
    return code if code in SUPPORTED else None


def _chunks(text: str) -> list[str]:
    """Split text that Telegram would refuse as too long, at line breaks."""
    if len(text) <= MAX_TEXT:
        return [text]
    parts, current = [], ""
    for line in text.split("\n"):
        if len(current) + len(line) + 1 > MAX_TEXT and current:
            parts.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line[:MAX_TEXT]
    parts.append(current)
    return parts


class TelegramChannel:
    """Turns updates into turns and replies into messages with buttons."""

    def __init__(self, service: ConversationService) -> None:
        self.service = service

    async def _answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
        chat = update.effective_chat
        user = update.effective_user
        if chat is None or user is None:
            return
        replies = await asyncio.to_thread(self.service.handle, CHANNEL, str(user.id), turn)
        await self.send(context, chat.id, replies)

    async def send(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply]
    ) -> None:
        """Send replies in order; options become inline buttons."""
        for reply in replies:
            markup = None
            if reply.options:
                markup = InlineKeyboardMarkup(
                    [[InlineKeyboardButton(o.label[:60], callback_data=callback_data(o.id))]
                     for o in reply.options]
                )  # fmt: skip
            parts = _chunks(reply.text)
            for i, part in enumerate(parts):
                await context.bot.send_message(
                    chat_id, part, parse_mode=ParseMode.HTML,
                    reply_markup=markup if i == len(parts) - 1 else None,
                )  # fmt: skip

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text message in a private chat."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self._answer(update, context, Turn(text=message.text, language_hint=_hint(update)))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start, /help, /language, /privacy, /delete, /person, /restart."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        words = message.text.lstrip("/").split()
        command = " ".join([words[0].split("@")[0].lower(), *words[1:2]])  # with a deep link
        await self._answer(update, context, Turn(command=command, language_hint=_hint(update)))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An inline button; old or foreign data still gets a sensible answer."""
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        choice = choice_of(query.data)
        turn = Turn(choice=choice, language_hint=_hint(update)) if choice else Turn(command="help")
        await self._answer(update, context, turn)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice notes, photos, stickers, files: Lotse reads text only."""
        chat = update.effective_chat
        if chat is None:
            return
        language = _hint(update) or "de"
        text = self.service.renderer.text(Msg(m.TEXT_ONLY), language)
        await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups Lotse only explains that it works in private chats."""
        chat = update.effective_chat
        if chat is None:
            return
        text = self.service.renderer.text(Msg(m.PRIVATE_ONLY), _hint(update) or "de")
        await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log without personal data; tell the user in their language, with 112/110."""
        user = update.effective_user if isinstance(update, Update) else None
        key = log_key(self.service.key(CHANNEL, str(user.id))) if user else "-"
        log.error("error while handling an update (user %s)", key, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            language = _hint(update) or "de"
            text = self.service.renderer.text(Msg(m.ERROR_GENERIC), language)
            await context.bot.send_message(
                update.effective_chat.id, text, parse_mode=ParseMode.HTML
            )


MENU = (
    ("start", m.COMMAND_START),
    ("help", m.COMMAND_HELP),
    ("language", m.COMMAND_LANGUAGE),
    ("person", m.COMMAND_PERSON),
    ("privacy", m.COMMAND_PRIVACY),
    ("delete", m.COMMAND_DELETE),
    ("restart", m.COMMAND_RESTART),
)


async def set_up_menus(app: Application[Any, Any, Any, Any, Any, Any], renderer: Any) -> None:
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
    service: ConversationService, token: str, base_url: str | None = None, rate_limit: bool = True
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB application with Lotse's handlers (private chats only)."""
    builder = Application.builder().token(token)
    if base_url:
        builder = builder.base_url(base_url)

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await set_up_menus(application, service.renderer)

    builder = builder.post_init(post_init)
    limiter = AIORateLimiter(max_retries=5)  # a 429 pauses and retries; nothing is lost
    app = (builder.rate_limiter(limiter) if rate_limit else builder).build()
    channel = TelegramChannel(service)
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler(list(COMMANDS), channel.on_command, filters=private))
    app.add_handler(MessageHandler(~private & (filters.TEXT | filters.COMMAND), channel.on_group))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, channel.on_text))
    app.add_handler(CallbackQueryHandler(channel.on_button))
    app.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.COMMAND, channel.on_other))
    app.add_error_handler(channel.on_error)
    return app
