"""The Bot API test server itself, over real HTTP, as PTB talks to it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.telegram.bot_api import FakeBotApi, Sent
from tests.telegram.bot_api_rules import NOT_MODIFIED, QUERY_INVALID

USER = 5101
GROUP = -100500
BLOCKED = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}


@pytest.fixture
def server() -> Iterator[FakeBotApi]:
    api = FakeBotApi()
    api.start()
    yield api
    api.stop()


def _answer(request: urllib.request.Request) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            return int(answer.status), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return int(error.code), json.loads(error.read())


def call(server: FakeBotApi, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    """A Bot API call with a JSON body."""
    request = urllib.request.Request(
        f"{server.base_url}123:TOKEN/{method}",
        data=json.dumps(params).encode(),
        headers={"Content-Type": "application/json"},
    )
    return _answer(request)


def call_form(server: FakeBotApi, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    """A call as PTB sends it: form fields, objects and Booleans JSON-encoded."""
    fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    request = urllib.request.Request(
        f"{server.base_url}123:TOKEN/{method}",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    return _answer(request)


def ok(server: FakeBotApi, method: str, **params: Any) -> Any:
    status, body = call(server, method, **params)
    assert (status, body["ok"]) == (200, True), body
    return body["result"]


def refused(server: FakeBotApi, method: str, **params: Any) -> tuple[int, str]:
    status, body = call(server, method, **params)
    assert body["ok"] is False and body["error_code"] == status
    return status, body["description"]


def updates(server: FakeBotApi, kind: str) -> list[dict[str, Any]]:
    return [u[kind] for u in ok(server, "getUpdates", offset=0, timeout=0) if kind in u]


def buttons(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": t, "callback_data": d} for t, d in pairs]]}


def article(result_id: str, text: str = "Hallo") -> dict[str, Any]:
    content = {"message_text": text, "parse_mode": "HTML"}
    return {"type": "article", "id": result_id, "title": "T", "input_message_content": content}


# --- blocking --------------------------------------------------------------------------
def test_a_blocked_chat_answers_403_for_every_send_and_counts_them(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    message = ok(server, "sendMessage", chat_id=USER, text="Willkommen")
    server.block(USER)
    calls: list[tuple[str, dict[str, Any]]] = [
        ("sendMessage", {"text": "noch da?"}),
        ("editMessageText", {"message_id": message["message_id"], "text": "neu"}),
        ("sendChatAction", {"action": "typing"}),
        ("sendLocation", {"latitude": 51.0, "longitude": 7.0}),
    ]
    for method, params in calls:
        assert call(server, method, chat_id=USER, **params) == (403, BLOCKED)
    assert server.refused == {USER: 4}
    assert [s.text for s in server.sent] == ["Willkommen"] and not server.locations_sent
    server.unblock(USER)
    assert ok(server, "sendMessage", chat_id=USER, text="wieder da")["text"] == "wieder da"
    assert server.refused == {USER: 4}


def test_user_blocks_and_unblocks_the_bot_as_my_chat_member(server: FakeBotApi) -> None:
    server.user_blocks_bot(USER)
    assert call(server, "sendMessage", chat_id=USER, text="Hallo") == (403, BLOCKED)
    server.user_unblocks_bot(USER)
    assert ok(server, "sendMessage", chat_id=USER, text="Hallo")["chat"]["type"] == "private"
    blocked, unblocked = updates(server, "my_chat_member")
    assert blocked["chat"]["id"] == USER and blocked["chat"]["type"] == "private"
    assert blocked["from"]["id"] == USER and isinstance(blocked["date"], int)
    assert blocked["old_chat_member"] == {"user": ok(server, "getMe"), "status": "member"}
    assert blocked["new_chat_member"]["user"]["id"] == 42
    assert blocked["new_chat_member"] | {"user": None} == {
        "user": None,
        "status": "kicked",
        "until_date": 0,
    }
    assert unblocked["old_chat_member"]["status"] == "kicked"
    assert unblocked["new_chat_member"]["status"] == "member"
    assert server.refused == {USER: 1}


# --- what users send -------------------------------------------------------------------
def test_an_edited_message_has_the_shape_of_a_message_plus_edit_date(server: FakeBotApi) -> None:
    first = server.send_text(USER, "Ich suche eine Hebame")
    assert isinstance(first, int)
    server.edit_text(USER, first, "Ich suche eine Hebamme", language="tr")
    (original,) = updates(server, "message")
    (edited,) = updates(server, "edited_message")
    assert edited["message_id"] == first and edited["date"] == original["date"]
    assert edited["text"] == "Ich suche eine Hebamme" and isinstance(edited["edit_date"], int)
    assert edited["chat"] == {"id": USER, "type": "private", "first_name": "Test"}
    assert edited["from"]["id"] == USER and edited["from"]["language_code"] == "tr"
    with pytest.raises(ValueError, match="no text message"):
        server.edit_text(USER + 1, first, "not mine")


def test_a_location_message(server: FakeBotApi) -> None:
    message_id = server.send_location(USER, 50.94, 6.96)
    (message,) = updates(server, "message")
    assert message["message_id"] == message_id and "text" not in message
    assert message["location"] == {"latitude": 50.94, "longitude": 6.96}
    assert message["chat"]["type"] == "private" and message["from"]["id"] == USER


def test_commands_and_voice_notes_keep_their_shape(server: FakeBotApi) -> None:
    server.send_text(USER, "/start net_x")
    server.send_voice(USER)
    command, voice = updates(server, "message")
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert voice["voice"]["duration"] == 3


# --- sendMessage and keyboards ---------------------------------------------------------
def test_send_message_keeps_parse_mode_and_reply_target(server: FakeBotApi) -> None:
    asked = server.send_text(USER, "Hallo")
    message = ok(
        server,
        "sendMessage",
        chat_id=USER,
        text="<b>Hallo</b>",
        parse_mode="HTML",
        reply_parameters={"message_id": asked},
        reply_markup=buttons(("Ja", "v1:yes")),
    )
    assert message["reply_to_message"]["text"] == "Hallo" and message["from"]["id"] == 42
    assert message["reply_markup"] == buttons(("Ja", "v1:yes"))
    ok(server, "sendMessage", chat_id=USER, text="alt", reply_to_message_id=asked)
    first, second = server.sent
    assert (first.parse_mode, first.reply_to_message_id, first.buttons) == (
        "HTML",
        asked,
        [("Ja", "v1:yes")],
    )
    assert (second.parse_mode, second.reply_to_message_id) == (None, asked)


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat_id": 999, "text": "x"}, "Bad Request: chat not found"),
        ({"chat_id": USER, "text": " "}, "Bad Request: message text is empty"),
        ({"chat_id": USER, "text": "x" * 4097}, "Bad Request: message is too long"),
        (
            {"chat_id": USER, "text": "<b>x", "parse_mode": "HTML"},
            "Bad Request: can't parse entities: Can't find end tag",
        ),
        (
            {"chat_id": USER, "text": "x", "reply_markup": buttons(("x", "d" * 65))},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        ({"text": "x"}, "Bad Request: chat_id is empty"),
    ],
)
def test_send_message_refuses_like_telegram(
    server: FakeBotApi, params: dict[str, Any], description: str
) -> None:
    server.send_text(USER, "Hallo")
    assert refused(server, "sendMessage", **params) == (400, description)
    assert not server.sent


def test_reply_keyboards_removal_and_forced_replies_are_recorded(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    keyboard = {"keyboard": [[{"text": "Standort", "request_location": True}, {"text": "Nein"}]]}
    ok(server, "sendMessage", chat_id=USER, text="Wo?", reply_markup=keyboard)
    ok(server, "sendMessage", chat_id=USER, text="Danke", reply_markup={"remove_keyboard": True})
    ok(server, "sendMessage", chat_id=USER, text="Ort?", reply_markup={"force_reply": True})
    where, thanks, town = server.sent
    assert where.keyboard == [("Standort", True), ("Nein", False)] and not where.buttons
    assert thanks.removes_keyboard and not thanks.keyboard and not where.removes_keyboard
    assert town.forces_reply


def test_groups_are_groups_and_get_no_location_buttons(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo Lotse", chat_id=GROUP)
    (message,) = updates(server, "message")
    assert message["chat"]["type"] == "group"
    keyboard = {"keyboard": [[{"text": "Standort", "request_location": True}]]}
    assert refused(server, "sendMessage", chat_id=GROUP, text="Wo?", reply_markup=keyboard) == (
        400,
        "Bad Request: location can be requested in a private chats only",
    )
    answer = ok(server, "sendMessage", chat_id=GROUP, text="Bitte privat schreiben")
    assert answer["chat"]["type"] == "group" and answer["chat"]["id"] == GROUP
    plain = {"keyboard": [["Ja", "Nein"]]}
    ok(server, "sendMessage", chat_id=GROUP, text="?", reply_markup=plain)
    assert server.sent[-1].keyboard == [("Ja", False), ("Nein", False)]


def test_form_fields_as_ptb_sends_them(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    status, body = call_form(
        server, "sendMessage", chat_id=USER, text="Hi", reply_markup=buttons(("Ja", "v1:y"))
    )
    assert status == 200 and body["result"]["reply_markup"] == buttons(("Ja", "v1:y"))
    server.press(USER, "v1:y")
    (query,) = updates(server, "callback_query")
    status, _ = call_form(
        server, "answerCallbackQuery", callback_query_id=query["id"], show_alert=True
    )
    assert status == 200 and server.callback_answers[0]["show_alert"] is True


# --- sendLocation and sendChatAction ---------------------------------------------------
def test_send_location_is_kept_apart_from_texts(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    message = ok(server, "sendLocation", chat_id=USER, latitude=50.9, longitude=6.9)
    assert message["location"] == {"latitude": 50.9, "longitude": 6.9}
    (location,) = server.locations_sent
    assert (location.chat_id, location.latitude, location.longitude) == (USER, 50.9, 6.9)
    assert not server.sent
    assert refused(server, "sendLocation", chat_id=USER, latitude=91, longitude=0)[0] == 400


def test_chat_actions(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    assert ok(server, "sendChatAction", chat_id=USER, action="typing") is True
    assert refused(server, "sendChatAction", chat_id=USER, action="dancing") == (
        400,
        "Bad Request: wrong parameter action in request",
    )
    assert refused(server, "sendChatAction", chat_id=999, action="typing")[0] == 400


# --- callback queries ------------------------------------------------------------------
def test_a_callback_query_is_answered_once(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    ok(server, "sendMessage", chat_id=USER, text="Frage", reply_markup=buttons(("Ja", "v1:y")))
    server.press(USER, "v1:y")
    (query,) = updates(server, "callback_query")
    assert query["message"]["text"] == "Frage" and query["data"] == "v1:y"
    answer = {"callback_query_id": query["id"], "text": "Danke", "show_alert": False}
    assert ok(server, "answerCallbackQuery", **answer) is True
    assert server.callback_answers == [answer]
    assert refused(server, "answerCallbackQuery", callback_query_id=query["id"]) == (
        400,
        QUERY_INVALID,
    )
    assert refused(server, "answerCallbackQuery", callback_query_id="777") == (400, QUERY_INVALID)
    assert len(server.callback_answers) == 1


# --- inline mode -----------------------------------------------------------------------
def test_inline_query_update_shape(server: FakeBotApi) -> None:
    query_id = server.inline_query(USER, "Hebamme", language="uk")
    (query,) = updates(server, "inline_query")
    assert query == {
        "id": query_id,
        "from": server.user(USER, "uk"),
        "query": "Hebamme",
        "offset": "",
        "chat_type": "sender",
    }


@pytest.mark.parametrize(
    ("results", "description"),
    [
        ([article(str(i)) for i in range(51)], "Bad Request: RESULTS_TOO_MUCH"),
        ([article("a"), article("a")], "Bad Request: RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "Bad Request: RESULT_ID_INVALID"),
        ([article("")], "Bad Request: RESULT_ID_INVALID"),
        (
            [article("a", "<b>kaputt</i>")],
            'Bad Request: can\'t parse entities: Unmatched end tag "i"',
        ),
        (
            [article("a", "<blink>x</blink>")],
            'Bad Request: can\'t parse entities: Unsupported start tag "blink"',
        ),
        ([article("a", "x" * 4097)], "Bad Request: MESSAGE_TOO_LONG"),
        ([article("a", " ")], "Bad Request: MESSAGE_EMPTY"),
        (
            [article("a") | {"reply_markup": buttons(("x", "d" * 65))}],
            "Bad Request: BUTTON_DATA_INVALID",
        ),
    ],
)
def test_inline_answers_are_checked_like_telegram(
    server: FakeBotApi, results: list[dict[str, Any]], description: str
) -> None:
    query_id = server.inline_query(USER, "Hebamme")
    assert refused(server, "answerInlineQuery", inline_query_id=query_id, results=results) == (
        400,
        description,
    )
    assert server.inline_answers == {}


def test_an_inline_query_is_answered_once_and_kept(server: FakeBotApi) -> None:
    query_id = server.inline_query(USER, "Hebamme")
    results = [article(str(i)) for i in range(50)]
    button = {"text": "Im Chat fragen", "start_parameter": "inline"}
    answer = {"results": results, "is_personal": True, "cache_time": 0, "button": button}
    assert ok(server, "answerInlineQuery", inline_query_id=query_id, **answer) is True
    assert server.inline_answers == {query_id: answer}
    again = refused(server, "answerInlineQuery", inline_query_id=query_id, results=results)
    assert again == (400, QUERY_INVALID)
    unknown = refused(server, "answerInlineQuery", inline_query_id="nope", results=[])
    assert unknown == (400, QUERY_INVALID)


def _answered(server: FakeBotApi) -> str:
    query_id = server.inline_query(USER, "Hebamme")
    results = [
        article("with", "<b>Hebammen</b>") | {"reply_markup": buttons(("Mehr", "v1:more"))},
        article("plain", "Nur Text"),
    ]
    ok(server, "answerInlineQuery", inline_query_id=query_id, results=results)
    return query_id


def test_choosing_a_result_posts_it_via_the_bot(server: FakeBotApi) -> None:
    query_id = _answered(server)
    inline_id = server.choose_inline_result(USER, query_id, "with", chat_id=7777)
    plain = server.choose_inline_result(USER, query_id, "plain", chat_id=7777)
    assert inline_id and plain == ""
    posted, text_only = server.sent
    assert posted == Sent(
        7777,
        posted.message_id,
        "<b>Hebammen</b>",
        [("Mehr", "v1:more")],
        parse_mode="HTML",
        inline_message_id=inline_id,
        via_bot=True,
    )
    assert text_only.inline_message_id is None and text_only.via_bot
    assert 7777 in server.chats
    chosen, chosen_plain = updates(server, "chosen_inline_result")
    assert chosen == {
        "result_id": "with",
        "from": server.user(USER),
        "query": "Hebamme",
        "inline_message_id": inline_id,
    }
    assert "inline_message_id" not in chosen_plain and chosen_plain["result_id"] == "plain"


def test_a_press_on_an_inline_message_has_no_message(server: FakeBotApi) -> None:
    inline_id = server.choose_inline_result(USER, _answered(server), "with", chat_id=7777)
    server.press_inline(USER, inline_id, "v1:more")
    (query,) = updates(server, "callback_query")
    assert "message" not in query and query["inline_message_id"] == inline_id
    assert query["data"] == "v1:more" and query["chat_instance"]
    assert ok(server, "answerCallbackQuery", callback_query_id=query["id"]) is True


# --- edits -----------------------------------------------------------------------------
def test_edit_by_chat_and_message_id(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    first = ok(server, "sendMessage", chat_id=USER, text="Frage", reply_markup=buttons(("A", "a")))
    edit = {"chat_id": USER, "message_id": first["message_id"]}
    edited = ok(server, "editMessageText", **edit, text="<i>Neu</i>", parse_mode="HTML")
    assert edited["text"] == "<i>Neu</i>" and "edit_date" in edited
    assert edited["message_id"] == first["message_id"] and "reply_markup" not in edited
    (sent,) = server.sent
    assert (sent.text, sent.buttons, sent.parse_mode) == ("<i>Neu</i>", [], "HTML")
    assert [e.text for e in server.edits] == ["<i>Neu</i>"]
    assert refused(server, "editMessageText", **edit, text="<i>Neu</i>") == (400, NOT_MODIFIED)
    markup = ok(server, "editMessageReplyMarkup", **edit, reply_markup=buttons(("B", "b")))
    assert markup["reply_markup"] == buttons(("B", "b")) and sent.buttons == [("B", "b")]
    again = refused(server, "editMessageReplyMarkup", **edit, reply_markup=buttons(("B", "b")))
    assert again == (400, NOT_MODIFIED)
    assert len(server.edits) == 2 and server.edits[0].buttons == []


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"message_id": 1}, "Bad Request: message to edit not found"),
        ({"message_id": "asked"}, "Bad Request: message can't be edited"),
        ({"chat_id": 999}, "Bad Request: chat not found"),
        ({"text": ""}, "Bad Request: message text is empty"),
        (
            {"text": "<b>x", "parse_mode": "HTML"},
            "Bad Request: can't parse entities: Can't find end tag",
        ),
        ({"reply_markup": {"keyboard": [["Ja"]]}}, "Bad Request: inline keyboard expected"),
    ],
)
def test_chat_edits_are_refused_like_telegram(
    server: FakeBotApi, params: dict[str, Any], description: str
) -> None:
    asked = server.send_text(USER, "Hallo")
    first = ok(server, "sendMessage", chat_id=USER, text="Frage")
    edit = {"chat_id": USER, "message_id": first["message_id"], "text": "neu"} | params
    if edit["message_id"] == "asked":
        edit["message_id"] = asked
    assert refused(server, "editMessageText", **edit) == (400, description)
    assert server.sent[0].text == "Frage" and not server.edits


def test_edit_by_inline_message_id(server: FakeBotApi) -> None:
    inline_id = server.choose_inline_result(USER, _answered(server), "with", chat_id=7777)
    edit = {
        "inline_message_id": inline_id,
        "text": "Danke",
        "reply_markup": buttons(("Mehr", "v1:more")),
    }
    assert ok(server, "editMessageText", **edit) is True
    assert server.sent[0].text == "Danke" and server.sent[0].buttons == [("Mehr", "v1:more")]
    assert server.edits[-1].inline_message_id == inline_id
    assert refused(server, "editMessageText", **edit) == (400, NOT_MODIFIED)
    unknown = edit | {"inline_message_id": "AQnope"}
    assert refused(server, "editMessageText", **unknown) == (400, "Bad Request: MESSAGE_ID_INVALID")
    assert ok(server, "editMessageReplyMarkup", inline_message_id=inline_id) is True
    assert server.sent[0].buttons == [] and len(server.edits) == 2
    by_chat = {"chat_id": 7777, "message_id": server.sent[0].message_id, "text": "x"}
    assert refused(server, "editMessageText", **by_chat) == (
        400,
        "Bad Request: message can't be edited",
    )


# --- webhook and polling ---------------------------------------------------------------
def test_get_updates_conflicts_with_a_webhook(server: FakeBotApi) -> None:
    server.send_text(USER, "Hallo")
    url = "https://bot.example/telegram"
    assert ok(server, "setWebhook", url=url, secret_token="s3cret") is True
    assert (server.webhook_url, server.webhook_secret) == (url, "s3cret")
    info = {"url": url, "has_custom_certificate": False, "pending_update_count": 0}
    assert ok(server, "getWebhookInfo") == info
    assert call(server, "getUpdates", offset=0, timeout=0) == (
        409,
        {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: can't use getUpdates method while webhook is active;"
            " use deleteWebhook to delete the webhook first",
        },
    )
    assert ok(server, "deleteWebhook") is True
    assert ok(server, "getWebhookInfo")["url"] == "" and server.webhook_secret is None
    assert len(updates(server, "message")) == 1
    assert refused(server, "setWebhook", url="http://bot.example/")[0] == 400


def test_delete_webhook_can_drop_pending_updates(server: FakeBotApi) -> None:
    server.send_text(USER, "alt")
    assert ok(server, "deleteWebhook", drop_pending_updates=True) is True
    server.send_text(USER, "neu")
    assert [m["text"] for m in updates(server, "message")] == ["neu"]


def test_unknown_methods_are_404(server: FakeBotApi) -> None:
    assert call(server, "sendTelepathy") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert call(server, "push")[0] == 404  # no way into the server's own helpers
    assert ok(server, "setMyCommands", commands=[]) is True
    assert server.calls == ["sendTelepathy", "push", "setMyCommands"]
