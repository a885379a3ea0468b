"""The console under hostile requests: HSTS, body size, odd ids, disabled accounts, floods."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.console.app import MAX_BODY, create_app
from bot.console.web import Console, ConsoleConfig
from bot.storage import accounts_repo
from bot.storage.db import transaction
from bot.storage.importing import import_offers
from tests.conftest import DEMO_OFFERS, ROOT, TEST_OFFERS, free_port
from tests.console.conftest import PASSWORD, add_accounts

HSTS = "max-age=31536000; includeSubDomains"
_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


@pytest.fixture
def offers_engine(engine: Engine) -> Engine:
    result = import_offers(engine, [DEMO_OFFERS, TEST_OFFERS])
    assert result.summary is not None
    add_accounts(engine)
    return engine


def client(engine: Engine, secure: bool = True, **config: int) -> TestClient:
    console = Console(engine, ROOT / "locales", ConsoleConfig(secure_cookies=secure, **config))
    base = "https://testserver" if secure else "http://testserver"
    return TestClient(create_app(console), base_url=base, follow_redirects=False)


def csrf(browser: TestClient, path: str) -> str:
    found = _CSRF.search(browser.get(path).text)
    assert found, path
    return found.group(1)


def log_in(browser: TestClient, username: str = "erika", password: str = PASSWORD) -> int:
    token = csrf(browser, "/login")
    data = {"csrf": token, "username": username, "password": password, "next": "/"}
    return browser.post("/login", data=data).status_code


@pytest.mark.parametrize("secure", [True, False])
def test_hsts_only_when_the_cookies_are_https_only(offers_engine: Engine, secure: bool) -> None:
    browser = client(offers_engine, secure)
    answers = [browser.get("/login"), browser.get("/"), browser.get("/static/console.css")]
    for answer in answers:
        assert answer.headers.get("strict-transport-security") == (HSTS if secure else None)
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_a_body_over_64_kib_gets_413(offers_engine: Engine) -> None:
    browser = client(offers_engine)
    assert log_in(browser) == 303
    token = csrf(browser, "/questions")
    big = {"csrf": token, "action": "dismissed", "note": "x" * (MAX_BODY + 1)}
    answer = browser.post("/questions", data=big)
    assert answer.status_code == 413
    assert answer.headers["x-content-type-options"] == "nosniff"
    small = {"csrf": token, "action": "dismissed", "note": "x" * 1000}
    assert browser.post("/questions", data=small).status_code == 200


def test_chunked_bodies_are_cut_off_at_the_limit(offers_engine: Engine) -> None:
    browser = client(offers_engine)

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 4096

    answer = browser.post(
        "/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert answer.status_code == 413


@pytest.fixture
def served_port(offers_engine: Engine) -> Iterator[int]:
    console = Console(offers_engine, ROOT / "locales", ConsoleConfig())
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(console), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(10)


def test_a_declared_large_body_is_refused_before_it_is_sent(served_port: int) -> None:
    """The console answers 413 although the client sent almost none of its 10 MB."""
    connection = http.client.HTTPConnection("127.0.0.1", served_port, timeout=600)
    connection.putrequest("POST", "/login")
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(10_000_000))
    connection.endheaders()
    connection.send(b"username=erika&password=")
    answer = connection.getresponse()
    assert answer.status == 413
    connection.close()


@pytest.mark.parametrize("question", ["²", "9" * 5000, "9" * 21, "2147483648", "-1", " 1"])
def test_odd_question_ids_get_a_normal_400_page(offers_engine: Engine, question: str) -> None:
    browser = client(offers_engine)
    assert log_in(browser) == 303
    token = csrf(browser, "/questions")
    answer = browser.post(
        "/questions", data={"csrf": token, "action": "dismissed", "question": question}
    )
    assert answer.status_code == 400
    assert "<html" in answer.text and "Nicht gefunden" in answer.text


def test_too_many_logins_from_one_address_get_429(offers_engine: Engine) -> None:
    browser = client(offers_engine, login_attempts_per_address=3)
    assert [log_in(browser, password="falsch-falsch-falsch") for _ in range(3)] == [401] * 3
    answer_status = log_in(browser)  # even the right password: the address is over its limit
    assert answer_status == 429
    token = csrf(browser, "/login")
    answer = browser.post("/login", data={"csrf": token, "username": "erika", "password": "x"})
    assert answer.status_code == 429 and "Zu viele Anmeldeversuche" in answer.text


def test_sessions_of_a_disabled_or_removed_account_end_at_once(offers_engine: Engine) -> None:
    erika, thomas = client(offers_engine), client(offers_engine)
    assert log_in(erika) == 303 and log_in(thomas, "thomas") == 303
    assert erika.get("/").status_code == 200
    now = dt.datetime.now(dt.UTC)
    with transaction(offers_engine) as session:
        accounts_repo.set_disabled(session, "erika", now)
    answer = erika.get("/cases")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert log_in(erika) == 401
    with transaction(offers_engine) as session:
        accounts_repo.set_disabled(session, "erika", None)
    assert log_in(erika) == 303 and erika.get("/").status_code == 200
    assert thomas.get("/").status_code == 200
    with transaction(offers_engine) as session:
        accounts_repo.remove_account(session, "thomas")
    assert thomas.get("/").status_code == 303
    assert log_in(thomas, "thomas") == 401
