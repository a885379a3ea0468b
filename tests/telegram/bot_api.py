"""A small Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real bot.

It implements the methods Lotse uses, keeps what the bot sent per chat, lets tests play
users (text, button presses), and rejects what Telegram rejects: text over 4096
characters, callback data over 64 bytes, broken HTML, unknown chats.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "tg-spoiler", "blockquote"}


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


@dataclass
class Sent:
    """A message the bot sent."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)


class FakeBotApi:
    """The server and the test's view of it."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.sent: list[Sent] = []
        self.calls: list[str] = []
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.chats: set[int] = set()
        self.condition = threading.Condition()
        self._ids = itertools.count(1)
        self._messages = itertools.count(1000)
        self.fail_with: dict[str, tuple[int, dict[str, Any], int]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The base URL for PTB's `Application.builder().base_url(...)`."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread.start()

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    # --- users -----------------------------------------------------------------------
    def _push(self, update: dict[str, Any]) -> None:
        with self.condition:
            update["update_id"] = next(self._ids)
            self.updates.append(update)
            self.condition.notify_all()

    def user(self, user_id: int, language: str = "de") -> dict[str, Any]:
        """A Telegram user object."""
        return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": language}

    def send_text(
        self, user_id: int, text: str, language: str = "de", chat_id: int | None = None
    ) -> None:
        """A user writes in the private chat (or, with `chat_id`, in a group)."""
        chat = chat_id or user_id
        self.chats.add(chat)
        kind = "private" if chat == user_id else "group"
        message = {
            "message_id": next(self._messages), "date": int(time.time()),
            "chat": {"id": chat, "type": kind}, "from": self.user(user_id, language),
            "text": text,
        }  # fmt: skip
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self._push({"message": message})

    def send_voice(self, user_id: int, language: str = "de") -> None:
        """A user sends a voice note."""
        self.chats.add(user_id)
        self._push({"message": {
            "message_id": next(self._messages), "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"}, "from": self.user(user_id, language),
            "voice": {"file_id": "v1", "file_unique_id": "v1", "duration": 3},
        }})  # fmt: skip

    def press(self, user_id: int, data: str, language: str = "de") -> None:
        """A user presses an inline button of the bot's last message."""
        last = next(s for s in reversed(self.sent) if s.chat_id == user_id)
        self._push({"callback_query": {
            "id": str(next(self._ids)), "from": self.user(user_id, language),
            "chat_instance": "ci", "data": data,
            "message": {"message_id": last.message_id, "date": int(time.time()),
                        "chat": {"id": user_id, "type": "private"}, "text": last.text},
        }})  # fmt: skip

    def wait_for(self, user_id: int, count: int, timeout: float = 30.0) -> list[Sent]:
        """Wait until the bot has sent `count` messages to the chat; return them all."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                mine = [s for s in self.sent if s.chat_id == user_id]
                if len(mine) >= count or time.monotonic() > deadline:
                    return mine
                self.condition.wait(0.05)

    def settle(self, user_id: int, quiet: float = 0.6, timeout: float = 30.0) -> list[Sent]:
        """Wait until the bot stops sending to the chat for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline:
            now = len([s for s in self.sent if s.chat_id == user_id])
            if now == seen and now > 0:
                break
            seen = now
            time.sleep(quiet)
        return [s for s in self.sent if s.chat_id == user_id]

    # --- the Bot API -------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                status, body = api.call(method, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        return Handler

    def call(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call."""
        self.calls.append(method)
        self.requests.append((method, params))
        failure = self.fail_with.get(method)
        if failure is not None:
            status, body, times = failure
            if times > 0:
                self.fail_with[method] = (status, body, times - 1)
                return status, body
            del self.fail_with[method]
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            if method in ("setMyCommands", "setMyDescription", "setMyShortDescription",
                          "deleteWebhook", "setWebhook", "sendChatAction", "answerCallbackQuery",
                          "answerInlineQuery", "close", "logOut"):  # fmt: skip
                return 200, {"ok": True, "result": True}
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            return 200, {"ok": True, "result": handler(params)}
        except _Refused as refused:
            return 400, {"ok": False, "error_code": 400, "description": str(refused)}

    def _getMe(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"id": 42, "is_bot": True, "first_name": "Lotse", "username": "LotseBot",
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True}  # fmt: skip

    def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 2.0)
        with self.condition:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return ready
                self.condition.wait(0.05)

    def _check_send(self, params: dict[str, Any]) -> tuple[int, str, list[tuple[str, str]]]:
        chat_id = int(params["chat_id"])
        if chat_id not in self.chats:
            raise _Refused("Bad Request: chat not found")
        text = str(params.get("text") or "")
        if not text.strip():
            raise _Refused("Bad Request: message text is empty")
        if len(text) > 4096:
            raise _Refused("Bad Request: message is too long")
        if params.get("parse_mode") == "HTML" and (problem := html_error(text)):
            raise _Refused(f"Bad Request: can't parse entities: {problem}")
        markup = params.get("reply_markup")
        markup = json.loads(markup) if isinstance(markup, str) else (markup or {})
        buttons = []
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data", "")
                if len(data.encode()) > 64:
                    raise _Refused("Bad Request: BUTTON_DATA_INVALID")
                buttons.append((button["text"], data))
        return chat_id, text, buttons

    def throttle(self, method: str, times: int, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 Too Many Requests."""
        body = {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests",
            "parameters": {"retry_after": retry_after},
        }
        self.fail_with[method] = (429, body, times)

    def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, text, buttons = self._check_send(params)
        sent = Sent(chat_id, next(self._messages), text, buttons)
        with self.condition:
            self.sent.append(sent)
            self.condition.notify_all()
        return {"message_id": sent.message_id, "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "text": text}  # fmt: skip

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sendMessage(params)


class _Refused(Exception):
    """A request Telegram would answer with 400."""
