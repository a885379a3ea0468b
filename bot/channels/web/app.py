"""The web chat's ASGI application (Starlette, served by uvicorn like the console).

Routes: `/chat?net=<network>` (the page), `/embed.js` (one line on a host page opens the
chat in an iframe), `/static/…`, and the JSON API — `POST /api/turn` (one message,
button, command or location), `GET /api/messages?after=N` (the mailbox) and
`GET /api/events` (the mailbox as server-sent events). The session token travels in
the `X-Lotse-Session` header, never in a URL or a cookie. Every response carries a strict
Content-Security-Policy; only the page may be framed, and only by the listed origins.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.channels.waiting import at_most
from bot.channels.web import mailbox
from bot.channels.web.chat import NETWORK, WebChat, address_of, negotiate, valid_token
from bot.channels.web.page import chat_page
from bot.console.app import MAX_BODY, BodyLimit

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
HEADER = "x-lotse-session"
STREAM_SECONDS = 60.0  # an event stream ends after this; the page opens the next one
KEEP_ALIVE = 15.0
POLL_SECONDS = 1.0  # how often an instance looks for messages delivered by another
BASE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
}


def frame_ancestors(origins: tuple[str, ...]) -> str:
    """The CSP `frame-ancestors` source list: the chat's own origin and the listed ones."""
    return " ".join(("'self'", *origins))


class Headers:
    """Security headers on every response; the page alone may be framed (by the listed origins)."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.page_policy = f"{BASE_POLICY}; frame-ancestors {frame_ancestors(origins)}"
        self.other_policy = f"{BASE_POLICY}; frame-ancestors 'none'"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        page = path == "/chat"
        policy = self.page_policy if page else self.other_policy

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                extra = {**HEADERS, "Content-Security-Policy": policy}
                if path == "/embed.js":
                    extra["Cross-Origin-Resource-Policy"] = "cross-origin"
                if not page:
                    extra["X-Frame-Options"] = "DENY"
                headers += [(k.lower().encode(), v.encode()) for k, v in extra.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class Mailroom:
    """Delivers the web channel's outbox rows and wakes the open event streams."""

    def __init__(self, chat: WebChat, poll_seconds: float = POLL_SECONDS) -> None:
        self.chat = chat
        self.poll_seconds = poll_seconds
        self.latest = 0
        self.wake = asyncio.Event()
        self.changed = asyncio.Condition()
        self._purged_at: dt.datetime | None = None

    async def run(self) -> None:
        """Deliver and watch until cancelled; woken early after a turn queued something."""
        while True:
            try:
                await self.round()
            except asyncio.CancelledError:
                raise
            except SQLAlchemyError as error:
                log.warning("web mailbox: database unreachable (%s)", type(error).__name__)
            except Exception:
                log.exception("web mailbox failed; trying again")
            await at_most(self.poll_seconds, self.wake.wait())
            self.wake.clear()

    async def round(self) -> None:
        """Deliver what is due, purge old messages hourly, wake streams on news."""
        service = self.chat.service
        now = service.clock()
        engine = service.engine
        await asyncio.to_thread(
            mailbox.deliver_due, engine, self.chat.notices, service.catalog, now
        )
        if self._purged_at is None or now - self._purged_at > dt.timedelta(hours=1):
            self._purged_at = now
            await asyncio.to_thread(mailbox.purge, engine, self.chat.config.retention_days, now)
            await asyncio.to_thread(self.chat.limiter.purge, now)
        latest = await asyncio.to_thread(mailbox.latest_id, engine)
        if latest != self.latest:
            self.latest = latest
            async with self.changed:
                self.changed.notify_all()

    async def wait(self, timeout: float) -> None:
        """Until a new message arrived in any chat, or the timeout."""
        async with self.changed:
            await at_most(timeout, self.changed.wait())


def _token(request: Request) -> str | None:
    token = request.headers.get(HEADER)
    return token if valid_token(token) else None


def _after(request: Request) -> int:
    raw = request.query_params.get("after") or request.headers.get("last-event-id") or "0"
    return int(raw) if raw.isascii() and raw.isdecimal() and len(raw) < 12 else 0


def create_app(chat: WebChat, poll_seconds: float = POLL_SECONDS) -> Starlette:
    """The web chat application."""
    mailroom = Mailroom(chat, poll_seconds)
    engine = chat.service.engine

    async def page(request: Request) -> Response:
        hint = request.query_params.get("lang")
        language = hint if hint in chat.service.renderer.translations else None
        language = language or negotiate(request.headers.get("accept-language")) or "de"
        network = request.query_params.get("net", "")
        network = network if NETWORK.fullmatch(network) else ""
        html = chat_page(
            language, chat.labels(language), network, request.query_params.get("embed") == "1"
        )
        return Response(
            html,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-store", "Vary": "Accept-Language"},
        )

    async def embed(_request: Request) -> Response:
        return FileResponse(
            STATIC / "embed.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    async def turn(request: Request) -> Response:
        token = _token(request)
        if token is None:
            return JSONResponse({"error": "missing or malformed session token"}, 401)
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return JSONResponse({"error": "the body is not JSON"}, 400)
        hint = negotiate(request.headers.get("accept-language"))
        client = request.client.host if request.client else "unknown"
        answer = await asyncio.to_thread(chat.turn, token, client, body, hint)
        if answer.body.get("outbox"):
            mailroom.wake.set()
        return JSONResponse(answer.body, answer.status, headers={"Cache-Control": "no-store"})

    async def messages(request: Request) -> Response:
        token = _token(request)
        if token is None:
            return JSONResponse({"error": "missing or malformed session token"}, 401)
        found = await asyncio.to_thread(
            mailbox.messages_after, engine, address_of(token), _after(request)
        )
        return JSONResponse(
            {"messages": [d.as_json() for d in found]}, headers={"Cache-Control": "no-store"}
        )

    async def events(request: Request) -> Response:
        token = _token(request)
        if token is None:
            return JSONResponse({"error": "missing or malformed session token"}, 401)
        address = address_of(token)
        start = _after(request)

        async def stream() -> AsyncIterator[str]:
            last = start
            loop = asyncio.get_running_loop()
            deadline = loop.time() + STREAM_SECONDS
            yield "retry: 3000\n\n"
            while loop.time() < deadline:
                found = await asyncio.to_thread(mailbox.messages_after, engine, address, last)
                for delivered in found:
                    last = delivered.id
                    data = json.dumps(delivered.as_json(), ensure_ascii=False)
                    yield f"id: {delivered.id}\ndata: {data}\n\n"
                await mailroom.wait(min(KEEP_ALIVE, max(0.0, deadline - loop.time())))
                yield ": keep-alive\n\n"

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    async def home(_request: Request) -> Response:
        return RedirectResponse("/chat", 303)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(mailroom.run())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes = [
        Route("/", home),
        Route("/chat", page),
        Route("/embed.js", embed),
        Route("/api/turn", turn, methods=["POST"]),
        Route("/api/messages", messages),
        Route("/api/events", events),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.mailroom = mailroom
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    app.add_middleware(Headers, origins=chat.config.embed_origins)
    return app
