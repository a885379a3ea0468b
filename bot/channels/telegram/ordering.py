"""Updates of one chat in order, different chats at the same time.

PTB either handles every update one after the other (slow: one family waits for
another's database write) or all at once (fast, but a family's second message could
be answered before its first). This processor keeps one lock per chat: updates of a
chat wait for each other, in arrival order (asyncio locks are fair); all other chats
go on concurrently, up to `max_concurrent_updates`. (`lotse telegram` feeds updates
from the inbox, which orders them across processes: `inbox.py`.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> object:
    """What orders an update: its chat, else its user (inline queries), else itself."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        return ("update", update.update_id)
    return ("other", id(update))


class PerChatOrder(BaseUpdateProcessor):
    """Serialise updates per chat; run chats concurrently."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._holders: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for earlier updates of the same chat, then handle this one."""
        key = chat_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
