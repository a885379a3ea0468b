"""Benchmark the Telegram bot end to end: updates per second, time from update to reply.

Run: .venv/bin/python benchmarks/telegram.py [--chats 40] [--rounds 3] [--db sqlite|postgresql|both]
                                             [--mode polling|webhook|both]

The real bot (`build_application`, the same handlers and conversation service as
`lotse telegram`) runs in its own process against the test Bot API server
(tests/telegram/bot_api.py) in this process. Simulated families (one thread each,
`--chats` at once) go through a short conversation — greeting, a need with a place,
a button, thanks — each waiting for the bot's whole answer before the next message,
as people do. Prints figures; asserts nothing.

The rate limiter is off here: Telegram itself lets a bot send about 30 messages per
second, so what is measured is how much the bot could handle, not Telegram's limit.
PostgreSQL runs need the server of LOTSE_TEST_POSTGRES_URL (default 127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.telegram.bot_api import FakeBotApi  # noqa: E402

TOKEN = "123456:BENCH"
SCRIPT: list[tuple[str, str]] = [
    ("text", "Hallo"),
    ("text", "Mein Baby schreit sehr viel, wir wohnen in Gummersbach"),
    ("press", "v1:handoff:no"),
    ("text", "Danke, tschüss"),
]
POSTGRES_URL = os.environ.get(
    "LOTSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

CHILD = """
import sys
from bot.settings import get_settings
from bot.runtime import build_service
from bot.channels.telegram import ALLOWED_UPDATES, HTML_STYLE, build_application
from bot.channels.turns import ProcessRunner
from bot.storage.bootstrap import open_database
mode, base_url, port, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
settings = get_settings()
engine = open_database(settings)
service = build_service(settings, engine, HTML_STYLE)
turns = ProcessRunner(workers, "html") if workers > 1 else None
app = build_application(service, "123456:BENCH", base_url=base_url, rate_limit=False,
                        turns=turns)
if mode == "polling":
    app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0.0, timeout=1)
else:
    app.run_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                    secret_token="bench-secret", webhook_url="https://bench.example/telegram",
                    allowed_updates=ALLOWED_UPDATES)
"""


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its running children have used so far."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def database(kind: str, data_dir: Path) -> Iterator[str]:
    """A database URL with the demo offers: a SQLite file, or a fresh PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{data_dir / 'lotse.db'}"
        return
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"lotse_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        env = {**os.environ, "LOTSE_DATABASE_URL": url, "LOTSE_DATA_DIR": str(data_dir)}
        for args in (["db", "upgrade"], ["offers", "import", str(ROOT / "offers_data")]):
            subprocess.run(
                [sys.executable, "-m", "bot", *args],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Load:
    """Simulated families talking to the bot through the test server."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def send(self, user: int, kind: str, value: str) -> None:
        """One message or button press of one family."""
        if kind == "text":
            self.api.send_text(user, value)
        else:
            self.api.press(user, value)

    def count(self, user: int) -> int:
        with self.api.condition:
            return len(self.api.by_chat.get(user, []))

    def wait(self, user: int, count: int, timeout: float = 60.0) -> float:
        """Wait until the chat has `count` messages; return when that happened."""
        self.api.wait_for(user, count, timeout)
        return time.perf_counter()


def converse(
    load: Load, user: int, expected: list[int], first: list[float], full: list[float]
) -> None:
    """One family through the script, each step waiting for the bot's whole answer."""
    seen = load.count(user)
    for (kind, value), replies in zip(SCRIPT, expected, strict=True):
        started = time.perf_counter()
        load.send(user, kind, value)
        first.append(load.wait(user, seen + 1) - started)
        full.append(load.wait(user, seen + replies) - started)
        seen += replies


def run(kind: str, mode: str, chats: int, rounds: int, cache: Path, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url:
        data_dir = Path(tmp)
        if cache.is_dir():
            shutil.copytree(cache, data_dir / "nlu-cache", dirs_exist_ok=True)
        api = FakeBotApi()
        api.start()
        port = free_port()
        env = {
            **os.environ,
            "LOTSE_DATA_DIR": str(data_dir),
            "LOTSE_DATABASE_URL": url,
            "LOTSE_LOG_LEVEL": "ERROR",
        }
        bot = subprocess.Popen(
            [sys.executable, "-c", CHILD, mode, api.base_url, str(port), str(workers)],
            cwd=ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 180
            while "setMyShortDescription" not in api.calls and time.monotonic() < deadline:
                time.sleep(0.1)
            if mode == "webhook":
                while not api.webhook_url and time.monotonic() < deadline:
                    time.sleep(0.1)
                api.deliver_webhooks(f"http://127.0.0.1:{port}/telegram", connections=chats)
            load = Load(api)
            # warm-up: learn how many messages each step answers with
            expected: list[int] = []
            seen = 0
            for step_kind, value in SCRIPT:
                load.send(1, step_kind, value)
                now = len(api.settle(1, quiet=0.8))
                expected.append(now - seen)
                seen = now
            first: list[float] = []
            full: list[float] = []
            users = [10_000 + r * chats + c for r in range(rounds) for c in range(chats)]
            bot_cpu, own_cpu = cpu_seconds(bot.pid), time.process_time()
            started = time.perf_counter()
            for r in range(rounds):
                threads = [
                    threading.Thread(target=converse, args=(load, u, expected, first, full))
                    for u in users[r * chats : (r + 1) * chats]
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            elapsed = time.perf_counter() - started
            bot_cpu = cpu_seconds(bot.pid) - bot_cpu
            own_cpu = time.process_time() - own_cpu
        finally:
            bot.terminate()
            bot.wait(30)
            api.stop()
    updates = len(first)
    messages = sum(expected) * len(users)
    print(
        f"{kind:10} {mode:8} {workers} worker(s) {updates:5} updates from {chats} chats at once: "
        f"{updates / elapsed:6.1f} updates/s ({messages / elapsed:6.1f} replies/s); "
        f"update -> first reply {pct(first)}; -> whole answer {pct(full)}; "
        f"bot CPU {bot_cpu / updates * 1e3:.1f} ms/update "
        f"(= {updates / bot_cpu:.0f} updates/s per core); test server and families "
        f"{own_cpu / elapsed:.0%} of a core"
    )


def pct(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=100)
    return f"p50 {qs[49] * 1e3:.0f} ms, p99 {qs[98] * 1e3:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--mode", choices=("polling", "webhook", "both"), default="both")
    parser.add_argument("--workers", default="1,2", help="turn worker processes to try, e.g. 1,2")
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "lotse-bench-nlu"
    warm = {**os.environ, "LOTSE_DATA_DIR": str(cache.parent / "lotse-bench-warm")}
    subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "Hallo"],
        cwd=ROOT,
        env=warm,
        check=True,
        capture_output=True,
    )
    shutil.copytree(cache.parent / "lotse-bench-warm" / "nlu-cache", cache, dirs_exist_ok=True)
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    modes = ("polling", "webhook") if args.mode == "both" else (args.mode,)
    print(f"{os.cpu_count()} cores; script of {len(SCRIPT)} steps per family; rate limiter off")
    for kind in kinds:
        for mode in modes:
            for workers in (int(w) for w in args.workers.split(",")):
                run(kind, mode, args.chats, args.rounds, cache, workers)


if __name__ == "__main__":
    main()
