"""A small Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real bot.

It implements the methods Lotse uses, keeps what the bot sent per chat, and lets tests
play users: text (and its edits), voice notes, locations, button presses, blocking and
unblocking the bot (`my_chat_member`), inline queries and chosen inline results.
It answers like Telegram (the rules are in `bot_api_rules.py`): 400 for text over 4096
characters, callback data over 64 bytes, broken HTML, unknown chats, location buttons
in groups, edits of missing or unchanged messages, callback and inline queries answered
twice or never asked, bad inline results; 403 when the user blocked the bot; 409 for
getUpdates while a webhook is set; 429 on demand (`throttle`, `fail_with`).
"""

from __future__ import annotations

import copy
import itertools
import json
import queue
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.telegram.bot_api_rules import (
    BLOCKED,
    BOT_USER,
    CHAT_ACTIONS,
    MAX_CALLBACK_ANSWER,
    NOT_MODIFIED,
    QUERY_INVALID,
    WEBHOOK_CONFLICT,
    Refused,
    bot_member,
    check_inline_results,
    check_text,
    decoded,
    flag,
    html_error,
    inline_json,
    optional_int,
    parse_inline_markup,
    parse_markup,
    reply_target,
    text_content,
)

__all__ = ["FakeBotApi", "Sent", "SentLocation", "html_error"]

PASS_THROUGH = {"setMyCommands", "setMyDescription", "setMyShortDescription", "close", "logOut"}
METHODS = {
    "getMe", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo", "sendMessage",
    "sendLocation", "sendChatAction", "answerCallbackQuery", "answerInlineQuery",
    "editMessageText", "editMessageReplyMarkup",
}  # fmt: skip


@dataclass
class Sent:
    """A message the bot sent (or a user sent via the bot's inline mode)."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)
    keyboard: list[tuple[str, bool]] = field(default_factory=list)
    removes_keyboard: bool = False
    forces_reply: bool = False
    parse_mode: str | None = None
    reply_to_message_id: int | None = None
    inline_message_id: str | None = None
    via_bot: bool = False


@dataclass
class SentLocation:
    """A location the bot sent."""

    chat_id: int
    message_id: int
    latitude: float
    longitude: float


class FakeBotApi:
    """The server and the test's view of it."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.sent: list[Sent] = []
        self.edits: list[Sent] = []
        self.locations_sent: list[SentLocation] = []
        self.calls: list[str] = []
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.chats: set[int] = set()
        self.groups: set[int] = set()
        self.blocked: set[int] = set()
        self.refused: dict[int, int] = {}
        self.inbox: dict[int, dict[str, Any]] = {}  # message id -> what a user sent
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_queries: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.webhook_url = ""
        self.by_chat: dict[int, list[Sent]] = {}  # what the bot sent, per chat
        self.marks: dict[int, int] = {}  # per chat: how many it had when the user last wrote
        self._webhook_queue: queue.Queue[dict[str, Any]] | None = None
        self.webhook_failures = 0
        self.webhook_retries = 0
        self.webhook_retry: float | None = None
        self.webhook_secret: str | None = None
        self._lock = threading.RLock()
        self.condition = threading.Condition(self._lock)
        self._chat_conditions: dict[int, threading.Condition] = {}
        self._ids = itertools.count(1)
        self._messages = itertools.count(1000)
        self._open_callbacks: set[str] = set()
        self._floor = 0  # updates below this id were dropped
        self.fail_with: dict[str, tuple[int, dict[str, Any], int]] = {}
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

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
    def mark(self, chat: int) -> None:
        """The user writes now: `settle` waits for an answer sent after this."""
        with self.condition:
            self.marks[chat] = len(self.by_chat.get(chat, []))

    def _push(self, update: dict[str, Any]) -> None:
        with self.condition:
            update["update_id"] = next(self._ids)
            if self._webhook_queue is not None and self.webhook_url:
                self._webhook_queue.put(update)  # delivered by POST, as Telegram does
                return
            self.updates.append(update)
            self.condition.notify_all()

    def deliver_webhooks(
        self,
        target: str,
        connections: int = 40,
        retry_seconds: float | None = None,
        in_order: bool = False,
    ) -> None:
        """Once the bot set a webhook, POST updates to `target` (its local address).

        Telegram delivers to the registered HTTPS URL; tests and benchmarks cannot
        reach that name, so `target` is where the bot's webhook server listens.
        `retry_seconds`: as Telegram, deliver an update again after a failure (no 2xx
        answer) this many seconds later; by default a failure only counts.
        `in_order`: a chat's updates one after the other (each connection serves some
        chats; an update is posted, retried if need be, before the chat's next one).
        """
        self._webhook_queue = queue.Queue()
        self.webhook_retry = retry_seconds
        if in_order:
            lanes: list[queue.Queue[dict[str, Any]]] = [queue.Queue() for _ in range(connections)]
            threading.Thread(target=self._sort_into_lanes, args=(lanes,), daemon=True).start()
            for lane in lanes:
                threading.Thread(target=self._post_lane, args=(target, lane), daemon=True).start()
            return
        for _ in range(connections):
            threading.Thread(target=self._post_webhooks, args=(target,), daemon=True).start()

    def _sort_into_lanes(self, lanes: list[queue.Queue[dict[str, Any]]]) -> None:
        assert self._webhook_queue is not None
        while True:
            update = self._webhook_queue.get()
            lanes[_chat_of(update) % len(lanes)].put(update)

    def _post_lane(self, target: str, lane: queue.Queue[dict[str, Any]]) -> None:
        while True:
            update = lane.get()
            while not self._post_webhook(target, update) and self.webhook_retry is not None:
                self.webhook_retries += 1
                time.sleep(self.webhook_retry)

    def _post_webhooks(self, target: str) -> None:
        assert self._webhook_queue is not None
        while True:
            update = self._webhook_queue.get()
            if not self._post_webhook(target, update) and self.webhook_retry is not None:
                self.webhook_retries += 1
                timer = threading.Timer(self.webhook_retry, self._webhook_queue.put, [update])
                timer.daemon = True
                timer.start()

    def _post_webhook(self, target: str, update: dict[str, Any]) -> bool:
        """POST one update; whether it was accepted (2xx)."""
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json"}
        if self.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook_secret
        request = urllib.request.Request(target, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=600) as answer:
                answer.read()
                return True
        except OSError:
            self.webhook_failures += 1
            return False

    def user(self, user_id: int, language: str = "de") -> dict[str, Any]:
        """A Telegram user object."""
        return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": language}

    def _chat_json(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self.groups:
            return {"id": chat_id, "type": "group", "title": "Test group"}
        return {"id": chat_id, "type": "private", "first_name": "Test"}

    def _incoming(self, user_id: int, chat: int, language: str, **content: Any) -> dict[str, Any]:
        """A message from a user, kept in `inbox` and pushed as an update."""
        with self.condition:
            self.chats.add(chat)
            message = {
                "message_id": next(self._messages), "date": int(time.time()),
                "chat": self._chat_json(chat), "from": self.user(user_id, language), **content,
            }  # fmt: skip
            self.inbox[message["message_id"]] = copy.deepcopy(message)
            self.mark(chat)
            self._push({"message": message})
            return message

    def send_text(
        self, user_id: int, text: str, language: str = "de", chat_id: int | None = None
    ) -> int:
        """A user writes in the private chat (or, with `chat_id`, in a group); the id."""
        chat = chat_id or user_id
        if chat != user_id:
            self.groups.add(chat)
        message = self._incoming(user_id, chat, language, **text_content(text))
        return int(message["message_id"])

    def send_voice(self, user_id: int, language: str = "de") -> int:
        """A user sends a voice note."""
        voice = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
        return int(self._incoming(user_id, user_id, language, voice=voice)["message_id"])

    def send_location(
        self, user_id: int, latitude: float, longitude: float, language: str = "de"
    ) -> int:
        """A user shares a location in the private chat."""
        location = {"latitude": latitude, "longitude": longitude}
        return int(self._incoming(user_id, user_id, language, location=location)["message_id"])

    def edit_text(self, user_id: int, message_id: int, new_text: str, language: str = "de") -> None:
        """A user edits a text they sent earlier (an `edited_message` update)."""
        with self.condition:
            old = self.inbox.get(message_id)
            if old is None or old["from"]["id"] != user_id or "text" not in old:
                raise ValueError(f"user {user_id} sent no text message {message_id}")
            old.pop("entities", None)
            old.update(text_content(new_text), edit_date=int(time.time()))
            old["from"] = self.user(user_id, language)
            self.mark(old["chat"]["id"])
            self._push({"edited_message": copy.deepcopy(old)})

    def _callback(self, user_id: int, language: str, data: str, **where: Any) -> None:
        with self.condition:
            query_id = str(next(self._ids))
            self._open_callbacks.add(query_id)
            self._push({"callback_query": {
                "id": query_id, "from": self.user(user_id, language), "data": data, **where,
            }})  # fmt: skip

    def press(self, user_id: int, data: str, language: str = "de") -> None:
        """A user presses an inline button of the bot's last message."""
        with self.condition:
            last = next(s for s in reversed(self.by_chat[user_id]) if not s.via_bot)
            message = {"message_id": last.message_id, "date": int(time.time()),
                       "chat": {"id": user_id, "type": "private"}, "text": last.text}  # fmt: skip
            self.mark(user_id)
            self._callback(user_id, language, data, chat_instance="ci", message=message)

    def press_on(self, user_id: int, sent: Sent, data: str, language: str = "de") -> None:
        """A user presses a button of one message the bot sent (in a group or private chat)."""
        with self.condition:
            message = {"message_id": sent.message_id, "date": int(time.time()),
                       "chat": self._chat_json(sent.chat_id), "text": sent.text}  # fmt: skip
            self.mark(sent.chat_id)
            self._callback(
                user_id, language, data, chat_instance=f"ci{sent.chat_id}", message=message
            )

    def press_inline(
        self, user_id: int, inline_message_id: str, data: str, language: str = "de"
    ) -> None:
        """A user presses a button of a message sent via inline mode (no `message`)."""
        with self.condition:
            sent = next(s for s in self.sent if s.inline_message_id == inline_message_id)
            self._callback(
                user_id, language, data,
                inline_message_id=inline_message_id, chat_instance=f"ci{sent.chat_id}",
            )  # fmt: skip

    def block(self, chat_id: int) -> None:
        """From now on, sending to the chat answers 403 (counted in `refused`)."""
        with self.condition:
            self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """Undo `block`."""
        with self.condition:
            self.blocked.discard(chat_id)

    def _member_update(self, user_id: int, old: str, new: str) -> None:
        with self.condition:
            self.chats.add(user_id)
            self._push({"my_chat_member": {
                "chat": self._chat_json(user_id), "from": self.user(user_id),
                "date": int(time.time()),
                "old_chat_member": bot_member(old), "new_chat_member": bot_member(new),
            }})  # fmt: skip

    def user_blocks_bot(self, user_id: int) -> None:
        """The user blocks the bot: 403 from now on, and a `my_chat_member` update."""
        self.block(user_id)
        self._member_update(user_id, "member", "kicked")

    def user_unblocks_bot(self, user_id: int) -> None:
        """The user unblocks (restarts) the bot."""
        self.unblock(user_id)
        self._member_update(user_id, "kicked", "member")

    def inline_query(self, user_id: int, query: str, language: str = "de") -> str:
        """A user types `@LotseBot <query>` somewhere; the inline query's id."""
        with self.condition:
            query_id = str(next(self._ids))
            asked = {"id": query_id, "from": self.user(user_id, language), "query": query,
                     "offset": "", "chat_type": "sender"}  # fmt: skip
            self.inline_queries[query_id] = asked
            self._push({"inline_query": copy.deepcopy(asked)})
            return query_id

    def choose_inline_result(
        self, user_id: int, query_id: str, result_id: str, chat_id: int
    ) -> str:
        """The user picks a result and posts it into `chat_id`; the inline message id or ""."""
        with self.condition:
            result = next(
                r for r in self.inline_answers[query_id]["results"] if str(r["id"]) == result_id
            )
            content = result.get("input_message_content") or {}
            inline_id = f"AQ{next(self._ids):08d}" if result.get("reply_markup") else None
            self.chats.add(chat_id)
            self._record(Sent(
                chat_id, next(self._messages), str(content.get("message_text") or ""),
                parse_inline_markup(result.get("reply_markup")),
                parse_mode=content.get("parse_mode"), inline_message_id=inline_id, via_bot=True,
            ))  # fmt: skip
            asked = self.inline_queries[query_id]
            user = self.user(user_id, asked["from"].get("language_code", "de"))
            chosen = {"result_id": result_id, "from": user, "query": asked["query"]}
            if inline_id:
                chosen["inline_message_id"] = inline_id
            self._push({"chosen_inline_result": chosen})
            return inline_id or ""

    def wait_for(self, user_id: int, count: int, timeout: float = 600.0) -> list[Sent]:
        """Wait until the bot has sent `count` messages to the chat; return them all."""
        deadline = time.monotonic() + timeout
        with self.condition:
            waiting = self._chat_condition(user_id)
            while True:
                mine = self.by_chat.get(user_id, [])
                if len(mine) >= count or time.monotonic() > deadline:
                    return list(mine)
                waiting.wait(0.05)

    def settle(
        self, user_id: int, quiet: float = 0.6, timeout: float = 600.0, answer: bool = True
    ) -> list[Sent]:
        """All messages of a chat, once the bot has answered the user's last input there
        (with `answer=False`: once it has said nothing for `quiet` seconds) and gone quiet.

        Fails if no answer comes within `timeout`: how busy the machine is changes only
        how long this waits, never what it returns.
        """
        deadline = time.monotonic() + timeout
        with self.condition:
            waiting = self._chat_condition(user_id)
            expected = self.marks.get(user_id, 0) + 1 if answer else 0
            while len(self.by_chat.get(user_id, [])) < expected:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the bot did not answer in chat {user_id}")
                waiting.wait(0.05)
        seen = -1
        while True:
            now = len(self.by_chat.get(user_id, []))
            if now == seen:
                break
            seen = now
            time.sleep(quiet)
        return list(self.by_chat.get(user_id, []))

    def throttle(self, method: str, times: int, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 Too Many Requests."""
        body = {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests",
            "parameters": {"retry_after": retry_after},
        }
        self.fail_with[method] = (429, body, times)

    # --- the Bot API -------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Telegram's servers

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
        """Answer one Bot API call (one at a time; getUpdates waits without the lock)."""
        with self.condition:
            self.calls.append(method)
            self.requests.append((method, params))
            failure = self.fail_with.get(method)
            if failure is not None:
                status, body, times = failure
                if times > 0:
                    self.fail_with[method] = (status, body, times - 1)
                    return status, body
                del self.fail_with[method]
            if method in PASS_THROUGH:
                return 200, {"ok": True, "result": True}
            if method not in METHODS:
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            try:
                return 200, {"ok": True, "result": getattr(self, f"_{method}")(params)}
            except Refused as refused:
                return refused.answer()
            except KeyError as missing:
                return Refused(f"Bad Request: {missing.args[0]} is empty").answer()
            except ValueError as wrong:
                return Refused(f"Bad Request: wrong parameter: {wrong}").answer()

    def _getMe(self, _params: dict[str, Any]) -> dict[str, Any]:
        return dict(BOT_USER)

    def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise Refused(WEBHOOK_CONFLICT, 409)
        # as Telegram: an offset confirms (and forgets) every earlier update
        self._floor = offset = max(int(params.get("offset") or 0), self._floor)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 2.0)
        while True:
            ready = [u for u in self.updates if u["update_id"] >= offset]
            if ready or time.monotonic() >= deadline:
                return ready
            self.condition.wait(0.05)

    def _drop_pending(self, params: dict[str, Any]) -> None:
        if flag(params, "drop_pending_updates") and self.updates:
            self._floor = self.updates[-1]["update_id"] + 1

    def _setWebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise Refused("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        self.webhook_secret = (params.get("secret_token") or None) if url else None
        self._drop_pending(params)
        return True

    def _deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url, self.webhook_secret = "", None
        self._drop_pending(params)
        return True

    def _getWebhookInfo(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": 0}

    def _open_chat(self, params: dict[str, Any]) -> int:
        """The chat a call writes to: it must be known and must not have blocked the bot."""
        chat_id = int(params["chat_id"])
        if chat_id not in self.chats:
            raise Refused("Bad Request: chat not found")
        if chat_id in self.blocked:
            self.refused[chat_id] = self.refused.get(chat_id, 0) + 1
            raise Refused(BLOCKED, 403)
        return chat_id

    def _chat_condition(self, chat_id: int) -> threading.Condition:
        """Waiters for one chat wake only when that chat gets a message (same lock)."""
        found = self._chat_conditions.get(chat_id)
        if found is None:
            found = self._chat_conditions[chat_id] = threading.Condition(self._lock)
        return found

    def _record(self, sent: Sent) -> None:
        with self.condition:
            self.sent.append(sent)
            self.by_chat.setdefault(sent.chat_id, []).append(sent)
            self.condition.notify_all()
            self._chat_condition(sent.chat_id).notify_all()

    def _message_json(self, sent: Sent) -> dict[str, Any]:
        message = {"message_id": sent.message_id, "date": int(time.time()),
                   "chat": self._chat_json(sent.chat_id), "from": dict(BOT_USER),
                   "text": sent.text}  # fmt: skip
        if sent.buttons:
            message["reply_markup"] = inline_json(sent.buttons)
        if (replied := self.inbox.get(sent.reply_to_message_id or 0)) is not None:
            message["reply_to_message"] = copy.deepcopy(replied)
        return message

    def _check_send(self, params: dict[str, Any]) -> Sent:
        chat_id = self._open_chat(params)
        text, parse_mode = str(params.get("text") or ""), params.get("parse_mode")
        check_text(text, parse_mode)
        markup = parse_markup(params.get("reply_markup"), private=chat_id not in self.groups)
        return Sent(
            chat_id, next(self._messages), text, markup.buttons, markup.keyboard,
            markup.removes_keyboard, markup.force_reply, parse_mode, reply_target(params),
        )  # fmt: skip

    def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._check_send(params)
        self._record(sent)
        return self._message_json(sent)

    def _sendLocation(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._open_chat(params)
        latitude, longitude = float(params["latitude"]), float(params["longitude"])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise Refused("Bad Request: wrong coordinates")
        parse_markup(params.get("reply_markup"), private=chat_id not in self.groups)
        sent = SentLocation(chat_id, next(self._messages), latitude, longitude)
        self.locations_sent.append(sent)
        self.condition.notify_all()
        return {"message_id": sent.message_id, "date": int(time.time()),
                "chat": self._chat_json(chat_id), "from": dict(BOT_USER),
                "location": {"latitude": latitude, "longitude": longitude}}  # fmt: skip

    def _sendChatAction(self, params: dict[str, Any]) -> bool:
        self._open_chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise Refused("Bad Request: wrong parameter action in request")
        return True

    def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise Refused(QUERY_INVALID)
        text = params.get("text")
        if text and len(str(text)) > MAX_CALLBACK_ANSWER:
            raise Refused("Bad Request: MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        answer = {
            "callback_query_id": query_id,
            "text": text,
            "show_alert": flag(params, "show_alert"),
        }
        self.callback_answers.append(answer)
        return True

    def _answerInlineQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self.inline_queries or query_id in self.inline_answers:
            raise Refused(QUERY_INVALID)
        results = list(decoded(params, "results") or [])
        check_inline_results(results)
        answer = {"results": results, "is_personal": flag(params, "is_personal"),
                  "cache_time": optional_int(params, "cache_time")}  # fmt: skip
        if (button := decoded(params, "button")) is not None:
            answer["button"] = button
        self.inline_answers[query_id] = answer
        return True

    def _edit_target(self, params: dict[str, Any]) -> Sent:
        """The message an edit means: by `inline_message_id`, or by chat and message id."""
        if inline_id := str(params.get("inline_message_id") or ""):
            found = next((s for s in self.sent if s.inline_message_id == inline_id), None)
            if found is None:
                raise Refused("Bad Request: MESSAGE_ID_INVALID")
            return found
        chat_id, message_id = self._open_chat(params), int(params["message_id"])
        mine = [s for s in self.sent if (s.chat_id, s.message_id) == (chat_id, message_id)]
        if mine and not mine[0].via_bot:
            return mine[0]
        if mine or self.inbox.get(message_id, {}).get("chat", {}).get("id") == chat_id:
            raise Refused("Bad Request: message can't be edited")
        raise Refused("Bad Request: message to edit not found")

    def _apply_edit(
        self, target: Sent, params: dict[str, Any], text: str, parse_mode: str | None
    ) -> dict[str, Any] | bool:
        buttons = parse_inline_markup(params.get("reply_markup"))
        if (text, buttons) == (target.text, target.buttons):
            raise Refused(NOT_MODIFIED)
        target.text, target.parse_mode, target.buttons = text, parse_mode, buttons
        self.edits.append(replace(target))
        self.condition.notify_all()
        if params.get("inline_message_id"):
            return True
        return self._message_json(target) | {"edit_date": int(time.time())}

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        target = self._edit_target(params)
        text, parse_mode = str(params.get("text") or ""), params.get("parse_mode")
        check_text(text, parse_mode)
        return self._apply_edit(target, params, text, parse_mode)

    def _editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        target = self._edit_target(params)
        return self._apply_edit(target, params, target.text, target.parse_mode)


def _chat_of(update: dict[str, Any]) -> int:
    """The chat (else the user) an update belongs to."""
    for kind in ("message", "edited_message", "callback_query", "my_chat_member"):
        content = update.get(kind)
        if isinstance(content, dict):
            chat = content.get("chat") or (content.get("message") or {}).get("chat")
            if chat:
                return int(chat["id"])
            return int(content.get("from", {}).get("id", 0))
    return 0


class _Server(ThreadingHTTPServer):
    """Many connections at once (PTB opens a pool), each kept alive."""

    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (the bot stopped) is no error worth printing."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)
