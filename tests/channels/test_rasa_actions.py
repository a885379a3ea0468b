"""Lotse inside a Rasa assistant: actions, the executor contract, the real HTTP server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

pytest.importorskip("rasa_sdk", reason="rasa-sdk is in the optional 'rasa' extra")

from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from bot.channels import rasa_actions as ra
from bot.channels.rasa_project import write_starter_project
from bot.settings import get_settings
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, ReviewQuestionRow
from tests.conftest import ROOT, free_port

RLM = "\u200f"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One data dir (database with the demo offers, trained model) for the module."""
    folder = tmp_path_factory.mktemp("rasa")
    previous = os.environ.get("LOTSE_DATA_DIR")
    os.environ["LOTSE_DATA_DIR"] = str(folder)
    get_settings.cache_clear()
    ra.runtime.cache_clear()
    ra.runtime()
    yield folder
    ra.runtime.cache_clear()
    if previous is None:
        os.environ.pop("LOTSE_DATA_DIR", None)
    else:
        os.environ["LOTSE_DATA_DIR"] = previous


def tracker(
    text: str,
    intent: str = "nlu_fallback",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    sender: str = "mother-1",
) -> Tracker:
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.9},
                "entities": entities or [],
                "metadata": {},
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


async def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return events, dispatcher.messages


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_arabic_find_offers_uses_rasas_intent_and_entity(data_dir: Path) -> None:
    events, messages = await run(
        ra.ActionLotseFindOffers(),
        tracker(
            "طفلي يبكي طوال الليل",
            intent="crying_sleep",
            entities=[{"entity": "location", "value": "غومرسباخ"}],
        ),
    )
    texts = [m["text"] for m in messages]
    assert all(t.startswith(RLM) for t in texts)
    # the card in Arabic (a curated translation), the town's name as it is
    assert any("Gummersbach" in t and "شبكة المساعدة المبكرة" in t for t in texts)
    assert messages[-1]["buttons"][0]["payload"] == "/talk_to_person"
    slots = slots_of(events)
    assert slots["lotse_needs"] == ["crying_sleep"]
    assert slots["lotse_place"] == "Gummersbach"
    assert slots["language"] == "ar"
    assert "gummersbach-fruehe-hilfen" in slots["lotse_offer_ids"]


async def test_german_midwife_in_gummersbach(data_dir: Path) -> None:
    events, messages = await run(
        ra.ActionLotseFindOffers(),
        tracker(
            "Wir suchen eine Hebamme",
            intent="midwife",
            entities=[{"entity": "location", "value": "Gummersbach"}],
        ),
    )
    assert any("Babybegrüßungsdienst der Familienhebammen" in m["text"] for m in messages)
    assert slots_of(events)["language"] == "de"


async def test_ukrainian_without_rasa_intent_uses_lotses_understanding(data_dir: Path) -> None:
    events, messages = await run(
        ra.ActionLotseFindOffers(), tracker("Я вагітна, живу в Зігбурзі, шукаю акушерку")
    )
    slots = slots_of(events)
    assert "siegburg-familienhebammen" in slots["lotse_offer_ids"]
    assert any("Siegburg" in m["text"] and "акушерки" in m["text"] for m in messages)
    assert slots["language"] == "uk"
    assert slots["lotse_place"] == "Siegburg"


async def test_emergency_works_without_a_database(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    offline = ra.Runtime(ra.runtime().analyzer, ra.runtime().renderer, "s", None, None)
    monkeypatch.setattr(ra, "runtime", lambda: offline)
    events, messages = await run(
        ra.ActionLotseEmergency(), tracker("він мене зараз б'є, допоможіть")
    )
    assert "110" in messages[0]["text"] and "116 016" in messages[0]["text"]
    assert slots_of(events)["language"] == "uk"


async def test_unanswered_question_is_stored_masked(data_dir: Path) -> None:
    _, messages = await run(ra.ActionLotseUnanswered(), tracker("blubb 0171 2345678", sender="q-1"))
    assert messages
    with session_factory(ra.runtime().engine)() as session:
        stored = session.scalars(select(ReviewQuestionRow)).all()
    assert any("[phone]" in q.text and "2345678" not in q.text for q in stored)


async def test_handoff_form_rules_and_submit(data_dir: Path) -> None:
    form = ra.ValidateLotseHandoffForm()
    dispatcher = CollectingDispatcher()
    t = tracker("nein", slots={"lotse_place": "Gummersbach"})
    assert form.validate_lotse_consent("no", dispatcher, t, {}) == {
        "lotse_consent": False,
        "requested_slot": None,
    }
    assert form.validate_lotse_phone("12", dispatcher, t, {}) == {"lotse_phone": None}
    assert form.validate_lotse_phone("0171 2345678", dispatcher, t, {}) == {
        "lotse_phone": "0171 2345678"
    }
    slots = {
        "lotse_consent": True,
        "lotse_contact_method": "phone",
        "lotse_phone": "0171 2345678",
        "lotse_place": "Gummersbach",
        "lotse_needs": ["midwife"],
        "language": "tr",
    }
    events, messages = await run(
        ra.ActionLotseSubmitHandoff(), tracker("evet", slots=slots, sender="h-1")
    )
    with session_factory(ra.runtime().engine)() as session:
        handoff = session.scalars(
            select(HandoffRow).where(HandoffRow.phone == "0171 2345678")
        ).one()
    assert handoff.reference in messages[0]["text"]
    assert handoff.network_id == "gummersbach" and handoff.language == "tr"
    assert {"event": "active_loop", "name": None} in [
        {k: v for k, v in e.items() if k in ("event", "name")} for e in events
    ]


RASA_36_PAYLOAD = {
    "next_action": "action_lotse_find_offers",
    "sender_id": "contract-1",
    "tracker": {
        "sender_id": "contract-1",
        "slots": {"language": None, "lotse_place": None},
        "latest_message": {
            "intent": {"name": "midwife", "confidence": 0.93},
            "entities": [
                {
                    "entity": "location",
                    "start": 24,
                    "end": 35,
                    "value": "Gummersbach",
                    "extractor": "DIETClassifier",
                }
            ],
            "text": "Ich suche eine Hebamme in Gummersbach",
            "message_id": "4f2c",
            "metadata": {"language": "de"},
            "intent_ranking": [{"name": "midwife", "confidence": 0.93}],
        },
        "latest_event_time": 1732400000.0,
        "followup_action": None,
        "paused": False,
        "events": [
            {"event": "action", "timestamp": 1732400000.0, "name": "action_listen"},
            {
                "event": "user",
                "timestamp": 1732400001.0,
                "text": "Ich suche eine Hebamme in Gummersbach",
                "parse_data": {"intent": {"name": "midwife", "confidence": 0.93}},
            },
        ],
        "latest_input_channel": "rest",
        "active_loop": {},
        "latest_action": {"action_name": "action_listen"},
        "latest_action_name": "action_listen",
    },
    "domain": {
        "version": "3.1",
        "intents": ["midwife"],
        "entities": ["location"],
        "slots": {},
        "responses": {},
        "actions": ["action_lotse_find_offers"],
        "forms": {},
    },
    "version": "3.6.20",
}


async def test_contract_through_the_executor(data_dir: Path) -> None:
    executor = ActionExecutor()
    executor.register_package("bot.channels.rasa_actions")
    result = await executor.run(json.loads(json.dumps(RASA_36_PAYLOAD)))
    assert result is not None
    body = result.model_dump() if hasattr(result, "model_dump") else dict(result)
    assert any("Babybegrüßungsdienst" in r.get("text", "") for r in body["responses"])
    assert {"event": "slot", "name": "lotse_place", "value": "Gummersbach"} in [
        {k: e[k] for k in ("event", "name", "value")}
        for e in body["events"]
        if e["event"] == "slot"
    ]


def call(url: str, body: bytes | None = None) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:  # a hang guard only
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "LOTSE_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "rasa-actions", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # a hang guard, not a speed limit: a busy machine is slow
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if call(f"{base}/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(
            f"action server did not start: {process.stderr.read() if process.stderr else ''}"
        )
    yield base
    process.terminate()
    process.wait(timeout=600)


def test_real_http_server(server: str) -> None:
    assert call(f"{server}/health") == (200, {"status": "ok"})
    status, actions = call(f"{server}/actions")
    assert status == 200
    assert {"name": "action_lotse_emergency"} in actions
    status, body = call(f"{server}/webhook", json.dumps(RASA_36_PAYLOAD).encode())
    assert status == 200
    assert any("Babybegrüßungsdienst" in r.get("text", "") for r in body["responses"])
    unknown = {**RASA_36_PAYLOAD, "next_action": "action_does_not_exist"}
    assert call(f"{server}/webhook", json.dumps(unknown).encode())[0] == 404
    assert 400 <= call(f"{server}/webhook", b"{not json")[0] < 500
    assert call(f"{server}/health")[0] == 200  # still alive after bad requests


def test_starter_project(tmp_path: Path) -> None:
    written = write_starter_project(ROOT / "intents", tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {
        "config.yml",
        "domain.yml",
        "endpoints.yml",
        "data/rules.yml",
        "data/nlu/ar.yml",
    } <= names
    domain = yaml.safe_load((tmp_path / "domain.yml").read_text(encoding="utf-8"))
    assert "action_lotse_emergency" in domain["actions"] and "crisis" in domain["intents"]
    rules = yaml.safe_load((tmp_path / "data" / "rules.yml").read_text(encoding="utf-8"))
    assert {"intent": "crisis"} in rules["rules"][0]["steps"]
    assert "localhost:5055/webhook" in (tmp_path / "endpoints.yml").read_text(encoding="utf-8")


# --- hostile input (issue 13, defect 9) -------------------------------------------------


def handoff_slots(**changes: Any) -> dict[str, Any]:
    slots = {
        "lotse_consent": True,
        "lotse_contact_method": "phone",
        "lotse_phone": "0171 2345678",
        "lotse_place": "Gummersbach",
        "lotse_needs": ["midwife"],
        "language": "de",
    }
    return {**slots, **changes}


def handoffs_of(sender: str) -> list[HandoffRow]:
    key = ra.user_key(ra.runtime().secret, ra.CHANNEL, sender)
    with session_factory(ra.runtime().engine)() as session:
        return list(session.scalars(select(HandoffRow).where(HandoffRow.user_key == key)))


@pytest.mark.parametrize(
    "phone",
    [
        "<script>alert(1)</script>" + "x" * 225,
        "0" + "1" * 99_999,
        "+4915123456789 bitte erst nach 18 Uhr anrufen, danke sehr",
        ["0171 2345678"],
        12345678,
    ],
)
async def test_submit_refuses_a_phone_the_chat_would_refuse(data_dir: Path, phone: Any) -> None:
    sender = f"bad-phone-{hash(str(phone)) % 10_000}"
    events, messages = await run(
        ra.ActionLotseSubmitHandoff(), tracker("ja", slots=handoff_slots(lotse_phone=phone),
                                               sender=sender)
    )  # fmt: skip
    assert handoffs_of(sender) == []
    assert len(messages) == 1 and "Telefonnummer" in messages[0]["text"]
    assert slots_of(events)["lotse_phone"] is None
    form = ra.ValidateLotseHandoffForm()
    assert form.validate_lotse_phone(phone, CollectingDispatcher(), tracker("x"), {}) == {
        "lotse_phone": None
    }


async def test_submit_takes_needs_as_a_string_or_a_list_and_keeps_known_ones(
    data_dir: Path,
) -> None:
    for sender, needs in (("n-1", "midwife"), ("n-2", ["midwife", "m", "<b>", 7, None])):
        slots = handoff_slots(lotse_needs=needs, lotse_contact_method="chat", lotse_phone="x")
        _, messages = await run(ra.ActionLotseSubmitHandoff(), tracker("ja", slots=slots,
                                                                        sender=sender))  # fmt: skip
        [stored] = handoffs_of(sender)
        assert stored.needs == "midwife" and stored.phone is None
        assert stored.reference in messages[0]["text"]
    events, _ = await run(
        ra.ActionLotseFindOffers(),
        tracker("Hebamme", slots={"lotse_needs": "midwife", "lotse_place": "Gummersbach"}),
    )
    assert slots_of(events)["lotse_needs"] == ["midwife"]


@pytest.mark.parametrize("metadata", ["de", ["de"], 42, None, {"language": 5}])
async def test_emergency_tolerates_any_metadata(data_dir: Path, metadata: Any) -> None:
    t = tracker("Ich will mich umbringen")
    t.latest_message["metadata"] = metadata
    events, messages = await run(ra.ActionLotseEmergency(), t)
    assert "112" in messages[0]["text"]
    assert slots_of(events)["language"] == "de"


async def test_odd_slot_and_message_types_get_an_answer(data_dir: Path) -> None:
    odd = tracker("Hebamme", slots={"language": ["de"], "lotse_place": {"x": 1}})
    odd.latest_message["entities"] = ["location", {"entity": "location", "value": 5}]
    odd.latest_message["intent"] = "midwife"
    for action in (ra.ActionLotseFindOffers(), ra.ActionLotseUnanswered()):
        _, messages = await run(action, odd)
        assert messages and all(m["text"] for m in messages)


async def test_a_failing_action_answers_with_the_apology_and_logs_no_text(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Any:
        raise RuntimeError("secret words of the family 0171 2345678")

    monkeypatch.setattr(ra.runtime(), "index", broken)
    _, messages = await run(ra.ActionLotseFindOffers(), tracker("Hebamme in Gummersbach"))
    assert len(messages) == 1 and "112" in messages[0]["text"]
    assert "secret" not in caplog.text and "0171" not in caplog.text
    assert "RuntimeError" in caplog.text


async def test_the_actions_work_on_at_most_4096_characters(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = ra.Runtime.understand

    def understand(self: ra.Runtime, text: str) -> Any:
        seen.append(len(text))
        return real(self, text)

    monkeypatch.setattr(ra.Runtime, "understand", understand)
    _, messages = await run(ra.ActionLotseUnanswered(), tracker("blubb " * 20_000, sender="long"))
    assert messages and seen == [ra.MAX_TEXT]


def test_server_errors_never_echo_the_request_body(server: str) -> None:
    secret = "Erika Mustermann 0171 2345678"
    broken = {**RASA_36_PAYLOAD, "tracker": secret}  # rasa_sdk itself fails on this
    status, body = call(f"{server}/webhook", json.dumps(broken).encode())
    assert status == 500 and secret not in json.dumps(body) and "Mustermann" not in str(body)
    odd = json.loads(json.dumps(RASA_36_PAYLOAD))
    odd["next_action"] = "action_lotse_emergency"
    odd["tracker"]["latest_message"]["metadata"] = "de"
    odd["tracker"]["latest_message"]["text"] = "Ich will mich umbringen"
    status, body = call(f"{server}/webhook", json.dumps(odd).encode())
    assert status == 200 and "112" in body["responses"][0]["text"]
    assert call(f"{server}/health")[0] == 200


def test_server_refuses_a_body_over_the_limit_unread(server: str) -> None:
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=600)
    connection.putrequest("POST", "/webhook")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(ra.MAX_BODY + 1))
    connection.endheaders()
    connection.send(b'{"next_action": ')
    answer = connection.getresponse()
    assert answer.status == 413
    assert b"next_action" not in answer.read()
    connection.close()
