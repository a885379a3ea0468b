"""The console in a real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import select

from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, OutboxRow, TrainingExampleRow
from tests.conftest import IN_CI
from tests.console.conftest import PASSWORD, Served
from tests.harness import Harness, text_of

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
# a mother asks, in Levantine Arabic, "who comes to look at the navel and the stitches?"
# (a midwife's visit after the birth, in words Lotse does not know yet)
ARABIC = "مين بيجي يشوف السرة والقطبة، نحن في موسترشتات"


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


def logged_in(browser: Browser, served: Served, username: str) -> Page:
    page = browser.new_page(locale="de-DE")
    page.goto(f"{served.url}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page


def test_an_arabic_question_assigned_to_midwife_is_understood_next_time(
    browser: Browser, served: Served
) -> None:
    first = Harness(served.service, user="mother-1")
    first.say(ARABIC)
    assert "Familienhebammen Musterland" not in text_of(first.say(ARABIC))
    page = logged_in(browser, served, "erika")
    page.click("text=Fragen")
    group = page.locator("form.group", has_text="السرة والقطبة")
    group.locator("select[name=need]").select_option("midwife")
    group.locator("button[value=assigned]").click()
    page.wait_for_selector("p.notice")
    assert page.locator("form.group", has_text="السرة والقطبة").count() == 0
    with session_factory(served.service.engine)() as session:
        examples = session.scalars(select(TrainingExampleRow)).all()
    assert len(examples) == 2  # the question came twice: one group, one decision
    assert {(e.intent, e.language, e.created_by) for e in examples} == {
        ("midwife", "ar", "Erika Beispiel")
    }
    another = Harness(served.service, user="mother-2")
    assert "Familienhebammen Musterland" in text_of(another.say(ARABIC))


def test_a_request_is_taken_on_and_closed(browser: Browser, served: Served) -> None:
    family = Harness(served.service, user="family-9", channel="telegram")
    family.request_contact_in_chat("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    with session_factory(served.service.engine)() as session:
        reference = session.scalars(select(HandoffRow.reference)).one()
    page = logged_in(browser, served, "erika")
    assert page.inner_text("#open-cases") == "1"
    page.click("text=Anfragen")
    page.click(f"text={reference}")
    page.click("#claim")
    page.wait_for_selector("p.notice")
    assert "Erika Beispiel" in page.inner_text("#status")
    page.select_option("#outcome", "reached")
    page.fill("form:has(#resolve) input[name=note]", "Termin am Dienstag")
    page.click("#resolve")
    page.wait_for_selector("p.notice")
    assert "erreicht" in page.inner_text("#status")
    with session_factory(served.service.engine)() as session:
        row = session.scalars(select(HandoffRow)).one()
        kinds = [r.kind for r in session.scalars(select(OutboxRow))]
    assert (row.status, row.outcome, row.claimed_by) == ("resolved", "reached", "Erika Beispiel")
    assert row.address is None and "case_claimed" in kinds  # the family is told who has it


def test_a_report_shows_the_month_and_its_csv_the_same_figures(
    browser: Browser, served: Served
) -> None:
    for number in range(6):
        Harness(served.service, user=f"family-{number}").say(
            "Wir haben kein Geld mehr, wir wohnen in Musterstadt"
        )
    Harness(served.service, user="one-more").say("Mein Baby schreit viel, wir sind in Musterstadt")
    page = logged_in(browser, served, "erika")
    page.click("text=Berichte")
    assert page.inner_text("#conversations") == "7"
    rows = page.locator("table.bars tr", has_text="Geld")
    assert "6" in rows.first.inner_text()
    crying = page.locator("table.bars tr", has_text="Schreien")
    assert "< 5" in crying.first.inner_text()  # one family: not shown
    with page.expect_download() as download:
        page.click("#csv")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "conversations,,,7" in csv_text
    assert "needs_by_language,money,de,6" in csv_text
    assert "needs_by_language,crying_sleep,de,< 5" in csv_text
