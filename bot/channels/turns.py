"""Where a channel's turns are handled: on threads of this process, or in worker processes.

Understanding and storing a turn is CPU work under Python's global interpreter lock:
one process answers about 190 updates per second per core (`benchmarks/telegram.py`).
With `workers > 1` the turns run in a pool of processes, each with its own
conversation service built from the settings; the state lives in the database, so it
does not matter which process answers which turn, and the channel keeps each chat's
turns in order.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol

from bot.conversation import ConversationService, Reply
from bot.dialogue.engine import Turn

_SERVICE: ConversationService | None = None


class TurnRunner(Protocol):
    """Handles turns for a channel."""

    async def handle(
        self, channel: str, user_id: str, turn: Turn, once: str | None = None
    ) -> list[Reply]:
        """Answer one turn (`once`: the update's inbox id, see `ConversationService.handle`)."""

    def close(self) -> None:
        """Free what the runner holds."""


class ThreadRunner:
    """Turns on the default thread pool of this process."""

    def __init__(self, service: ConversationService) -> None:
        self.service = service

    async def handle(
        self, channel: str, user_id: str, turn: Turn, once: str | None = None
    ) -> list[Reply]:
        """Answer one turn on a thread."""
        return await asyncio.to_thread(self.service.handle, channel, user_id, turn, once)

    def close(self) -> None:
        """Nothing to free."""


def _start_worker(style_name: str) -> None:
    """Build this worker process's conversation service from the settings."""
    global _SERVICE
    from bot.runtime import build_service, open_or_degraded, style_named, warm_up
    from bot.settings import get_settings

    settings = get_settings()
    engine, _ready = open_or_degraded(settings)  # without a database: the safety net
    service = build_service(settings, engine, style_named(style_name))
    warm_up(service.analyzer, service.renderer)
    _SERVICE = service


def _handle_in_worker(channel: str, user_id: str, turn: Turn, once: str | None) -> list[Reply]:
    assert _SERVICE is not None, "worker not started"
    return _SERVICE.handle(channel, user_id, turn, once)


def _ready() -> bool:
    return _SERVICE is not None


class ProcessRunner:
    """Turns in a pool of worker processes, started (spawned, not forked) right away.

    Spawned: forking a process that already runs an event loop and threads can copy a
    held lock into the child and hang it.
    """

    def __init__(self, workers: int, style_name: str) -> None:
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(style_name,),
        )
        for _ in range(workers):  # start every worker now, not on the first family's turn
            self.pool.submit(_ready)

    async def handle(
        self, channel: str, user_id: str, turn: Turn, once: str | None = None
    ) -> list[Reply]:
        """Answer one turn in a worker process."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.pool, _handle_in_worker, channel, user_id, turn, once
        )

    def close(self) -> None:
        """Stop the workers."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)
