"""The outbox worker: delivers case posts, notices to families and relayed messages.

Rows are taken with a lease (`not_before` moves a minute ahead) so that a second
worker does not send them too; a crashed worker's rows come back after the lease.
A 403 (the family blocked the bot, or Lotse was removed from a coordinators' chat)
ends a row for good and marks the chat unusable: nothing is retried forever.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.exc import OperationalError
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.casework.notices import Notice
from bot.channels.telegram.chats import CHANNEL, Lotse
from bot.channels.telegram.markup import buttons
from bot.channels.waiting import at_most
from bot.storage import cases_repo, outbox_repo
from bot.storage.db import transaction
from bot.storage.models import OutboxRow

log = logging.getLogger(__name__)
LEASE = dt.timedelta(seconds=60)
SENT, DEAD, SKIPPED, RETRY = "sent", "dead", "skipped", "retry"


@dataclass(frozen=True)
class Outcome:
    """How one delivery went."""

    result: str
    posted: str | None = None  # "chat:message" of a new post
    retry_after: float | None = None
    forbidden: bool = False  # 403: the chat is gone for good


class OutboxWorker:
    """Delivers due outbox rows of the Telegram channel."""

    def __init__(
        self, lotse: Lotse, bot: Bot, poll_seconds: float = 2.0, remind_after_days: float = 2.0
    ) -> None:
        self.lotse = lotse
        self.bot = bot
        self.poll_seconds = poll_seconds
        self.remind_after_days = remind_after_days
        self._reminded_at: dt.datetime | None = None
        self._down: str | None = None

    async def run(self) -> None:
        """Deliver until cancelled; woken early when a handler queued something."""
        while True:
            try:
                await self.deliver_due()
                await self._remind_if_due()
            except asyncio.CancelledError:
                raise
            except OperationalError as error:  # the database is away: say so once, wait
                if self._down is None:
                    log.error("outbox paused: database unreachable (%s)", type(error).__name__)
                self._down = type(error).__name__
            except Exception:
                log.exception("outbox delivery failed; trying again")
            else:
                if self._down is not None:
                    log.warning("outbox resumed: database reachable again")
                self._down = None
            await at_most(self.poll_seconds, self.lotse.wake_outbox.wait())
            self.lotse.wake_outbox.clear()

    async def deliver_due(self) -> int:
        """Deliver what is due now; return how many rows were handled."""
        batch = await asyncio.to_thread(self._take)
        for row_id, notice in batch:
            outcome = Outcome(SKIPPED) if notice is None else await self._deliver(notice)
            await asyncio.to_thread(self._finish, row_id, notice, outcome)
        return len(batch)

    async def _remind_if_due(self) -> None:
        now = self.lotse.service.clock()
        if self._reminded_at is not None and now - self._reminded_at < dt.timedelta(minutes=10):
            return
        self._reminded_at = now
        queued = await asyncio.to_thread(
            self.lotse.casework.enqueue_reminders, self.remind_after_days
        )
        if queued:
            self.lotse.wake_outbox.set()

    def _take(self) -> list[tuple[int, Notice | None]]:
        now = self.lotse.service.clock()
        data = self.lotse.service.catalog.current().data
        taken = []
        with transaction(self.lotse.service.engine) as session:
            for row in outbox_repo.take_due(session, CHANNEL, now, lease=LEASE):
                taken.append((row.id, self.lotse.notices.render(session, row, data)))
        return taken

    async def _deliver(self, notice: Notice) -> Outcome:
        try:
            for address, text in notice.extra_edits:
                await self._edit(address, text, None)
            if notice.edit:
                await self._edit(notice.edit, notice.text, notice)
                return Outcome(SENT)
            if notice.chat is None:
                return Outcome(SKIPPED)
            sent = await self.bot.send_message(
                int(notice.chat),
                notice.text,
                parse_mode=ParseMode.HTML,
                reply_markup=buttons(notice.options),
            )
            return Outcome(SENT, f"{notice.chat}:{sent.message_id}")
        except Forbidden:
            return Outcome(DEAD, forbidden=True)
        except RetryAfter as error:
            seconds = error.retry_after
            wait = seconds.total_seconds() if isinstance(seconds, dt.timedelta) else float(seconds)
            return Outcome(RETRY, retry_after=wait)
        except BadRequest as error:
            log.warning("outbox %s refused by Telegram: %s", notice.kind, error.message)
            return Outcome(DEAD)
        except NetworkError:
            return Outcome(RETRY)

    async def _edit(self, address: str, text: str, notice: Notice | None) -> None:
        chat, _, message = address.partition(":")
        try:
            await self.bot.edit_message_text(
                text,
                chat_id=int(chat),
                message_id=int(message),
                parse_mode=ParseMode.HTML,
                reply_markup=buttons(notice.options) if notice else None,
            )
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                raise

    def _finish(self, row_id: int, notice: Notice | None, outcome: Outcome) -> None:
        now = self.lotse.service.clock()
        with transaction(self.lotse.service.engine) as session:
            row = session.get(OutboxRow, row_id)
            if row is None:  # erased meanwhile (/delete)
                return
            if outcome.result == RETRY:
                outbox_repo.retry_later(row, now, outcome.retry_after)
                return
            outbox_repo.finish(row, outcome.result, now)
            if notice is None:
                return
            case = cases_repo.row_of(session, notice.reference) if notice.reference else None
            if outcome.result == SENT and notice.remember == "post" and case is not None:
                case.post_address = outcome.posted
            if not outcome.forbidden:
                return
            if notice.to_family and case is not None:
                case.family_reachable = False
                log.info("a family of network %s cannot be reached in the chat", case.network_id)
                if notice.kind == "relay_family" and case.coordinator_address:
                    outbox_repo.enqueue(session, "relay_failed", CHANNEL, case.reference, {}, now)
            elif notice.chat:
                cases_repo.deactivate_chat(session, CHANNEL, notice.chat)
