"""How Lotse's neutral replies look in Telegram: HTML, buttons, keyboards, callback data.

Callback data is one compact, versioned scheme, `v1:<choice id>`, never over 64 bytes
(Telegram's limit, which PTB does not check): `v1:place:Siegburg`, `v1:case:claim:L-7KQM3P`,
`v1:cl:<offer>:<lang>` (a shared card's language). Data of another version is answered
sensibly, never with an error.
"""

from __future__ import annotations

import dataclasses
import html
import logging

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError

from bot.conversation import Option, Reply
from bot.i18n.catalogs import language_name
from bot.i18n.render import Style
from bot.nlu.language import SUPPORTED

log = logging.getLogger(__name__)
CALLBACK_VERSION = "v1:"
MAX_CALLBACK_BYTES = 64
MAX_TEXT = 4096
MAX_LABEL = 60
LANGUAGES_PER_ROW = 4

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


async def acknowledge(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (Telegram's spinner stops); a late or failed answer is no error.

    Telegram refuses answers after about 15 seconds (or after a restart); the press
    itself must still be handled.
    """
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as error:
        log.info("a button press could not be acknowledged: %s", error.message)


def language_hint(update: Update) -> str | None:
    """The user's messenger language, if Lotse speaks it."""
    user = update.effective_user
    code = (user.language_code or "")[:2].lower() if user else ""
    return code if code in SUPPORTED else None


def chunks(text: str) -> list[str]:
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


def merged(replies: list[Reply]) -> list[tuple[Reply, int]]:
    """Join a plain text with the text after it into one message (cards stay apart).

    "I will answer in Arabic …" and the question after it arrive as one message:
    fewer notifications for the family, fewer requests towards Telegram's limits.
    Each message comes with how many of `replies` it carries (their delivery is counted).
    """
    out: list[tuple[Reply, int]] = []
    for reply in replies:
        previous, joined = out[-1] if out else (None, 0)
        if (
            previous is not None
            and _plain(previous)
            and not reply.card
            and len(previous.text) + len(reply.text) + 2 <= MAX_TEXT
        ):
            text = f"{previous.text}\n\n{reply.text}"
            keep_close = previous.close_keyboard or reply.close_keyboard
            out[-1] = (dataclasses.replace(reply, text=text, close_keyboard=keep_close), joined + 1)
        else:
            out.append((reply, 1))
    return out


def _plain(reply: Reply) -> bool:
    return not (reply.options or reply.card or reply.request_location or reply.offer_id)


def buttons(options: tuple[Option, ...] | list[Option]) -> InlineKeyboardMarkup | None:
    """One inline button per option, one per row."""
    if not options:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(o.label[:MAX_LABEL], callback_data=callback_data(o.id))]
            for o in options
        ]
    )


def with_share_button(label: str, offer_id: str) -> InlineKeyboardMarkup:
    """A card's button that opens inline mode with this offer, to send it to a family."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label[:MAX_LABEL], switch_inline_query=f"#{offer_id}")]]
    )


def location_keyboard(label: str) -> ReplyKeyboardMarkup:
    """A keyboard with one button that shares the location (private chats only)."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def card_languages(offer_short: str, current: str) -> InlineKeyboardMarkup:
    """The language buttons of a shared card (names in their own script)."""
    row: list[InlineKeyboardButton] = []
    rows: list[list[InlineKeyboardButton]] = []
    for code in SUPPORTED:
        name = language_name(code, code, capitalize=True)
        label = f"• {name}" if code == current else name
        row.append(
            InlineKeyboardButton(label, callback_data=callback_data(f"cl:{offer_short}:{code}"))
        )
        if len(row) == LANGUAGES_PER_ROW:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(rows)
