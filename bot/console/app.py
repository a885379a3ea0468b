"""The coordinators' web console: a Starlette application with server-rendered pages.

`lotse console` serves it (uvicorn). No front-end build: Jinja2 templates, one
stylesheet, charts as inline SVG. Every response carries security headers (HSTS too
when the cookies are HTTPS-only); pages with personal data are never cached. A request
body over `MAX_BODY` bytes is refused with 413 before it is read.
"""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.console import pages
from bot.console.web import TEMPLATES, Console, Handler, guarded
from bot.runtime import database_ready

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
HSTS = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
MAX_BODY = 64 * 1024


class SecurityHeaders(BaseHTTPMiddleware):
    """The same strict headers on every response; HSTS when the console is HTTPS-only."""

    def __init__(self, app: ASGIApp, https_only: bool = True) -> None:
        super().__init__(app)
        self.headers = {**SECURITY_HEADERS, **(HSTS if https_only else {})}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Add the headers."""
        response = await call_next(request)
        response.headers.update(self.headers)
        return response


class _TooLarge(Exception):
    """The body grew beyond the limit while it was read."""


class BodyLimit:
    """Answer 413 to a request body over `limit` bytes, reading at most that much of it.

    A declared Content-Length over the limit is refused before any byte is read; a body
    without one (chunked) is counted while the page reads it and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count what arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = b"Request body too large"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def health_routes(console: Console) -> list[Route]:
    """`/healthz` (the process is alive) and `/readyz` (the database answers) for a balancer."""

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"alive": True})

    async def readyz(_request: Request) -> Response:
        database = await asyncio.to_thread(database_ready, console.engine)
        return JSONResponse({"database": database}, status_code=200 if database else 503)

    return [Route("/healthz", healthz), Route("/readyz", readyz)]


def create_app(console: Console) -> Starlette:
    """The console application."""

    def route(path: str, handler: Handler, public: bool = False) -> Route:
        return Route(path, guarded(handler, console, public), methods=["GET", "POST"])

    routes = [
        route("/login", pages.login, public=True),
        Route("/logout", guarded(pages.logout, console), methods=["POST"]),
        Route("/language", guarded(pages.language, console), methods=["POST"]),
        route("/", pages.overview),
        route("/questions", pages.questions),
        route("/cases", pages.cases),
        route("/cases/{reference}", pages.case),
        route("/reports", pages.report),
        route("/reports.csv", pages.report_csv),
        route("/offers", pages.offers),
        route("/offers/{offer}", pages.offer),
        Mount("/static", StaticFiles(directory=TEMPLATES.parent / "static"), name="static"),
        *health_routes(console),
    ]
    middleware = [
        Middleware(SecurityHeaders, https_only=console.config.secure_cookies),
        Middleware(BodyLimit, limit=MAX_BODY),
    ]
    return Starlette(routes=routes, middleware=middleware)
