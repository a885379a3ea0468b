"""What the Telegram Bot API refuses, for the test server in `bot_api.py`.

HTML as Telegram parses it, message texts, reply markup (inline keyboards, reply
keyboards, keyboard removal, forced replies) and inline query results. Every check
raises `Refused` with the status and description Telegram answers with. Also the few
object shapes the server builds (the bot user, its chat membership, text entities).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "tg-spoiler", "blockquote"}
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID = 64
MAX_CALLBACK_ANSWER = 200
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup"
    " are exactly the same as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active;"
    " use deleteWebhook to delete the webhook first"
)
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}  # fmt: skip


BOT_USER: dict[str, Any] = {
    "id": 42, "is_bot": True, "first_name": "Lotse", "username": "LotseBot",
    "can_join_groups": True, "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}  # fmt: skip


class Refused(Exception):
    """A request Telegram would refuse; `status` is the HTTP status (400 unless told)."""

    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.status = status

    def answer(self) -> tuple[int, dict[str, Any]]:
        """The HTTP status and body Telegram answers with."""
        return self.status, {"ok": False, "error_code": self.status, "description": str(self)}


def bot_member(status: str) -> dict[str, Any]:
    """The bot as a ChatMember with this status (`member`, `kicked`, ...)."""
    extra = {"until_date": 0} if status == "kicked" else {}
    return {"user": dict(BOT_USER), "status": status, **extra}


def text_content(text: str) -> dict[str, Any]:
    """The `text` of a user's message, with the entity of a leading /command."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        command = text.split()[0]
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return content


class _HtmlCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = f'Unmatched end tag "{tag}"'


def html_error(text: str) -> str | None:
    """Why Telegram would refuse this HTML, or None."""
    checker = _HtmlCheck()
    checker.feed(text)
    checker.close()
    if checker.error:
        return checker.error
    if checker.stack:
        return "Can't find end tag"
    return None


# --- parameters as PTB sends them (form fields, objects JSON-encoded) or as JSON ----------
def decoded(params: dict[str, Any], key: str) -> Any:
    """A structured parameter: JSON-decoded when it came as a form field."""
    value = params.get(key)
    return json.loads(value) if isinstance(value, str) and value else value


def flag(params: dict[str, Any], key: str) -> bool:
    """A Boolean parameter, `true`/`false` in form fields."""
    value = params.get(key)
    return value is True or (isinstance(value, str) and value.lower() == "true")


def optional_int(params: dict[str, Any], key: str) -> int | None:
    """An integer parameter, or None when absent."""
    value = params.get(key)
    return None if value in (None, "") else int(value)


def reply_target(params: dict[str, Any]) -> int | None:
    """The message replied to: `reply_to_message_id` or PTB 21+'s `reply_parameters`."""
    if (old := optional_int(params, "reply_to_message_id")) is not None:
        return old
    reply = decoded(params, "reply_parameters") or {}
    return int(reply["message_id"]) if "message_id" in reply else None


# --- texts and markup --------------------------------------------------------------------
def check_text(text: str, parse_mode: str | None) -> None:
    """A message text as sendMessage and editMessageText accept it."""
    if not text.strip():
        raise Refused("Bad Request: message text is empty")
    if len(text) > MAX_TEXT:
        raise Refused("Bad Request: message is too long")
    if parse_mode == "HTML" and (problem := html_error(text)):
        raise Refused(f"Bad Request: can't parse entities: {problem}")


@dataclass
class Markup:
    """What a `reply_markup` asks for."""

    buttons: list[tuple[str, str]] = field(default_factory=list)
    keyboard: list[tuple[str, bool]] = field(default_factory=list)
    removes_keyboard: bool = False
    force_reply: bool = False


def inline_json(buttons: list[tuple[str, str]]) -> dict[str, Any]:
    """An inline keyboard as a message object carries it (one button a row)."""
    rows = [[{"text": text, "callback_data": data}] for text, data in buttons]
    return {"inline_keyboard": rows}


def inline_buttons(markup: dict[str, Any]) -> list[tuple[str, str]]:
    """The (text, callback data) of an InlineKeyboardMarkup."""
    buttons = []
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data", "")
            if len(data.encode()) > MAX_CALLBACK_DATA:
                raise Refused("Bad Request: BUTTON_DATA_INVALID")
            buttons.append((button["text"], data))
    return buttons


def keyboard_buttons(markup: dict[str, Any], private: bool) -> list[tuple[str, bool]]:
    """The (text, request_location) of a ReplyKeyboardMarkup."""
    buttons = []
    for row in markup["keyboard"]:
        for button in row:
            button = {"text": button} if isinstance(button, str) else button
            if not str(button.get("text") or "").strip():
                raise Refused("Bad Request: can't parse keyboard button: text must be non-empty")
            location = bool(button.get("request_location"))
            if location and not private:
                raise Refused("Bad Request: location can be requested in a private chats only")
            buttons.append((str(button["text"]), location))
    return buttons


def parse_markup(raw: Any, private: bool) -> Markup:
    """Check and read a `reply_markup` (a JSON string or an object)."""
    markup = json.loads(raw) if isinstance(raw, str) else (raw or {})
    if "keyboard" in markup:
        return Markup(keyboard=keyboard_buttons(markup, private))
    if markup.get("remove_keyboard"):
        return Markup(removes_keyboard=True)
    if markup.get("force_reply"):
        return Markup(force_reply=True)
    return Markup(buttons=inline_buttons(markup))


def parse_inline_markup(raw: Any) -> list[tuple[str, str]]:
    """Edits and inline messages take only inline keyboards."""
    markup = json.loads(raw) if isinstance(raw, str) else (raw or {})
    if {"keyboard", "remove_keyboard", "force_reply"} & set(markup):
        raise Refused("Bad Request: inline keyboard expected")
    return inline_buttons(markup)


# --- inline mode -------------------------------------------------------------------------
def check_inline_result(result: dict[str, Any]) -> None:
    """One InlineQueryResult: its message text and its buttons."""
    content = result.get("input_message_content") or {}
    if "message_text" in content:
        text = str(content["message_text"])
        if not text.strip():
            raise Refused("Bad Request: MESSAGE_EMPTY")
        if len(text) > MAX_TEXT:
            raise Refused("Bad Request: MESSAGE_TOO_LONG")
        if content.get("parse_mode") == "HTML" and (problem := html_error(text)):
            raise Refused(f"Bad Request: can't parse entities: {problem}")
    parse_inline_markup(result.get("reply_markup"))


def check_inline_results(results: list[dict[str, Any]]) -> None:
    """The results of an answerInlineQuery."""
    if len(results) > MAX_INLINE_RESULTS:
        raise Refused("Bad Request: RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        result_id = str(result.get("id") or "")
        if not 1 <= len(result_id.encode()) <= MAX_RESULT_ID:
            raise Refused("Bad Request: RESULT_ID_INVALID")
        if result_id in seen:
            raise Refused("Bad Request: RESULT_ID_DUPLICATE")
        seen.add(result_id)
        check_inline_result(result)
