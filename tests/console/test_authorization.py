"""Who may see and do what in the console: every refusal, by link and by forged form."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, ReviewQuestionRow, ServiceRow
from tests.console.client import Client
from tests.console.conftest import PASSWORD, Served
from tests.harness import Harness

IN_GUMMERSBACH = "Wir haben kein Geld, unser Baby ist 3 Monate alt, wir wohnen in Gummersbach"
PAGES = ["/", "/questions", "/cases", "/reports", "/reports.csv", "/offers",
         "/offers/muster-midwife"]  # fmt: skip


def request_from(served: Served, user: str, text: str) -> str:
    family = Harness(served.service, user=user, channel="telegram")
    family.request_contact_in_chat(text)
    with session_factory(served.service.engine)() as session:
        row = session.scalars(select(HandoffRow).order_by(HandoffRow.id.desc())).first()
        assert row is not None
        return row.reference


def question_from(served: Served, user: str, place: str) -> int:
    family = Harness(served.service, user=user)
    family.say(f"Wo bekomme ich einen Angelschein in {place}?")
    with session_factory(served.service.engine)() as session:
        row = session.scalars(
            select(ReviewQuestionRow).order_by(ReviewQuestionRow.id.desc())
        ).first()
        assert row is not None and row.place == place
        return row.id


def status_of(served: Served, reference: str) -> str:
    with session_factory(served.service.engine)() as session:
        return session.scalars(
            select(HandoffRow.status).where(HandoffRow.reference == reference)
        ).one()


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_the_login(served: Served, path: str) -> None:
    answer = Client(served.port).get(path)
    assert answer.status == 303 and answer.location.startswith("/login?next=")


def test_anonymous_posts_change_nothing(served: Served) -> None:
    reference = request_from(served, "m1", "Wir haben kein Geld, wir wohnen in Musterstadt")
    answer = Client(served.port).post(f"/cases/{reference}", {"action": "claim"})
    assert answer.status == 303 and status_of(served, reference) == "open"


def test_the_session_cookie_is_http_only_secure_and_strict(served: Served) -> None:
    client = Client(served.port)
    token = client.csrf("/login")
    answer = client.post("/login", {"csrf": token, "username": "erika", "password": PASSWORD})
    cookie = next(c for c in answer.set_cookies if c.startswith("lotse_console="))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_a_coordinator_cannot_reach_another_networks_cases(served: Served) -> None:
    theirs = request_from(
        served, "g1", "Wir haben kein Geld, unser Baby ist 3 Monate alt, wir wohnen in Gummersbach"
    )
    mine = request_from(served, "m1", "Wir haben kein Geld, wir wohnen in Musterstadt")
    erika = served.client("erika")
    listing = erika.get("/cases").text
    assert mine in listing and theirs not in listing
    assert erika.get(f"/cases/{theirs}").status == 404
    token = erika.csrf(f"/cases/{mine}")
    for action in ("claim", "note", "message"):
        forged = erika.post(f"/cases/{theirs}", {"csrf": token, "action": action, "note": "x",
                                                 "message": "x"})  # fmt: skip
        assert forged.status == 404
    forged = erika.post(f"/cases/{theirs}", {"csrf": token, "action": "resolve",
                                             "outcome": "reached"})  # fmt: skip
    assert forged.status == 404 and status_of(served, theirs) == "open"
    assert erika.get("/cases?network=gummersbach").status == 404


def test_a_coordinator_cannot_decide_another_networks_questions(served: Served) -> None:
    theirs = question_from(served, "g2", "Gummersbach")
    mine = question_from(served, "m2", "Musterstadt")
    erika = served.client("erika")
    page = erika.get("/questions").text
    assert f'value="{mine}"' in page and f'value="{theirs}"' not in page
    token = erika.csrf("/questions")
    forged = erika.post("/questions", [("csrf", token), ("action", "dismissed"),
                                       ("question", str(theirs))])  # fmt: skip
    assert forged.status == 404
    with session_factory(served.service.engine)() as session:
        assert session.get(ReviewQuestionRow, theirs).status == "new"  # type: ignore[union-attr]
    assert erika.get("/questions?network=gummersbach").status == 404


def test_a_coordinator_cannot_touch_another_networks_offers(served: Served) -> None:
    erika = served.client("erika")
    assert erika.get("/offers/gummersbach-babybegruessung").status == 404
    token = erika.csrf("/offers/muster-midwife")
    forged = erika.post("/offers", {"csrf": token, "offer": "gummersbach-babybegruessung"})
    assert forged.status == 404
    forged = erika.post("/offers/gummersbach-babybegruessung", {"csrf": token, "name": "Hacked"})
    assert forged.status == 404
    with session_factory(served.service.engine)() as session:
        name = session.get(ServiceRow, "gummersbach-babybegruessung").name  # type: ignore[union-attr]
    assert name == "Babybegrüßungsdienst der Familienhebammen"
    assert erika.get("/reports?network=gummersbach").status == 404
    assert erika.get("/reports.csv?network=gummersbach").status == 404


def test_posts_without_the_csrf_token_are_refused(served: Served) -> None:
    reference = request_from(served, "m3", "Wir haben kein Geld, wir wohnen in Musterstadt")
    erika = served.client("erika")
    assert erika.post(f"/cases/{reference}", {"action": "claim"}).status == 403
    assert erika.post(f"/cases/{reference}", {"action": "claim", "csrf": "guess"}).status == 403
    assert status_of(served, reference) == "open"
    token = erika.csrf(f"/cases/{reference}")
    assert erika.post(f"/cases/{reference}", {"action": "claim", "csrf": token}).status == 200
    assert status_of(served, reference) == "claimed"
    stranger = Client(served.port)
    refused = stranger.post("/login", {"username": "erika", "password": PASSWORD})
    assert refused.status == 403 and "lotse_console" not in stranger.cookies


def test_repeated_wrong_passwords_lock_the_account(served: Served) -> None:
    client = Client(served.port)
    for _ in range(5):
        assert client.login("erika", "falsches-passwort").status == 401
    locked = client.login("erika", PASSWORD)
    assert locked.status == 401 and "gesperrt" in locked.text
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    served.console.clock = lambda: later
    assert client.login("erika", PASSWORD).status == 303


def test_logout_ends_the_session_in_the_database(served: Served) -> None:
    erika = served.client("erika")
    cookie = dict(erika.cookies)
    token = erika.csrf("/")
    assert erika.post("/logout", {"csrf": token}).status == 303
    replay = Client(served.port, cookies=cookie)  # someone who copied the old cookie
    assert replay.get("/").status == 303


def test_an_administrator_sees_every_network(served: Served) -> None:
    theirs = request_from(
        served, "g4", "Wir haben kein Geld, unser Baby ist 3 Monate alt, wir wohnen in Gummersbach"
    )
    mine = request_from(served, "m4", "Wir haben kein Geld, wir wohnen in Musterstadt")
    listing = served.client("admin").get("/cases").text
    assert theirs in listing and mine in listing
