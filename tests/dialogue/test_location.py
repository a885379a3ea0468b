"""A shared location: the nearest town, offers by distance, the keyboard closed after."""

from __future__ import annotations

from bot.dialogue import messages as m
from bot.dialogue.effects import Msg, Verbatim
from bot.domain.index import PlaceQuery
from bot.domain.matching import Reason, Situation, rank
from bot.storage.conversations_repo import load_state
from bot.storage.db import session_factory
from tests.harness import Harness, text_of


def test_sharing_the_location_finds_the_town_and_its_offers(family: Harness) -> None:
    asked = family.say("Mein Baby schreit die ganze Nacht")
    place_question = next(
        r for r in asked if r.options and "place:other" in [o.id for o in r.options]
    )
    assert place_question.request_location
    replies = family.share_location(51.5012, 7.5019)  # beside the Kinderklinik Musterstadt
    noted = family.service.renderer.text(
        Msg(m.LOCATION_NOTED, {"place": Verbatim("Musterstadt")}), "de"
    )
    assert replies[0].text == noted and replies[0].close_keyboard
    assert "Schreiambulanz Musterstadt" in text_of(replies)
    with session_factory(family.service.engine)() as session:
        state = load_state(session, family.key)
    assert state is not None and state["place"] == "Musterstadt"
    assert state["near"] == [51.5, 7.5]  # kept only to about 1 km


def test_the_distance_counts_when_the_location_is_shared(family: Harness) -> None:
    index = family.service.catalog.current()
    town = index.gazetteer.get("Musterstadt")
    assert town is not None
    situation = Situation(
        needs=("crying_sleep",), place=PlaceQuery(town), coordinates=(51.6, 7.6),
        shared_location=True,
    )  # fmt: skip
    found = {r.offer.id: r for r in rank(index, situation, limit=None)}
    clinic = found["muster-crying-sleep"]
    assert clinic.distance_km is not None and 12 < clinic.distance_km < 14
    assert Reason("near", {"km": "13"}) in clinic.reasons


def test_a_location_far_from_every_known_town(family: Harness) -> None:
    family.say("Wir brauchen eine Hebamme")
    replies = family.share_location(48.14, 11.58)  # Munich: no network of ours
    assert text_of(replies) == family.service.renderer.text(Msg(m.LOCATION_UNKNOWN), "de")
    assert "Muenchen" not in text_of(replies)
    family.say("Musterstadt")
    assert any("Familienhebammen Musterland" in t for t in family.transcript)


def test_a_location_before_any_need_only_notes_the_town(family: Harness) -> None:
    replies = family.share_location(51.5, 7.5)
    assert family.service.renderer.text(Msg(m.RESTARTED), "de") in text_of(replies)
    shown = text_of(family.say("Wir haben kein Geld"))
    assert "Sozialberatung Musterstadt" in shown
