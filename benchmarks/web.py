"""Benchmark the web chat end to end: turns per second, p50/p99, memory per open chat.

Run: .venv/bin/python benchmarks/web.py [--chats 50] [--rounds 2] [--db sqlite|postgresql|both]

The real `lotse web` runs in its own process on 127.0.0.1 (rate limits raised for the
run). Simulated families (`--chats` at once, asyncio + httpx in this process) each go
through a short conversation — start, a need with a place, a button, thanks — waiting
for each answer before the next message, as people do. Then each family opens the
live-update stream and the server's resident memory is compared before and after:
the difference per open stream is the memory per open chat. Prints figures; asserts
nothing. PostgreSQL runs need the server of LOTSE_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the same throw-away databases (with the demo offers) and ports as the Telegram benchmark
from benchmarks.telegram import database, free_port  # noqa: E402

LOTSE = str(Path(sys.executable).parent / "lotse")
SCRIPT: list[dict[str, object]] = [
    {"command": "start"},
    {"text": "Mein Baby schreit sehr viel, wir wohnen in Gummersbach"},
    {"choice": "handoff:no"},
    {"text": "Danke, tschüss"},
]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def family(client: httpx.AsyncClient, latencies: list[float]) -> str:
    token = secrets.token_urlsafe(32)
    headers = {"X-Lotse-Session": token, "Accept-Language": "de"}
    for body in SCRIPT:
        started = time.perf_counter()
        answer = await client.post("/api/turn", json=body, headers=headers)
        latencies.append(time.perf_counter() - started)
        answer.raise_for_status()
    return token


async def hold_stream(client: httpx.AsyncClient, token: str, opened: asyncio.Event) -> None:
    headers = {"X-Lotse-Session": token}
    async with client.stream("GET", "/api/events", headers=headers) as stream:
        async for _chunk in stream.aiter_raw():
            opened.set()


async def measure(base: str, pid: int, chats: int, rounds: int) -> None:
    limits = httpx.Limits(max_connections=chats * 2 + 10)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        await family(client, [])  # warm up: the first turn loads the offer index
        latencies: list[float] = []
        tokens: list[str] = []
        started = time.perf_counter()
        for _ in range(rounds):
            tokens = await asyncio.gather(*(family(client, latencies) for _ in range(chats)))
        elapsed = time.perf_counter() - started
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"  {chats} chats x {rounds} rounds: {len(latencies) / elapsed:.0f} turns/s, "
            f"p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
        )
        before = rss_kb(pid)
        events = [asyncio.Event() for _ in tokens]
        holders = [
            asyncio.create_task(hold_stream(client, t, e))
            for t, e in zip(tokens, events, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 60)
        await asyncio.sleep(1.0)
        after = rss_kb(pid)
        for holder in holders:
            holder.cancel()
        await asyncio.gather(*holders, return_exceptions=True)
        per_chat = (after - before) / len(tokens)
        print(
            f"  {len(tokens)} open chats (live streams): server RSS {before / 1024:.0f} → "
            f"{after / 1024:.0f} MB, {per_chat:.0f} kB per open chat"
        )


def run(kind: str, chats: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as url:
        env = {
            **os.environ,
            "LOTSE_DATA_DIR": folder,
            "LOTSE_DATABASE_URL": url,
            "LOTSE_WEB_SESSION_TURNS": "100000",
            "LOTSE_WEB_ADDRESS_TURNS": "100000",
            "LOTSE_LOG_LEVEL": "WARNING",
        }
        port = free_port()
        server = subprocess.Popen(
            [LOTSE, "web", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            assert server.stderr is not None
            line = server.stderr.readline()  # "Lotse web chat on …" once it is about to serve
            if "web chat" not in line:
                raise SystemExit(f"lotse web did not start: {line}")
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    httpx.get(f"{base}/chat", timeout=1.0)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"{kind}:")
            asyncio.run(measure(base, server.pid, chats, rounds))
        finally:
            server.terminate()
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    for kind in kinds:
        run(kind, args.chats, args.rounds)


if __name__ == "__main__":
    main()
