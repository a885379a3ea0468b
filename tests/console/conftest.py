"""The console served by uvicorn on loopback, on each kind of database, with accounts."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from sqlalchemy import Engine

from bot.console.app import create_app
from bot.console.auth import hash_password
from bot.console.web import Console, ConsoleConfig
from bot.conversation import ConversationService
from bot.storage import accounts_repo
from bot.storage.db import transaction
from tests.conftest import ROOT, free_port
from tests.console.client import Client

PASSWORD = "ein-sehr-langes-passwort"


@dataclass
class Served:
    """A running console and the conversation service that shares its database."""

    port: int
    console: Console
    service: ConversationService

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, username: str | None = None) -> Client:
        client = Client(self.port)
        if username is not None:
            answer = client.login(username, PASSWORD)
            assert answer.status == 303, answer.text
        return client


def add_accounts(engine: Engine) -> None:
    now = dt.datetime.now(dt.UTC)
    hashed = hash_password(PASSWORD)
    with transaction(engine) as session:
        accounts_repo.add_account(session, "erika", "Erika Beispiel", hashed, "coordinator",
                                  ["musterstadt"], now)  # fmt: skip
        accounts_repo.add_account(session, "thomas", "Thomas Schulte", hashed, "coordinator",
                                  ["gummersbach"], now)  # fmt: skip
        accounts_repo.add_account(session, "admin", "Amt für Jugend", hashed, "admin", [], now)


@pytest.fixture
def served(service: ConversationService) -> Iterator[Served]:
    add_accounts(service.engine)
    console = Console(service.engine, ROOT / "locales", ConsoleConfig(secure_cookies=True))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(console), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 600  # a hang guard only
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the console did not start"
    yield Served(port, console, service)
    server.should_exit = True
    thread.join(10)
