"""Every server entry point starts while the database is down, says so, and recovers.

The database "goes away" behind a TCP proxy on loopback (`dbproxy.py`) in front of the
test PostgreSQL: closed when the command starts, opened later.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.storage.db import make_engine
from bot.storage.importing import import_offers
from bot.storage.migrate import upgrade
from tests.channels.dbproxy import DatabaseProxy
from tests.conftest import DEMO_OFFERS, ROOT, free_port
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import text_update

pytestmark = pytest.mark.postgres
SECRET = "down-secret"
PATIENCE = 600.0  # seconds to wait for a server before the test fails (never reached)


def status(url: str, body: bytes | None = None) -> int | None:
    """The HTTP status of a GET (or a webhook POST), None while nothing listens."""
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        request = urllib.request.Request(url, data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return None


def wait_for(url: str, expected: int, process: subprocess.Popen[bytes]) -> None:
    """Poll `url` until it answers `expected`."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        if status(url) == expected:
            return
        time.sleep(0.1)
    pytest.fail(f"{url} never answered {expected}")


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[DatabaseProxy]:
    """A migrated database with the demo offers behind a closed proxy."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    assert import_offers(engine, [DEMO_OFFERS]).summary is not None
    engine.dispose()
    proxy = DatabaseProxy(postgres_url)
    yield proxy
    proxy.close()


@contextmanager
def lotse(*args: str, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """A `lotse` command in the background; SIGTERM at the end stops it cleanly.

    uvicorn (the console) re-raises the SIGTERM after its clean shutdown, as systemd expects.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=PATIENCE)
        assert process.returncode in (0, -signal.SIGTERM), err.decode()[-2000:]
        assert "Traceback" not in err.decode()


def test_rasa_actions_start_without_the_database_and_recover(proxy: DatabaseProxy) -> None:
    port = free_port()
    env = {"LOTSE_DATABASE_URL": proxy.proxied_url}
    with lotse("rasa-actions", "--port", str(port), env=env) as process:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz", 200, process)
        assert status(f"{base}/readyz") == 503
        proxy.open()
        wait_for(f"{base}/readyz", 200, process)
        proxy.close()
        wait_for(f"{base}/readyz", 503, process)


def test_console_starts_without_the_database_and_recovers(proxy: DatabaseProxy) -> None:
    port = free_port()
    env = {"LOTSE_DATABASE_URL": proxy.proxied_url}
    with lotse("console", "--port", str(port), env=env) as process:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz", 200, process)
        assert status(f"{base}/readyz") == 503
        proxy.open()
        wait_for(f"{base}/readyz", 200, process)
        assert status(f"{base}/login") == 200
        proxy.close()
        wait_for(f"{base}/readyz", 503, process)


def _telegram_env(proxy: DatabaseProxy, api: FakeBotApi) -> dict[str, str]:
    return {
        "LOTSE_DATABASE_URL": proxy.proxied_url,
        "LOTSE_TELEGRAM_TOKEN": "123456:DOWN",
        "LOTSE_TELEGRAM_API_URL": api.base_url,
        "LOTSE_TELEGRAM_SECRET": SECRET,
    }


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi()
    server.start()
    yield server
    server.stop()


def test_telegram_webhook_answers_a_crisis_without_the_database_and_recovers(
    proxy: DatabaseProxy, api: FakeBotApi
) -> None:
    port = free_port()
    args = ("telegram", "--webhook", "https://bot.example/telegram", "--port", str(port))
    api.chats.add(9201)
    with lotse(*args, env=_telegram_env(proxy, api)) as process:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz", 200, process)
        assert status(f"{base}/readyz") == 503
        assert status(f"{base}/telegram", text_update(1, 9201, "Ich will nicht mehr leben")) == 200
        assert any("112" in s.text for s in api.wait_for(9201, 1))
        proxy.open()
        wait_for(f"{base}/readyz", 200, process)
        before = len(api.settle(9201))
        api.mark(9201)
        body = text_update(2, 9201, "Wir suchen eine Hebamme in Gummersbach")
        assert status(f"{base}/telegram", body) == 200
        texts = [s.text for s in api.settle(9201)[before:]]
        assert any("Gummersbach" in t for t in texts)


def test_telegram_polling_answers_a_crisis_without_the_database_and_recovers(
    proxy: DatabaseProxy, api: FakeBotApi, tmp_path: Path
) -> None:
    with lotse("telegram", env=_telegram_env(proxy, api)):
        api.send_text(9202, "Ich will nicht mehr leben")
        assert any("112" in s.text for s in api.wait_for(9202, 1))
        proxy.open()
        before = len(api.settle(9202))
        api.send_text(9202, "Wir suchen eine Hebamme in Gummersbach")
        texts = [s.text for s in api.settle(9202)[before:]]
        assert any("Gummersbach" in t for t in texts)
