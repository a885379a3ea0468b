"""The web chat in a real headless Chromium (Debian's package, driven by Playwright).

A fake municipality page on another loopback port embeds the chat with the one-line
script; everything is done with the keyboard only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Frame, Page, sync_playwright
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from bot.channels.web.app import create_app
from bot.channels.web.chat import WebConfig
from bot.channels.web.limits import Limits
from bot.conversation import ConversationService
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow
from tests.conftest import IN_CI, free_port
from tests.web.conftest import Running, serve, web_chat

CHROMIUM = os.environ.get("LOTSE_TEST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# "we have no money left, we live in Musterstadt"
ARABIC = "ليس لدينا مال، نحن نعيش في موسترشتات"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def host_page(chat_url: str) -> Starlette:
    """A municipality's page that embeds the chat with the one documented line."""

    async def home(_request: Request) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang='de'><head><title>Frühe Hilfen Musterstadt</title></head>"
            "<body><h1>Frühe Hilfen</h1><p>Schreiben Sie uns:</p>"
            f'<script src="{chat_url}/embed.js" data-network="musterstadt" async></script>'
            "<p>Impressum</p></body></html>"
        )

    return Starlette(routes=[Route("/", home)])


@dataclass
class Site:
    """The chat, the listed host page and a host page on an origin not listed."""

    chat: Running
    host: Running
    foreign: Running
    service: ConversationService


@pytest.fixture
def site(service: ConversationService) -> Iterator[Site]:
    chat_port, host_port = free_port(), free_port()
    limits = Limits(per_session=1000, per_address=1000)
    config = WebConfig(embed_origins=(f"http://127.0.0.1:{host_port}",), limits=limits)
    chat = serve(create_app(web_chat(service, config), poll_seconds=0.1), chat_port)
    host = serve(host_page(chat.url), host_port)
    foreign = serve(host_page(chat.url))
    yield Site(chat, host, foreign, service)
    for running in (chat, host, foreign):
        running.server.should_exit = True


def chat_frame(page: Page) -> Frame:
    page.wait_for_selector("iframe.lotse-chat")
    frame = page.frame_locator("iframe.lotse-chat").locator("#log .msg").first
    frame.wait_for()
    found = next(f for f in page.frames if "/chat" in f.url)
    return found


def answers(frame: Frame) -> int:
    return int(frame.locator("#log .msg.bot").count())


def wait_for_answer(frame: Frame, before: int) -> None:
    frame.wait_for_function(
        "n => document.querySelectorAll('#log .msg.bot').length > n "
        "&& document.getElementById('log').getAttribute('aria-busy') === 'false'",
        arg=before,
    )


def tab_to(page: Page, frame: Frame, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if frame.evaluate(
            f"document.activeElement && document.activeElement.matches({selector!r})"
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus")


def press(page: Page, frame: Frame, choice: str) -> None:
    """Choose an option with the keyboard: Tab to its button, Enter."""
    before = answers(frame)
    tab_to(page, frame, f'#log .msg:last-of-type button[data-choice="{choice}"], '
           f'#log button[data-choice="{choice}"]')  # fmt: skip
    page.keyboard.press("Enter")
    wait_for_answer(frame, before)


def options(frame: Frame) -> list[str]:
    return [
        str(b.get_attribute("data-choice"))
        for b in frame.locator("#log .msg:last-child button[data-choice]").all()
    ]


def write(page: Page, frame: Frame, text: str) -> None:
    before = answers(frame)
    tab_to(page, frame, "#message")
    page.keyboard.insert_text(text)
    page.keyboard.press("Enter")
    wait_for_answer(frame, before)


def test_an_arabic_mother_reaches_a_person_from_the_embed_keyboard_only(
    browser: Browser, site: Site
) -> None:
    page = browser.new_page(locale="ar")
    page.goto(site.host.url)
    frame = chat_frame(page)
    first = frame.locator("#log .msg.bot").first
    assert (first.get_attribute("lang"), first.get_attribute("dir")) == ("ar", "rtl")
    write(page, frame, ARABIC)
    if "handoff:yes" not in options(frame):
        press(page, frame, next(o for o in options(frame) if o.startswith("need:")))
    for choice in ("handoff:yes", "consent:yes", "contact:chat", "times:any", "confirm:send"):
        press(page, frame, choice)
    with session_factory(site.service.engine)() as session:
        row = session.scalars(select(HandoffRow)).one()
    assert (row.channel, row.language, row.network_id) == ("web", "ar", "musterstadt")
    assert row.reference in frame.inner_text("#log")
    # right to left by position: Lotse's messages start at the right, hers at the left
    log = frame.locator("#log").bounding_box()
    mine = frame.locator("#log .msg.me").first.bounding_box()
    lotse = frame.locator("#log .msg.bot").last.bounding_box()
    assert log and mine and lotse
    assert abs((lotse["x"] + lotse["width"]) - (log["x"] + log["width"])) < 20
    assert mine["x"] - log["x"] < 20
    assert frame.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.dir") == ""  # the host page is untouched


def test_the_page_passes_an_accessibility_scan_and_fits_a_small_zoomed_phone(
    browser: Browser, site: Site
) -> None:
    page = browser.new_page(locale="fa", viewport={"width": 360, "height": 740})
    loaded: list[int] = []
    page.on("response", lambda r: loaded.append(len(r.body())) if r.ok else None)
    page.goto(f"{site.chat.url}/chat?net=musterstadt")
    page.wait_for_selector("#log .msg.bot")
    weight = sum(loaded[:3])  # the page, its stylesheet and its script
    assert weight <= 100_000, weight
    write(page, page.main_frame, "من باردار هستم و در موسترشتات زندگی می‌کنم")
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"]) for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert serious == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 180, "height": 370})  # 360 px at 200 % zoom
    assert page.evaluate("document.documentElement.scrollWidth") <= 180
    focused = page.locator("#log .msg:last-child button").first
    focused.focus()
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"  # a visible focus


def test_only_listed_origins_may_embed_and_no_inline_script_runs(
    browser: Browser, site: Site
) -> None:
    page = browser.new_page(locale="de")
    page.goto(site.foreign.url)
    page.wait_for_selector("iframe.lotse-chat")
    page.wait_for_timeout(500)
    framed = [f for f in page.frames if f is not page.main_frame]
    assert framed
    assert all(f.locator("#chat").count() == 0 for f in framed)
    chat = browser.new_page(locale="de")
    chat.goto(f"{site.chat.url}/chat")
    chat.wait_for_selector("#log .msg.bot")
    chat.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert chat.evaluate("window.injected === undefined")


def test_too_many_messages_are_answered_in_the_familys_language(
    browser: Browser, service: ConversationService
) -> None:
    config = WebConfig(limits=Limits(per_session=3, per_address=100))
    # the limits count per calendar minute: a clock that stands still keeps every message
    # in one minute, however slow the machine (a run that crossed a minute failed once)
    still = dt.datetime(2026, 12, 7, 12, 0, 30, tzinfo=dt.UTC)
    in_one_minute = replace(service, clock=lambda: still)
    chat = serve(create_app(web_chat(in_one_minute, config), poll_seconds=0.1))
    try:
        page = browser.new_page(locale="ar")
        page.goto(f"{chat.url}/chat")
        page.wait_for_selector("#log .msg.bot")
        frame = page.main_frame
        write(page, frame, "مرحبا")
        write(page, frame, "مرحبا")
        write(page, frame, "مرحبا")
        last = frame.locator("#log .msg.bot").last
        assert "دقيقة" in last.inner_text() and last.get_attribute("dir") == "rtl"
    finally:
        chat.server.should_exit = True


def test_storage_keeps_only_the_token_and_no_cookie(browser: Browser, site: Site) -> None:
    page = browser.new_page(locale="de")
    page.goto(f"{site.chat.url}/chat")
    page.wait_for_selector("#log .msg.bot")
    assert page.context.cookies() == []
    token = page.evaluate("localStorage.getItem('lotse.session')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
