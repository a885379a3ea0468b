"""Inline mode: professionals send offer cards into any chat, in the family's language.

Only professionals and coordinators get results; everyone else gets none and a button
that opens Lotse. A sent card carries language buttons; pressing one turns the card
into that language (anyone who reads it may do so).
"""

from __future__ import annotations

import asyncio

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.channels.telegram.chats import Lotse
from bot.channels.telegram.markup import acknowledge, card_languages, choice_of, language_hint
from bot.dialogue import messages as m

CACHE_SECONDS = 10


class Sharing:
    """The inline query handler and the card-language buttons."""

    def __init__(self, lotse: Lotse) -> None:
        self.lotse = lotse

    async def on_inline_query(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Up to 50 cards for a professional's query; nothing for others."""
        query = update.inline_query
        if query is None:
            return
        roles = await asyncio.to_thread(
            self.lotse.casework.roles, self.lotse.key(query.from_user.id)
        )
        if not roles.professional:
            label = self.lotse.label(m.INLINE_FOR_PROFESSIONALS, language_hint(update) or "de")
            button = InlineQueryResultsButton(text=label, start_parameter="inline")
            await query.answer([], cache_time=0, is_personal=True, button=button)
            return
        cards = await asyncio.to_thread(self.lotse.cards.find, query.query)
        results = [
            InlineQueryResultArticle(
                id=card.id,
                title=card.title,
                description=card.description,
                input_message_content=InputTextMessageContent(card.text, parse_mode=ParseMode.HTML),
                reply_markup=card_languages(card.offer_short, card.language),
            )
            for card in cards
        ]
        await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)

    async def on_card_language(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """`cl:<offer>:<language>` on a sent card: show it in that language."""
        query = update.callback_query
        if query is None:
            return
        parts = (choice_of(query.data) or "").split(":")
        await acknowledge(query)
        if len(parts) != 3 or not parts[1] or not parts[2]:
            return  # forged or truncated data ("v1:cl:x"): nothing to show, nothing raised
        _, short, language = parts
        text = await asyncio.to_thread(self.lotse.cards.card_text, short, language)
        if text is None:
            return
        try:
            await query.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=card_languages(short, language)
            )
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                raise
