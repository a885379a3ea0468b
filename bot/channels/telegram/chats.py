"""Private chats with families and professionals: updates in, replies out, nothing else.

Every text, button, command and shared location becomes a neutral `Turn` for the
conversation service; its replies become HTML messages with inline buttons. Dialogue
state lives in the database (no ConversationHandler, no pickles).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from telegram import ChatMember, ReplyKeyboardRemove, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import Forbidden
from telegram.ext import ContextTypes

from bot.cards import CardShelf
from bot.casework.notices import NoticeRenderer
from bot.casework.service import Casework
from bot.channels.telegram.inbox import once_key
from bot.channels.telegram.markup import (
    acknowledge,
    buttons,
    choice_of,
    chunks,
    language_hint,
    location_keyboard,
    merged,
    with_share_button,
)
from bot.channels.turns import TurnRunner
from bot.conversation import ConversationService, Reply
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.engine import Turn
from bot.domain.privacy import log_key
from bot.storage import cases_repo
from bot.storage.db import transaction

log = logging.getLogger(__name__)
CHANNEL = "telegram"


@dataclass
class Lotse:
    """What the Telegram handlers work with (one per process)."""

    service: ConversationService
    casework: Casework
    cards: CardShelf
    notices: NoticeRenderer
    wake_outbox: asyncio.Event
    turns: TurnRunner

    def key(self, user_id: int) -> str:
        """The pseudonymous key of a Telegram user."""
        return self.service.key(CHANNEL, str(user_id))

    def text(self, message: str, language: str) -> str:
        """A family message in a language (HTML)."""
        return self.service.renderer.text(Msg(message), language)

    def label(self, message: str, language: str) -> str:
        """A button label in a language."""
        return self.service.renderer.text(Msg(message), language, outer=False)


class Chats:
    """The handlers of private conversations (and the polite answer in groups)."""

    def __init__(self, lotse: Lotse) -> None:
        self.lotse = lotse

    async def answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
        """Hand a turn to the conversation service and send its replies."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        once = once_key(update.update_id)  # handled before (a crash): the rest is sent
        replies = await self.lotse.turns.handle(CHANNEL, str(user.id), turn, once)
        await self.send(context, chat.id, user.id, replies, once)
        if any(r.outbox for r in replies):
            self.lotse.wake_outbox.set()  # a stored hand-off or a relayed message waits

    async def send(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        user_id: int,
        replies: list[Reply],
        once: str | None = None,
    ) -> None:
        """Send replies in order: buttons, share buttons, the location keyboard.

        `once`: the update they answer; each delivered message is counted there, so that
        a process killed half-way leaves only the rest to be sent by the next.
        """
        messages = merged(replies)
        close = next((i for i, (r, _) in enumerate(messages) if r.close_keyboard), None)
        if close is not None:
            close = next((i for i in range(close, len(messages)) if _bare(messages[i][0])), None)
        try:
            for position, (reply, carried) in enumerate(messages):
                markup: Any = buttons(reply.options)
                if reply.offer_id:
                    share = self.lotse.label(m.CHOICE_SHARE, reply.language)
                    markup = with_share_button(share, reply.offer_id)
                elif position == close:
                    markup = ReplyKeyboardRemove()
                parts = chunks(reply.text)
                for i, part in enumerate(parts):
                    await context.bot.send_message(
                        chat_id,
                        part,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup if i == len(parts) - 1 else None,
                    )
                if reply.request_location:
                    label = self.lotse.label(m.CHOICE_SHARE_LOCATION, reply.language)
                    await context.bot.send_message(
                        chat_id,
                        self.lotse.text(m.LOCATION_HINT, reply.language),
                        parse_mode=ParseMode.HTML,
                        reply_markup=location_keyboard(label),
                    )
                if once is not None:
                    await asyncio.to_thread(self.lotse.service.delivered, once, carried)
        except Forbidden:
            await self._blocked(user_id)

    async def _blocked(self, user_id: int) -> None:
        """The user blocked the bot: mark inactive, send nothing more unasked."""
        log.info("user %s blocked the bot", log_key(self.lotse.key(user_id)))
        await asyncio.to_thread(self.lotse.service.set_active, CHANNEL, str(user_id), False)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text message, new or edited, in a private chat."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self.answer(
            update, context, Turn(text=message.text, language_hint=language_hint(update))
        )

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start (with a deep link), /help, /language, /privacy, /delete, /person, /restart."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        words = message.text.lstrip("/").split()
        command = " ".join([words[0].split("@")[0].lower(), *words[1:2]])
        await self.answer(
            update, context, Turn(command=command, language_hint=language_hint(update))
        )

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An inline button; old or foreign data still gets a sensible answer."""
        query = update.callback_query
        if query is None:
            return
        await acknowledge(query)
        choice = choice_of(query.data)
        hint = language_hint(update)
        turn = Turn(choice=choice, language_hint=hint) if choice else Turn(command="help")
        await self.answer(update, context, turn)

    async def on_location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared location: offers nearby, sorted by distance."""
        message = update.effective_message
        if message is None or message.location is None:
            return
        point = (message.location.latitude, message.location.longitude)
        await self.answer(
            update, context, Turn(location=point, language_hint=language_hint(update))
        )

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice notes, photos, stickers, files: Lotse reads text only (and the emergency line)."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        language = await asyncio.to_thread(
            self.lotse.service.language_of, CHANNEL, str(user.id), language_hint(update)
        )
        renderer = self.lotse.service.renderer
        text = "\n".join(
            [
                renderer.text(Msg(m.TEXT_ONLY), language),
                renderer.text(Msg(m.EMERGENCY_AMBULANCE, {"number": "112"}), language),
                renderer.text(Msg(m.EMERGENCY_POLICE, {"number": "110"}), language),
            ]
        )
        try:
            await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)
        except Forbidden:
            await self._blocked(user.id)

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups Lotse only explains that it works in private chats."""
        chat = update.effective_chat
        if chat is None:
            return
        text = self.lotse.text(m.PRIVATE_ONLY, language_hint(update) or "de")
        await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)

    async def on_member(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The user blocked or unblocked the bot; or the bot left a coordinators' chat."""
        change = update.my_chat_member
        if change is None:
            return
        status = change.new_chat_member.status
        gone = status in (ChatMember.BANNED, ChatMember.LEFT)
        if change.chat.type == ChatType.PRIVATE:
            active = not gone
            await asyncio.to_thread(
                self.lotse.service.set_active, CHANNEL, str(change.chat.id), active
            )
        elif gone:
            await asyncio.to_thread(_deactivate_chat, self.lotse, str(change.chat.id))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log without personal data; tell the user in their language, with 112/110."""
        user = update.effective_user if isinstance(update, Update) else None
        key = log_key(self.lotse.key(user.id)) if user else "-"
        log.error("error while handling an update (user %s)", key, exc_info=context.error)
        if isinstance(context.error, Forbidden):
            if user is not None:
                await self._blocked(user.id)
            return
        if isinstance(update, Update) and update.effective_chat is not None:
            text = self.lotse.text(m.ERROR_GENERIC, language_hint(update) or "de")
            try:
                await context.bot.send_message(
                    update.effective_chat.id, text, parse_mode=ParseMode.HTML
                )
            except Forbidden:
                if user is not None:
                    await self._blocked(user.id)


def _bare(reply: Reply) -> bool:
    """A reply without buttons of its own (it can carry "remove the keyboard")."""
    return not reply.options and not reply.offer_id


def _deactivate_chat(lotse: Lotse, chat_id: str) -> None:
    with transaction(lotse.service.engine) as session:
        if cases_repo.deactivate_chat(session, CHANNEL, chat_id):
            log.warning("Lotse was removed from a coordinators' chat; it is marked inactive")
