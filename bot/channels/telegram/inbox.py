"""Updates into the database first, then to the handlers: durable, once, in order per chat.

The webhook server and the polling loop hand every update to `UpdateInbox.receive`,
which stores it (`inbox_repo.store`) before the webhook answers 200 or the poll
confirms its offset; a re-delivered update is stored once. Each process runs a worker
(`run`) that claims the first unanswered update of free chats — across all processes —
and passes it to the PTB application; a family's turn stores its replies with its state
(`ConversationService.handle(once=…)`), so an update taken over after a crash is
answered with the stored replies instead of running the dialogue again.

While the database is unreachable, an update cannot be stored: it is handled at once
instead (the conversation service answers a crisis with the emergency numbers and
anything else with an apology), so an outage never silences the emergency numbers.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import Application

from bot.channels.telegram.ordering import chat_key
from bot.channels.waiting import at_most
from bot.storage import inbox_repo
from bot.storage.db import transaction

log = logging.getLogger(__name__)
CHANNEL = "telegram"
LEASE = dt.timedelta(seconds=15)  # a claim older than this is taken over by another worker


def once_key(update_id: int) -> str:
    """The inbox id of a Telegram update."""
    return f"{CHANNEL}:{update_id}"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UpdateInbox:
    """Stores incoming updates, and feeds stored ones to the application chat by chat."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        engine: Engine,
        concurrency: int = 64,
        poll_seconds: float = 0.1,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.app = app
        self.engine = engine
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.clock = clock
        self.wake = asyncio.Event()
        self.stopping = False
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.answered: list[str] = []  # finished in the next claim's transaction
        self.database_ok = True

    async def receive(self, data: dict[str, Any]) -> bool:
        """Store one update (True), or — without a database — handle it right away (False)."""
        update = Update.de_json(data, self.app.bot)
        key = chat_key(update)
        chat = ":".join(str(part) for part in key) if isinstance(key, tuple) else "other"
        try:
            await asyncio.to_thread(self._store, update.update_id, chat, json.dumps(data))
        except SQLAlchemyError:
            self._database(False)
            await self.app.process_update(update)  # the safety net answers it
            return False
        self._database(True)
        self.wake.set()
        return True

    def _store(self, update_id: int, chat: str, payload: str) -> None:
        with transaction(self.engine) as session:
            inbox_repo.store(session, CHANNEL, update_id, chat, payload, self.clock())

    def _database(self, ok: bool) -> None:
        if ok != self.database_ok:
            if ok:
                log.warning("database reachable again: updates are stored before they are answered")
            else:
                log.error("database unreachable: updates are answered without being stored")
        self.database_ok = ok

    async def run(self) -> None:
        """Claim and handle stored updates until `stop`."""
        while not self.stopping:
            free = self.concurrency - len(self.tasks)
            claimed: list[tuple[str, str | None]] = []
            if free > 0 or self.answered:
                answered, self.answered = self.answered, []
                try:
                    claimed = await asyncio.to_thread(self._claim, max(free, 0), answered)
                    self._database(True)
                except SQLAlchemyError:
                    self.answered += answered
                    self._database(False)
            for update_id, payload in claimed:
                task = asyncio.create_task(self._handle(update_id, payload))
                self.tasks[update_id] = task
                task.add_done_callback(functools.partial(self._done, update_id))
            if claimed and len(claimed) == free:
                await asyncio.sleep(0)
                continue
            self.wake.clear()
            await at_most(self.poll_seconds, self.wake.wait())

    def _done(self, update_id: str, _task: asyncio.Task[None]) -> None:
        self.tasks.pop(update_id, None)
        self.wake.set()  # the chat's next update may wait here

    def _claim(self, limit: int, answered: list[str]) -> list[tuple[str, str | None]]:
        with transaction(self.engine) as session:
            inbox_repo.finish(session, answered, self.clock())
            if not limit:
                return []
            rows = inbox_repo.claim(session, CHANNEL, self.clock(), LEASE, limit)
            return [(row.id, row.payload) for row in rows]

    async def _handle(self, update_id: str, payload: str | None) -> None:
        try:
            if payload:
                update = Update.de_json(json.loads(payload), self.app.bot)
                await self.app.process_update(update)
            self.answered.append(update_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("an update could not be handled; it is tried again later")
            try:
                await asyncio.to_thread(self._retry, update_id)
            except SQLAlchemyError:
                log.error("database unreachable: the update's claim runs out by itself")

    def _finish(self, update_ids: list[str]) -> None:
        with transaction(self.engine) as session:
            inbox_repo.finish(session, update_ids, self.clock())

    def _retry(self, update_id: str) -> None:
        with transaction(self.engine) as session:
            inbox_repo.retry_later(session, update_id, self.clock(), 5.0)

    async def stop(self, grace: float) -> None:
        """Claim nothing more; let running updates finish for `grace` seconds, then cancel.

        A cancelled update keeps its claim until the lease runs out; then another worker
        answers it (with the stored replies, if its turn was already stored).
        """
        self.stopping = True
        self.wake.set()
        running = list(self.tasks.values())
        keys = dict(self.tasks)
        if running:
            _done, late = await asyncio.wait(running, timeout=grace)
            for task in late:
                task.cancel()
            if late:
                log.warning("%d update(s) left to other workers at shutdown", len(late))
                ids = [key for key, task in keys.items() if task in late]
                with contextlib.suppress(SQLAlchemyError):  # else the claims run out
                    await asyncio.to_thread(self._release, ids)
        if self.answered:
            answered, self.answered = self.answered, []
            with contextlib.suppress(SQLAlchemyError):  # else answered again, from storage
                await asyncio.to_thread(self._finish, answered)

    def _release(self, update_ids: list[str]) -> None:
        with transaction(self.engine) as session:
            inbox_repo.release(session, update_ids)
