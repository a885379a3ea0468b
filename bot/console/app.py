"""The coordinators' web console: a Starlette application with server-rendered pages.

`lotse console` serves it (uvicorn). No front-end build: Jinja2 templates, one
stylesheet, charts as inline SVG. Every response carries security headers; pages
with personal data are never cached.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.console import pages
from bot.console.web import TEMPLATES, Console, Handler, guarded

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    """The same strict headers on every response."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Add the headers."""
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


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
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
