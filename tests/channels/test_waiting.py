"""A background loop that waits with a time limit stops when it is cancelled."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.waiting import at_most


async def test_a_cancel_that_arrives_as_the_event_is_set_stops_the_loop() -> None:
    """With asyncio.wait_for (Python 3.11) this loop went on after the cancel."""
    event = asyncio.Event()
    rounds = 0

    async def loop() -> None:
        nonlocal rounds
        while rounds < 3:  # a bound, so that a regression fails instead of hanging
            await at_most(10, event.wait())
            event.clear()
            rounds += 1

    task = asyncio.create_task(loop())
    await asyncio.sleep(0.01)
    event.set()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert rounds == 0


async def test_at_most_returns_when_the_time_is_up() -> None:
    never = asyncio.Event()
    await at_most(0.01, never.wait())
    assert not never.is_set()
