"""The web chat's API over Starlette's TestClient, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bot.casework.service import Actor, Casework
from bot.channels.web import mailbox
from bot.channels.web.app import create_app
from bot.channels.web.chat import WebChat, WebConfig, address_of
from bot.channels.web.limits import Limits
from bot.conversation import ConversationService
from bot.domain.roles import COORDINATOR, Grant, Roles
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, WebMessageRow, WebRateRow
from tests.web.conftest import new_token, web_chat

ERIKA = Actor(
    "key-erika", Roles((Grant(COORDINATOR, "musterstadt", "Erika Beispiel"),)), address="900"
)
CRISIS_AR = "زوجي يضربني وأنا خائفة على طفلي"


class Family:
    """One browser: a token, the options of the last answer."""

    def __init__(self, client: TestClient, language: str = "ar", address: str | None = None):
        self.client = client
        self.token = new_token()
        self.headers = {"X-Lotse-Session": self.token, "Accept-Language": language}
        self.options: list[str] = []

    def send(self, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        answer = self.client.post("/api/turn", json=body, headers=self.headers)
        assert answer.status_code == status, answer.text
        data: dict[str, Any] = answer.json()
        offered = [o["id"] for r in data.get("replies", []) for o in r["options"]]
        self.options = offered or self.options
        return data

    def say(self, text: str, status: int = 200) -> dict[str, Any]:
        return self.send({"text": text}, status)

    def press(self, choice: str) -> dict[str, Any]:
        assert choice in self.options, self.options
        return self.send({"choice": choice})


def ask_for_a_person(family: Family, text: str) -> dict[str, Any]:
    """Ask for offers, then for a person who answers in the chat; returns the last answer."""
    family.say(text)
    if "handoff:yes" not in family.options:  # a follow-up question about the need first
        family.press(next(o for o in family.options if o.startswith("need:")))
    for choice in ("handoff:yes", "consent:yes", "contact:chat", "times:any"):
        family.press(choice)
    return family.press("confirm:send")


def texts(data: dict[str, Any]) -> str:
    return "\n".join(r["text"] for r in data["replies"])


def test_the_page_speaks_the_browser_language_and_only_listed_origins_may_frame_it(
    service: ConversationService,
) -> None:
    chat = web_chat(service, WebConfig(embed_origins=("https://www.gummersbach.de",)))
    with TestClient(create_app(chat)) as client:
        page = client.get("/chat?net=gummersbach", headers={"Accept-Language": "ar,de;q=0.8"})
        embed = client.get("/embed.js")
        api = client.get("/api/messages", headers={"X-Lotse-Session": new_token()})
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert 'data-network="gummersbach"' in page.text
    assert "<script>" not in page.text and " style=" not in page.text  # nothing inline
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert policy.endswith("frame-ancestors 'self' https://www.gummersbach.de")
    assert "set-cookie" not in page.headers and "set-cookie" not in api.headers
    assert embed.headers["content-type"].startswith("text/javascript")
    assert embed.headers["cross-origin-resource-policy"] == "cross-origin"
    assert "frame-ancestors 'none'" in api.headers["content-security-policy"]
    assert api.headers["x-frame-options"] == "DENY"


def test_the_network_of_the_link_preselects_the_place(client: TestClient) -> None:
    family = Family(client, "de")
    family.send({"command": "start net_musterstadt"})
    answer = family.say("Wir haben kein Geld mehr")
    assert "Musterstadt" in texts(answer)
    assert "handoff:yes" in family.options


def test_an_arabic_mother_reaches_a_stored_hand_off_answered_in_the_chat(
    client: TestClient, service: ConversationService
) -> None:
    family = Family(client, "ar")
    first = family.send({"command": "start"})
    assert first["language"] == "ar" and first["dir"] == "rtl"
    assert first["labels"]["send"] != "Send"  # the page's words follow the language
    answer = ask_for_a_person(family, "ليس لدينا مال، نحن نعيش في موسترشتات")
    assert answer["outbox"] is True
    assert all(r["dir"] == "rtl" for r in answer["replies"])
    with session_factory(service.engine)() as session:
        row = session.scalars(select(HandoffRow)).one()
    assert (row.channel, row.address, row.language) == ("web", address_of(family.token), "ar")
    assert family.token not in json.dumps([row.user_key, row.address])


def test_a_coordinators_answer_reaches_the_web_chat_and_stays_for_the_return(
    client: TestClient, chat: WebChat, service: ConversationService
) -> None:
    family = Family(client, "ar")
    ask_for_a_person(family, "ليس لدينا مال، نحن نعيش في موسترشتات")
    with session_factory(service.engine)() as session:
        reference = session.scalars(select(HandoffRow.reference)).one()
    work = Casework(service.engine)
    work.claim(reference, ERIKA)
    work.relay(reference, ERIKA, "Ich rufe Sie morgen um 10 Uhr an. Tel. 02261 123456")
    assert mailbox.deliver_due(service.engine, chat.notices, service.catalog, service.clock()) == 2
    found = client.get("/api/messages?after=0", headers=family.headers).json()["messages"]
    assert len(found) == 2
    assert "Erika Beispiel" in found[0]["text"] and found[0]["dir"] == "rtl"
    assert "02261 123456" in found[1]["text"]
    assert [o["id"] for o in found[1]["options"]] == [f"reply:{reference}"]
    later = client.get(f"/api/messages?after={found[0]['id']}", headers=family.headers).json()
    assert [m["id"] for m in later["messages"]] == [found[1]["id"]]
    stranger = client.get("/api/messages?after=0", headers={"X-Lotse-Session": new_token()})
    assert stranger.json()["messages"] == []
    # the family answers with the button under the message
    family.options = [f"reply:{reference}"]
    family.press(f"reply:{reference}")
    answer = family.say("شكرًا، غدًا مناسب")
    assert answer["outbox"] is True


def test_the_event_stream_sends_the_mailbox(
    client: TestClient, chat: WebChat, service: ConversationService
) -> None:
    family = Family(client, "de")
    ask_for_a_person(family, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    with session_factory(service.engine)() as session:
        reference = session.scalars(select(HandoffRow.reference)).one()
    Casework(service.engine).claim(reference, ERIKA)
    mailbox.deliver_due(service.engine, chat.notices, service.catalog, service.clock())
    with client.stream("GET", "/api/events?after=0", headers=family.headers) as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        lines = events.iter_lines()
        data = next(line for line in lines if line.startswith("data: "))
    message = json.loads(data.removeprefix("data: "))
    assert "Erika Beispiel" in message["text"] and message["language"] == "de"


def test_delete_my_data_erases_the_conversation_and_the_mailbox(
    client: TestClient, service: ConversationService
) -> None:
    family = Family(client, "de")
    family.say("Mein Baby schreit viel, wir wohnen in Musterstadt")
    address = address_of(family.token)
    with session_factory(service.engine).begin() as session:
        session.add(
            WebMessageRow(
                address=address, text="x", options="[]", language="de", created_at=service.clock()
            )
        )
    family.send({"command": "delete"})
    assert family.options == ["delete:yes", "delete:no"]
    answer = family.press("delete:yes")
    assert answer["erased"] is True
    with session_factory(service.engine)() as session:
        assert session.scalars(select(WebMessageRow)).all() == []
    from bot.storage.conversations_repo import count_user_rows

    with session_factory(service.engine)() as session:
        assert count_user_rows(session, service.key("web", address)) == 0


def test_requests_without_token_too_large_or_malformed_are_refused(client: TestClient) -> None:
    assert client.post("/api/turn", json={"text": "hallo"}).status_code == 401
    headers = {"X-Lotse-Session": "short"}
    assert client.post("/api/turn", json={"text": "x"}, headers=headers).status_code == 401
    family = Family(client, "de")
    big = client.post(
        "/api/turn", content=b'{"text": "' + b"a" * 70_000 + b'"}', headers=family.headers
    )
    assert big.status_code == 413
    wrong: list[dict[str, Any]] = [
        {},
        {"text": "a", "choice": "b"},
        {"command": "drop table"},
        {"location": [1]},
        {"location": [float("nan"), 7.0]},
        {"location": [91, 7]},
        {"choice": ""},
    ]
    for body in wrong:
        assert (
            family.client.post(
                "/api/turn", content=json.dumps(body), headers=family.headers
            ).status_code
            == 400
        ), body


def test_a_text_over_4096_characters_gets_a_translated_answer(client: TestClient) -> None:
    family = Family(client, "uk")
    family.send({"command": "start"})
    answer = family.say("а" * 4097, status=422)
    assert "задовге" in texts(answer)
    assert family.say("а" * 4096)["replies"]


def test_a_shared_location_is_rounded_and_finds_the_town(
    client: TestClient, service: ConversationService
) -> None:
    family = Family(client, "de")
    family.say("Ich bin schwanger")
    answer = family.send({"location": [51.026789, 7.564321]})
    assert "Gummersbach" in texts(answer)
    from bot.storage import conversations_repo

    with session_factory(service.engine)() as session:
        state = conversations_repo.load_state(session, service.key("web", address_of(family.token)))
    assert state is not None and state["near"] == [51.03, 7.56]


def test_rate_limits_answer_in_the_familys_language_and_hold_across_instances(
    service: ConversationService,
) -> None:
    config = WebConfig(limits=Limits(per_session=3, per_address=4))
    one = TestClient(create_app(web_chat(service, config)))
    two = TestClient(create_app(web_chat(service, config)))  # a second instance
    family = Family(one, "ar")
    family.send({"command": "start"})
    family.client = two
    family.say("مرحبا")
    family.client = one
    family.say("مرحبا")
    limited = family.say("مرحبا", status=429)
    assert "دقيقة" in texts(limited) and limited["dir"] == "rtl"
    crisis = family.say(CRISIS_AR, status=429)  # still the emergency numbers first
    assert "110" in crisis["replies"][0]["text"] and len(crisis["replies"]) == 2
    # another session from the same address: the address's limit (4) is reached
    other = Family(two, "de")
    other.send({"command": "start"})
    assert "Minute" in texts(other.say("Hallo", status=429))
    with session_factory(service.engine)() as session:
        buckets = session.scalars(select(WebRateRow.bucket)).all()
    assert len(buckets) == 3  # two sessions, one address: pseudonyms only
    assert not any(family.token in b or "testclient" in b for b in buckets)
