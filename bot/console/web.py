"""What every console page shares: the logged-in user, CSRF checks, templates, language.

Pages are plain functions `(request, page) -> Response` that run on a worker thread
(the database calls are synchronous); `guarded` turns one into a Starlette endpoint
that first finds the session (or sends the browser to the login page) and, for every
POST, checks the form's CSRF token (403 without it).
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.casework import messages as sm
from bot.casework.freshness import Freshness
from bot.casework.messages import S_
from bot.casework.reports import Reports
from bot.casework.review import Review
from bot.casework.service import Actor, Casework, utc_now
from bot.console.auth import LOCK_MINUTES, LoginLimiter, actor_of, same_token
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES, language_name, load_translations
from bot.i18n.render import Renderer
from bot.storage import accounts_repo
from bot.storage.accounts_repo import WebSession
from bot.storage.catalog import OfferCatalog
from bot.storage.db import transaction

SESSION_COOKIE = "lotse_console"
LANGUAGE_COOKIE = "lotse_console_language"
TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCAL_TIME = ZoneInfo("Europe/Berlin")


@dataclass
class ConsoleConfig:
    """How the console behaves (from the settings)."""

    secure_cookies: bool = True
    session_hours: int = 8
    fresh_months: int = 12
    report_min_count: int = 5
    # login attempts one client address may make within the lock-out time
    login_attempts_per_address: int = 30


@dataclass
class Console:
    """Everything the pages need; one per process."""

    engine: Engine
    locales: Path
    config: ConsoleConfig = field(default_factory=ConsoleConfig)
    clock: Callable[[], dt.datetime] = utc_now

    def __post_init__(self) -> None:
        self.casework = Casework(self.engine, self.clock)
        self.review = Review(self.engine, self.clock)
        self.reports = Reports(self.engine, self.config.report_min_count)
        self.freshness = Freshness(self.engine, self.clock)
        self.catalog = OfferCatalog(self.engine, check_seconds=1.0)
        self.family = Renderer(self.locales)
        self.login_limiter = LoginLimiter(
            self.config.login_attempts_per_address, dt.timedelta(minutes=LOCK_MINUTES)
        )
        self.translations = load_translations(self.locales, STAFF_DOMAIN, STAFF_LANGUAGES)
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def gettext(self, language: str) -> gettext.GNUTranslations:
        """The console catalog of a language (German by default)."""
        return self.translations.get(language) or self.translations["de"]

    def network_names(self) -> dict[str, str]:
        """Network id -> name, from the offer data."""
        return {n.id: n.name for n in self.catalog.current().data.networks}


@dataclass
class Page:
    """One request's view: who, in which language, with which CSRF token."""

    console: Console
    request: Request
    language: str
    session: WebSession | None = None
    token: str | None = None
    form: Mapping[str, Any] = field(default_factory=dict)
    form_lists: Mapping[str, list[str]] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        """The logged-in user as the case-work actor."""
        assert self.session is not None
        return actor_of(self.session.account)

    def networks(self) -> dict[str, str]:
        """The networks this user may see: id -> name."""
        names = self.console.network_names()
        if self.session is None:
            return {}
        account = self.session.account
        if self.actor.roles.admin:
            return dict(sorted(names.items(), key=lambda kv: kv[1]))
        return {n: names.get(n, n) for n in account.networks}

    def _(self, message: str) -> str:
        return self.console.gettext(self.language).gettext(message)

    def need_label(self, need: str) -> str:
        """A need's name in the console language."""
        label = m.NEED_LABELS.get(need)
        return self.console.family.text(Msg(label), self.language, False) if label else need

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """A page from a template, with what every template uses."""
        translations = self.console.gettext(self.language)
        body = self.console.templates.get_template(template).render(
            _=translations.gettext,
            ngettext=translations.ngettext,
            lang=self.language,
            user=self.session.account if self.session else None,
            csrf=self.session.csrf_token if self.session else "",
            path=self.request.url.path,
            need_label=self.need_label,
            language_label=lambda c: language_name(c, self.language, capitalize=True),
            when=lambda t: format_datetime(t, "short", tzinfo=LOCAL_TIME, locale=self.language),
            network_names=self.console.network_names(),
            outcome_label=lambda o: translations.gettext(sm.OUTCOMES.get(o or "", o or "–")),
            times_label=lambda t: translations.gettext(sm.TIMES.get(t or "any", sm.TIMES["any"])),
            **values,
        )
        return HTMLResponse(body, status_code=status, headers=NO_STORE)


NO_STORE = {"Cache-Control": "no-store"}
Handler = Callable[[Page], Response]


def negotiated_language(request: Request) -> str:
    """The console language: the cookie's, else the browser's, else German."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in STAFF_LANGUAGES:
        return chosen
    header = request.headers.get("accept-language", "")
    wanted = [part.split(";")[0].strip().replace("-", "_") for part in header.split(",") if part]
    found = Locale.negotiate(wanted, list(STAFF_LANGUAGES), sep="_")
    return found.language if found is not None else "de"


def _lists(form: FormData | None) -> dict[str, list[str]]:
    if form is None:
        return {}
    return {key: [str(v) for v in form.getlist(key)] for key in form}


def guarded(
    handler: Handler, console: Console, public: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint: find the session, check CSRF on posts, run the page."""

    async def endpoint(request: Request) -> Response:
        form = await request.form() if request.method == "POST" else None
        return await run_in_threadpool(_run, handler, console, request, form, public)

    return endpoint


def _run(
    handler: Handler, console: Console, request: Request, form: FormData | None, public: bool
) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    session = None
    if token:
        with transaction(console.engine) as db:
            session = accounts_repo.find_session(db, token, console.clock())
    language = session.language if session else negotiated_language(request)
    page = Page(
        console, request, language, session, token,
        {k: str(v) for k, v in form.items()} if form else {}, _lists(form),
    )  # fmt: skip
    if session is None and not public:
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    posted = request.method == "POST" and session is not None and not public
    if posted and session is not None and not same_token(session.csrf_token, page.form.get("csrf")):
        return page.render("error.html", status=403, message=page._(FORM_EXPIRED))
    return handler(page)


FORM_EXPIRED = S_("This form has expired or did not come from this console. Please try again.")
