"""Console pages as a coordinator uses them: offers, a case's contact, messages, language."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.db import session_factory
from bot.storage.models import HandoffRow, OfferChangeRow, OutboxRow, ServiceRow
from tests.console.conftest import Served
from tests.harness import Harness


def test_an_invalid_offer_edit_shows_the_problems_and_saves_nothing(served: Served) -> None:
    erika = served.client("erika")
    token = erika.csrf("/offers/muster-midwife")
    answer = erika.post(
        "/offers/muster-midwife",
        [
            ("csrf", token),
            ("name", "Familienhebammen Musterland"),
            ("description", "x"),
            ("needs", "midwife"),
            ("languages", "de, xx"),
            ("phones", "0221 4710 111"),
            ("email", "keine-adresse"),
            ("website", ""),
            ("ask", ""),
        ],
    )
    assert answer.status == 400
    assert "Es wurde nichts gespeichert" in answer.text
    assert "ISO 639-1" in answer.text and "keine-adresse" in answer.text
    with session_factory(served.service.engine)() as session:
        assert session.get(ServiceRow, "muster-midwife").description != "x"  # type: ignore[union-attr]
        assert session.scalars(select(OfferChangeRow)).all() == []


def test_a_valid_offer_edit_is_saved_and_recorded(served: Served) -> None:
    erika = served.client("erika")
    token = erika.csrf("/offers/muster-midwife")
    answer = erika.post(
        "/offers/muster-midwife",
        [
            ("csrf", token),
            ("name", "Familienhebammen Musterland"),
            ("description", "Familienhebammen besuchen Familien zu Hause."),
            ("needs", "midwife"),
            ("languages", "de, ar, tr"),
            ("phones", "0221 4710 111"),
            ("email", ""),
            ("website", ""),
            ("ask", ""),
            ("free_of_charge", "on"),
            ("home_visits", "on"),
        ],
    )
    assert answer.status == 200 and "Gespeichert" in answer.text
    assert "Erika Beispiel" in answer.text  # in the record of changes
    index = served.service.catalog.current()
    assert index.by_id["muster-midwife"].languages == ("de", "ar", "tr")


def test_contact_details_only_while_the_case_is_open(served: Served) -> None:
    family = Harness(served.service, user="fam", channel="telegram")
    family.say("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    family.press("handoff:yes")
    family.press("consent:yes")
    family.press("contact:phone")
    family.say("0171 2345678")
    family.press("times:evening")
    family.press("confirm:send")
    with session_factory(served.service.engine)() as session:
        reference = session.scalars(select(HandoffRow.reference)).one()
    erika = served.client("erika")
    phone = "+49 171 2345678"  # kept as coordinators dial it
    assert phone in erika.get(f"/cases/{reference}").text
    assert phone not in served.client("thomas").get(f"/cases/{reference}").text
    token = erika.csrf(f"/cases/{reference}")
    erika.post(f"/cases/{reference}", {"csrf": token, "action": "resolve", "outcome": "reached"})
    closed = erika.get(f"/cases/{reference}").text
    assert (
        phone not in closed
        and "2345678" not in closed
        and "beim Abschließen der Anfrage gelöscht" in closed
    )


def test_a_message_to_the_family_goes_to_the_outbox(served: Served) -> None:
    Harness(served.service, user="fam2", channel="telegram").request_contact_in_chat(
        "Wir haben kein Geld mehr, wir wohnen in Musterstadt"
    )
    with session_factory(served.service.engine)() as session:
        reference = session.scalars(select(HandoffRow.reference)).one()
    erika = served.client("erika")
    token = erika.csrf(f"/cases/{reference}")
    answer = erika.post(
        f"/cases/{reference}",
        {"csrf": token, "action": "message", "message": "Ich rufe morgen an."},
    )
    assert answer.status == 200
    with session_factory(served.service.engine)() as session:
        relayed = session.scalars(select(OutboxRow).where(OutboxRow.kind == "relay_family")).one()
        row = session.scalars(select(HandoffRow)).one()
    assert "Ich rufe morgen an." in relayed.payload and row.claimed_by == "Erika Beispiel"


def test_the_console_speaks_english_too(served: Served) -> None:
    erika = served.client("erika")
    assert "Übersicht" in erika.get("/").text
    token = erika.csrf("/")
    erika.post("/language", {"csrf": token, "language": "en", "next": "/questions"})
    assert "Questions Lotse could not answer" in erika.get("/questions").text
    login = served.client().get("/login?lang=en").text
    assert "Log in" in login and "User name" in login
