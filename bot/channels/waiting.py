"""Waiting with a time limit in the channels' background loops.

`asyncio.wait_for` on Python 3.11 loses a cancellation that arrives in the same moment
as the awaited event (gh-86296): a `while True` loop around it — the web chat's
mailroom, the Telegram inbox and outbox — then never stops, and a shutdown that awaits
it hangs (seen as a test run that hung in a web test's teardown). `asyncio.timeout`
keeps the cancellation.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable


async def at_most(seconds: float, waiting: Awaitable[object]) -> None:
    """Await `waiting`, but no longer than `seconds`; a cancellation always propagates."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await waiting
