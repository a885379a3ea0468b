"""Run the Telegram channel: a webhook server or a polling loop, the inbox, health, shutdown.

Both modes store every update before acknowledging it (`inbox.py`): the webhook answers
200 once the update is a database row, the polling loop confirms an offset only after
storing. The webhook server also answers `GET /healthz` (the process is alive) and
`GET /readyz` (200 when the database answers and the recogniser is loaded, else 503)
for a load balancer. SIGTERM (or Ctrl-C) stops accepting, lets running turns finish for
`GRACE` seconds, and exits; what is left keeps its claim for another worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy import Engine
from telegram.error import NetworkError, TelegramError

from bot.channels.telegram.inbox import UpdateInbox
from bot.runtime import database_ready

log = logging.getLogger(__name__)
GRACE = 1.5  # seconds running turns get after SIGTERM (exit within 2 s)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


@dataclass
class Readiness:
    """What `/readyz` reports: the database answers, the recogniser is loaded."""

    engine: Engine
    recogniser: Callable[[], bool] = lambda: True

    async def check(self) -> dict[str, bool]:
        """The checks, each True or False."""
        database = await asyncio.to_thread(database_ready, self.engine)
        return {"database": database, "recogniser": self.recogniser()}


def health_routes(readiness: Readiness) -> list[web.RouteDef]:
    """`GET /healthz` and `GET /readyz` for an aiohttp application."""

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"alive": True})

    async def readyz(_request: web.Request) -> web.Response:
        checks = await readiness.check()
        return web.json_response(checks, status=200 if all(checks.values()) else 503)

    return [web.get("/healthz", healthz), web.get("/readyz", readyz)]


def webhook_app(
    inbox: UpdateInbox, path: str, secret: str, readiness: Readiness
) -> web.Application:
    """The webhook endpoint (`POST /<path>`) and the health routes."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
            int(data["update_id"])
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400)
        await inbox.receive(data)  # stored (or, without a database, already answered)
        return web.Response(status=200)

    app = web.Application(client_max_size=MAX_BODY)
    app.add_routes([web.post(f"/{path.strip('/')}", receive), *health_routes(readiness)])
    return app


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


@dataclass
class Webhook:
    """Where the webhook server listens and what Telegram is told."""

    url: str
    secret: str
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = "telegram"


async def serve(
    app: Any,
    engine: Engine,
    allowed_updates: list[str],
    webhook: Webhook | None = None,
    stopped: Callable[[], Any] | None = None,
) -> None:
    """Run the bot until SIGTERM/SIGINT (or until `stopped()` — an awaitable — finishes)."""
    inbox = UpdateInbox(app, engine)
    readiness = Readiness(engine, lambda: app.bot_data.get("lotse") is not None)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    worker = asyncio.create_task(inbox.run())
    runner: web.AppRunner | None = None
    poller: asyncio.Task[None] | None = None
    try:
        if webhook is not None:
            runner = web.AppRunner(
                webhook_app(inbox, webhook.path, webhook.secret, readiness),
                access_log=None,
                handle_signals=False,
                shutdown_timeout=0.5,
            )
            await runner.setup()
            await web.TCPSite(runner, webhook.listen, webhook.port).start()
            await app.bot.set_webhook(
                webhook.url, secret_token=webhook.secret, allowed_updates=allowed_updates
            )
        else:
            await app.bot.delete_webhook()
            poller = asyncio.create_task(poll(app, inbox, allowed_updates))
        await (stopped() if stopped is not None else _until_signalled())
    finally:
        if poller is not None:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
        if runner is not None:
            await runner.cleanup()  # no new updates; answers to requests in flight
        await inbox.stop(GRACE)
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()


async def poll(app: Any, inbox: UpdateInbox, allowed_updates: list[str]) -> None:
    """Long polling: store each update, then confirm it with the next offset."""
    offset = 0
    while True:
        try:
            updates = await app.bot.get_updates(
                offset=offset, timeout=10, allowed_updates=allowed_updates
            )
        except NetworkError:
            await asyncio.sleep(1.0)
            continue
        except TelegramError:
            log.exception("getUpdates failed; trying again")
            await asyncio.sleep(2.0)
            continue
        for update in updates:
            await inbox.receive(update.to_dict())
            offset = update.update_id + 1
