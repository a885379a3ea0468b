"""The demo data states only what its sources state."""

from __future__ import annotations

import re

import pytest

from bot.curation.load import SOURCES_DIR, load_curated
from bot.domain.needs import NEED_IDS
from bot.domain.offers import Offer
from tests.conftest import DEMO_OFFERS

CURATED = load_curated([DEMO_OFFERS])
SOURCES = DEMO_OFFERS / SOURCES_DIR


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def appears_in(number: str, text: str) -> bool:
    """The number's digits stand in the text in order, with only separators between."""
    pattern = r"[ /()-]?".join(digits(number))
    return re.search(rf"(?<!\d){pattern}(?!\d)", text) is not None


def source_text(document: str) -> str:
    text = (SOURCES / document).read_text(encoding="utf-8")
    return text.replace("(at)", "@").replace("[at]", "@")


def phones_and_emails(offer: Offer) -> tuple[list[str], list[str]]:
    phones = [p.number for p in offer.phones]
    phones += [p.number for c in offer.contacts for p in c.phones]
    emails = [e for e in [offer.email, *(c.email for c in offer.contacts)] if e]
    return phones, emails


@pytest.mark.parametrize("offer", CURATED.data.offers, ids=lambda o: o.id)
def test_every_phone_and_email_is_in_the_offers_source(offer: Offer) -> None:
    text = source_text(offer.source.document)
    phones, emails = phones_and_emails(offer)
    for number in phones:
        assert appears_in(number, text), f"{number} not in {offer.source.document}"
    for email in emails:
        assert email in text, f"{email} not in {offer.source.document}"


@pytest.mark.parametrize("offer", CURATED.data.offers, ids=lambda o: o.id)
def test_every_named_person_is_in_the_source(offer: Offer) -> None:
    text = source_text(offer.source.document)
    for contact in offer.contacts:
        if contact.name:
            assert contact.name in text


def test_network_contacts_are_in_their_sources() -> None:
    for network in CURATED.data.networks:
        text = source_text(network.source.document)
        contact = network.handoff_contact
        if contact is None:
            continue
        if contact.name:
            assert contact.name in text
        if contact.email:
            assert contact.email in text
        for phone in contact.phones:
            assert appears_in(phone.number, text)


def test_offers_without_contact_say_whom_to_ask() -> None:
    for offer in CURATED.data.offers:
        phones, emails = phones_and_emails(offer)
        if not (phones or emails or offer.website):
            assert offer.ask, offer.id


def test_every_need_has_a_demo_offer() -> None:
    served = {need for offer in CURATED.data.offers for need in offer.needs}
    assert set(NEED_IDS) <= served, sorted(set(NEED_IDS) - served)


def test_the_phone_check_notices_an_invented_number() -> None:
    text = source_text("004_6f6d93a03c999003.txt")
    assert appears_in("02261 871226", text)
    assert not appears_in("02261 871227", text)
    assert not appears_in("2261 87", text)
