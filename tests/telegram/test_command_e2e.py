"""The real `lotse telegram` process against the test server: start, talk, stop, restart."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.channels.telegram import callback_data
from bot.nlu.analyzer import Analyzer
from tests.conftest import ROOT
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import TOKEN, settle

FAMILY = 4242


@contextmanager
def lotse_telegram(
    bot_api: FakeBotApi, data_dir: Path, **settings: str
) -> Iterator[subprocess.Popen[str]]:
    """`lotse telegram` (long polling) in its own process, on the embedded SQLite default."""
    env = {
        **os.environ,
        "LOTSE_DATA_DIR": str(data_dir),
        "LOTSE_TELEGRAM_TOKEN": TOKEN,
        "LOTSE_TELEGRAM_API_URL": bot_api.base_url,
        "LOTSE_LOG_LEVEL": "INFO",
        **settings,
    }
    env.pop("LOTSE_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def stop(process: subprocess.Popen[str]) -> str:
    """Stop gracefully, as a service manager does; return what it logged."""
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=600)  # a hang guard only
    assert process.returncode == 0, errors
    return errors


async def test_lotse_telegram_answers_stops_gracefully_and_continues(
    bot_api: FakeBotApi, analyzer: Analyzer, nlu_cache: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "lotse"
    shutil.copytree(nlu_cache, data_dir / "nlu-cache")  # trained once per test session
    with lotse_telegram(bot_api, data_dir) as first:
        bot_api.send_text(FAMILY, "Wir suchen eine Hebamme in Gummersbach")
        await asyncio.to_thread(bot_api.wait_for, FAMILY, 1, 600.0)
        texts = await settle(bot_api, FAMILY)
        logged = await asyncio.to_thread(stop, first)
    assert any("Babybegrüßungsdienst der Familienhebammen" in t for t in texts)
    assert "Gummersbach" not in logged and "Hebamme" not in logged and str(FAMILY) not in logged
    assert TOKEN not in logged and "INFO" in logged
    assert "setMyCommands" in bot_api.calls

    with lotse_telegram(bot_api, data_dir) as second:
        before = len(texts)
        bot_api.press(FAMILY, callback_data("handoff:yes"))
        await asyncio.to_thread(bot_api.wait_for, FAMILY, before + 1, 600.0)
        after = await settle(bot_api, FAMILY)
        await asyncio.to_thread(stop, second)
    assert "Thomas Schulte" in after[-1]  # the consent question of the Gummersbach network


async def test_turns_in_worker_processes(
    bot_api: FakeBotApi, analyzer: Analyzer, nlu_cache: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "lotse"
    shutil.copytree(nlu_cache, data_dir / "nlu-cache")
    with lotse_telegram(bot_api, data_dir, LOTSE_TELEGRAM_WORKERS="2") as process:
        for family in (FAMILY, FAMILY + 1):
            bot_api.send_text(family, "Wir suchen eine Hebamme in Gummersbach")
        for family in (FAMILY, FAMILY + 1):
            await asyncio.to_thread(bot_api.wait_for, family, 1, 600.0)
            texts = await settle(bot_api, family)
            assert any("Babybegrüßungsdienst der Familienhebammen" in t for t in texts), (
                texts,
                process.poll(),
            )
        await asyncio.to_thread(stop, process)
