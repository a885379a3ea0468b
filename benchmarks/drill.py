"""The drill: families through nginx to Lotse instances on one PostgreSQL, one killed mid-run.

Run: .venv/bin/python benchmarks/drill.py [--families 500] [--concurrent 60]

Loopback only, bounded in time (every wait has a limit), stops by itself. Needs nginx
(Debian: `apt-get install nginx-light`) and the PostgreSQL of LOTSE_TEST_POSTGRES_URL
(default 127.0.0.1:5432); it creates and drops its own database.

The test Bot API server (tests/telegram/bot_api.py) delivers webhooks, retrying like
Telegram when an answer is not 2xx, through nginx (round robin, plain HTTP on loopback)
to `lotse telegram --webhook` processes — the real command, with Telegram's rate limits
off (they would hold each instance at about 30 messages a second). Simulated families follow
a script; most write two messages at once (the second before the first is answered,
so their updates land on different instances; the server posts a chat's updates one
after the other, each retried until it is accepted), every fifth asks for a person and
confirms the hand-off. Phase 1: one instance. Phase 2: two instances. Phase 3: two
instances; when 40 % of the updates are sent, instance 1 gets `kill -9` and is started
again (updates it had claimed wait for their lease, 15 s, to run out).

Each family's messages are compared with a reference run (one family at a time): an
update is answered exactly once when its answer appears once, in place; lost when it
never appears (not even with a repeated message removed); duplicated when it appears more
than once or one of its messages came twice in a row; a family whose answers all
arrived but in another order counts its updates as out of order. Hand-offs: confirmed
(a family saw a reference) vs stored (the reference is in the database).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from benchmarks.telegram import database, free_port  # noqa: E402
from tests.telegram.bot_api import FakeBotApi  # noqa: E402

TOKEN = "123456:DRILL"
SECRET = "drill-secret"
STEP_LIMIT = 90.0  # seconds a family waits for one answer before counting it lost
REFERENCE = re.compile(r"L-[A-Z0-9]{6}")
# (kind, value) steps; a tuple of several steps is sent at once
TALK: list[list[tuple[str, str]]] = [
    [("text", "Hallo"), ("text", "Mein Baby schreit sehr viel, wir wohnen in Gummersbach")],
    [("press", "v1:handoff:no")],
    [("text", "Danke, tschüss")],
]
HANDOFF: list[list[tuple[str, str]]] = [
    [("text", "Wir suchen eine Hebamme in Gummersbach")],
    *([("press", f"v1:{choice}")] for choice in ("handoff:yes", "consent:yes", "contact:chat")),
    [("press", "v1:times:any")],
    [("press", "v1:confirm:send")],
]

NGINX = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream lotse_telegram {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location = /telegram {{
            proxy_pass http://lotse_telegram;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


@dataclass
class Family:
    """One simulated family: its chat, script, and what it saw."""

    chat: int
    script: list[list[tuple[str, str]]]
    latencies: list[float] = field(default_factory=list)
    updates: int = 0


class Nginx:
    """nginx with its own prefix on loopback; `serve(ports)` (re)configures the upstreams."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def serve(self, ports: list[int]) -> None:
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in ports
        )
        config = self.folder / "nginx.conf"
        config.write_text(NGINX.format(dir=self.folder, servers=servers, port=self.port))
        if self.process is None:
            self.process = subprocess.Popen(
                ["nginx", "-p", str(self.folder), "-c", str(config), "-g", "daemon off;"]
            )
        else:
            subprocess.run(["nginx", "-p", str(self.folder), "-c", str(config), "-s", "reload"],
                           check=True)  # fmt: skip
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


# `lotse telegram`, with Telegram's rate limits off (as in benchmarks/telegram.py): the
# limiter would hold every instance at about 30 messages a second, and measure that
INSTANCE = """
import sys
import bot.channels.telegram as telegram
from bot.cli import main
build = telegram.build_application
telegram.build_application = lambda *a, **k: build(*a, **{**k, "rate_limit": False})
sys.exit(main(sys.argv[1:]))
"""


class Instances:
    """`lotse telegram --webhook` processes by port."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.processes: dict[int, subprocess.Popen[bytes]] = {}

    def start(self, port: int) -> None:
        args = ["telegram", "--webhook", "https://drill.example/telegram", "--port", str(port)]
        self.processes[port] = subprocess.Popen(
            [sys.executable, "-c", INSTANCE, *args], cwd=ROOT, env=self.env
        )
        ready = f"http://127.0.0.1:{port}/readyz"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if subprocess.run(["curl", "-sf", "-o", "/dev/null", ready]).returncode == 0:
                return
            time.sleep(0.2)
        raise SystemExit(f"instance on port {port} did not become ready")

    def kill(self, port: int) -> None:
        self.processes[port].send_signal(signal.SIGKILL)
        self.processes[port].wait(10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            process.wait(30)


def normalised(texts: list[str]) -> list[str]:
    return [REFERENCE.sub("L-XXXXXX", t) for t in texts]


def send(api: FakeBotApi, chat: int, kind: str, value: str) -> None:
    if kind == "text":
        api.send_text(chat, value)
    else:
        api.press(chat, value)


def count(api: FakeBotApi, chat: int) -> int:
    with api.condition:
        return len(api.by_chat.get(chat, []))


def reference(api: FakeBotApi, chat: int, script: list[list[tuple[str, str]]]) -> list[list[str]]:
    """The answer of each update, one step at a time (the blocks a family must see)."""
    blocks: list[list[str]] = []
    for group in script:
        for kind, value in group:
            before = count(api, chat)
            send(api, chat, kind, value)
            api.wait_for(chat, before + 1, STEP_LIMIT)
            after = api.settle(chat, quiet=1.0, timeout=STEP_LIMIT)
            blocks.append(normalised([s.text for s in after[before:]]))
    return blocks


def converse(api: FakeBotApi, family: Family, blocks: list[list[str]], sent: list[int]) -> None:
    """Follow the script, waiting (at most STEP_LIMIT) for each group's whole answer."""
    seen, position = count(api, family.chat), 0
    for group in family.script:
        expected = sum(len(b) for b in blocks[position : position + len(group)])
        position += len(group)
        started = time.perf_counter()
        for kind, value in group:
            send(api, family.chat, kind, value)
            sent[0] += 1
            family.updates += 1
        try:
            api.wait_for(family.chat, seen + 1, STEP_LIMIT)
            family.latencies.append(time.perf_counter() - started)
            api.wait_for(family.chat, seen + expected, STEP_LIMIT)
        except AssertionError:
            pass  # no (whole) answer in time: counted as lost by `judge`
        seen = count(api, family.chat)


def occurrences(received: list[str], block: list[str]) -> list[int]:
    """Where a block of messages appears, contiguous, in what a family received."""
    n = len(block)
    return [i for i in range(len(received) - n + 1) if received[i : i + n] == block]


def judge(
    api: FakeBotApi, families: list[Family], blocks: dict[str, list[list[str]]]
) -> dict[str, int]:
    counts = {"updates": 0, "once": 0, "lost": 0, "duplicated": 0, "out_of_order": 0}
    for family in families:
        mine = blocks["handoff" if family.script is HANDOFF else "talk"]
        received = normalised([s.text for s in api.by_chat.get(family.chat, [])])
        counts["updates"] += len(mine)
        if received == [t for b in mine for t in b]:
            counts["once"] += len(mine)
            continue
        if os.environ.get("DRILL_SHOW"):
            print(f"  chat {family.chat}: expected {mine}\n    received {received}")
        places = [occurrences(received, b) for b in mine]
        firsts = [p[0] for p in places if len(p) == 1]
        in_order = firsts == sorted(firsts)
        # one message of a block sent twice in a row ([a, b, b, c]): every message came
        collapsed = [m for i, m in enumerate(received) if i == 0 or m != received[i - 1]]
        for where, block in zip(places, mine, strict=True):
            if not where and occurrences(collapsed, block):
                counts["duplicated"] += 1
            elif not where:
                counts["lost"] += 1
            elif len(where) > 1:
                counts["duplicated"] += 1
            elif in_order:
                counts["once"] += 1
            else:
                counts["out_of_order"] += 1
    return counts


def confirmed_and_stored(api: FakeBotApi, families: list[Family], url: str) -> tuple[int, int]:
    confirmed = {
        ref
        for f in families
        if f.script is HANDOFF
        for s in api.by_chat.get(f.chat, [])
        for ref in REFERENCE.findall(s.text)
    }
    engine = create_engine(url)
    with engine.connect() as connection:
        stored = {r for (r,) in connection.execute(text("select reference from handoffs"))}
    engine.dispose()
    return len(confirmed), len(confirmed & stored)


def phase(
    api: FakeBotApi,
    families: list[Family],
    blocks: dict[str, list[list[str]]],
    concurrent: int,
    on_progress: tuple[float, object] | None = None,
) -> tuple[float, int]:
    """Run the families, `concurrent` at a time; (seconds, updates sent)."""
    total = sum(
        len(b) for f in families for b in [blocks["handoff" if f.script is HANDOFF else "talk"]]
    )
    sent = [0]
    fired = threading.Event()

    def watch() -> None:
        if on_progress is None:
            return
        share, action = on_progress
        while not fired.is_set():
            if sent[0] >= share * total:
                fired.set()
                action()  # type: ignore[operator]
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    busy, ticks = machine_ticks()
    own = time.process_time()
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrent) as pool:
        list(
            pool.map(
                lambda f: converse(
                    api, f, blocks["handoff" if f.script is HANDOFF else "talk"], sent
                ),
                families,
            )
        )
    fired.set()
    elapsed = time.perf_counter() - started
    busy_after, ticks_after = machine_ticks()
    share = (busy_after - busy) / max(1, ticks_after - ticks)
    print(f"  machine busy {share:.0%} of {os.cpu_count()} cores during the phase; "
          f"families and test Bot API server {(time.process_time() - own) / elapsed:.0%} "
          f"of a core")  # fmt: skip
    return elapsed, sent[0]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def pct(samples: list[float]) -> str:
    if len(samples) < 2:
        return "n/a"
    qs = statistics.quantiles(samples, n=100)
    return f"p50 {qs[49] * 1e3:.0f} ms, p99 {qs[98] * 1e3:.0f} ms"


def make_families(first: int, n: int) -> list[Family]:
    return [Family(first + i, HANDOFF if i % 5 == 4 else TALK) for i in range(n)]


@contextmanager
def bot_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi()
    api.start()
    try:
        yield api
    finally:
        api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=int, default=500, help="families per phase")
    parser.add_argument("--concurrent", type=int, default=60, help="families writing at once")
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        raise SystemExit("the drill needs nginx: apt-get install nginx-light")
    with (
        tempfile.TemporaryDirectory() as tmp,
        database("postgresql", Path(tmp)) as url,
        bot_api() as api,
    ):
        folder = Path(tmp)
        env = {
            **os.environ,
            "LOTSE_DATA_DIR": str(folder),
            "LOTSE_DATABASE_URL": url,
            "LOTSE_TELEGRAM_TOKEN": TOKEN,
            "LOTSE_TELEGRAM_API_URL": api.base_url,
            "LOTSE_TELEGRAM_SECRET": SECRET,
            "LOTSE_LOG_LEVEL": "ERROR",
        }
        (folder / "nginx").mkdir()
        nginx, instances = Nginx(folder / "nginx"), Instances(env)
        first, second = free_port(), free_port()
        try:
            instances.start(first)
            nginx.serve([first])
            api.deliver_webhooks(
                f"http://127.0.0.1:{nginx.port}/telegram", 64, retry_seconds=1.0, in_order=True
            )
            blocks = {"talk": reference(api, 1, TALK), "handoff": reference(api, 2, HANDOFF)}
            print(f"{os.cpu_count()} cores (load {os.getloadavg()[0]:.1f} before the drill); "
                  f"{args.families} families per phase, "
                  f"{args.concurrent} at once; updates per family: talk "
                  f"{len(blocks['talk'])}, hand-off {len(blocks['handoff'])}")  # fmt: skip
            one = make_families(100_000, args.families)
            seconds_one, updates_one = phase(api, one, blocks, args.concurrent)
            report("1 instance ", one, seconds_one, updates_one, api, blocks, url)

            instances.start(second)
            nginx.serve([first, second])
            two = make_families(200_000, args.families)
            seconds_two, updates_two = phase(api, two, blocks, args.concurrent)
            report("2 instances", two, seconds_two, updates_two, api, blocks, url)
            speed_up = (updates_two / seconds_two) / (updates_one / seconds_one)
            print(f"  two vs one instance: {speed_up:.2f}x")

            def crash() -> None:
                instances.kill(first)
                print("  kill -9 instance 1 after 40 % of the updates; restarting it")
                time.sleep(1.0)
                instances.start(first)

            crashed = make_families(300_000, args.families)
            seconds, updates = phase(api, crashed, blocks, args.concurrent, (0.4, crash))
            report("2 instances, one killed", crashed, seconds, updates, api, blocks, url)
            print(f"  webhook deliveries retried (no 2xx answer): {api.webhook_retries}")
        finally:
            instances.stop_all()
            nginx.stop()


def report(
    name: str,
    families: list[Family],
    seconds: float,
    updates: int,
    api: FakeBotApi,
    blocks: dict[str, list[list[str]]],
    url: str,
) -> None:
    counts = judge(api, families, blocks)
    latencies = [x for f in families for x in f.latencies]
    confirmed, stored = confirmed_and_stored(api, families, url)
    print(
        f"{name}: {updates} updates in {seconds:.1f} s = {updates / seconds:.1f} updates/s; "
        f"answer time {pct(latencies)}\n"
        f"  updates {counts['updates']}: answered exactly once {counts['once']}, "
        f"out of order {counts['out_of_order']}, lost {counts['lost']}, "
        f"duplicated {counts['duplicated']}; hand-offs confirmed {confirmed}, "
        f"of them stored {stored}"
    )


if __name__ == "__main__":
    main()
