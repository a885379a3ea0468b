"""The web chat over the conversation service of each kind of database."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.casework.notices import NoticeRenderer
from bot.channels.web.app import create_app
from bot.channels.web.chat import WebChat, WebConfig
from bot.channels.web.limits import Limits
from bot.conversation import ConversationService
from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES
from bot.i18n.render import Renderer
from tests.conftest import ROOT, free_port


def web_chat(service: ConversationService, config: WebConfig | None = None) -> WebChat:
    """A web channel on the test service."""
    staff = Renderer(ROOT / "locales", domain=STAFF_DOMAIN, languages=STAFF_LANGUAGES)
    return WebChat(service, config or WebConfig(), NoticeRenderer(service.renderer, staff))


def new_token() -> str:
    """A session token as the page makes one."""
    return secrets.token_urlsafe(32)


@pytest.fixture
def chat(service: ConversationService) -> WebChat:
    return web_chat(service, WebConfig(limits=Limits(per_session=1000, per_address=1000)))


@pytest.fixture
def client(chat: WebChat) -> Iterator[TestClient]:
    with TestClient(create_app(chat, poll_seconds=0.05)) as test_client:
        yield test_client


@dataclass
class Running:
    """A server on loopback."""

    port: int
    server: uvicorn.Server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def serve(app: Starlette, port: int | None = None) -> Running:
    """Run an ASGI app with uvicorn on a (free) loopback port, in a thread."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 600  # a hang guard only
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    return Running(port, server)
