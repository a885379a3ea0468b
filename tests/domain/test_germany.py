"""Every German municipality and postcode is a place; curated places come first."""

from __future__ import annotations

import pytest

from bot.curation.load import load_curated
from bot.domain.germany import german_places, name_key, normalize_name
from bot.domain.index import OfferIndex
from bot.domain.places import Gazetteer
from bot.nlu.normalize import normalize
from tests.conftest import DEMO_OFFERS


def test_the_table_covers_germany() -> None:
    places = german_places()
    assert len(places) > 10_000
    assert places.by_postcode("33602") is not None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bielefeld", "Bielefeld"),
        ("Köln", "Köln"),
        ("Koeln", "Köln"),
        ("koln", "Köln"),
        ("Cologne", "Köln"),
        ("Кёльн", "Köln"),
        ("Bünde", "Bünde"),
        ("Buende", "Bünde"),
        ("Leipzig", "Leipzig"),
        ("Frankfurt am Main", "Frankfurt am Main"),
        ("Frankfurt (Main)", "Frankfurt am Main"),
        ("Frankfurt/Main", "Frankfurt am Main"),
        ("Frankfurt", "Frankfurt am Main"),
        ("Halle (Saale)", "Halle (Saale)"),
        ("Halle an der Saale", "Halle (Saale)"),
        ("München", "München"),
        ("Muenchen", "München"),
        ("Nürnberg", "Nürnberg"),
    ],
)
def test_names_in_every_spelling(name: str, expected: str) -> None:
    place = german_places().by_name(name)
    assert place is not None and place.name == expected


def test_a_municipality_has_its_land_postcodes_and_position() -> None:
    place = german_places().by_postcode("33602")
    assert place is not None
    assert place.name == "Bielefeld" and place.kind == "municipality"
    assert place.state == "Nordrhein-Westfalen"
    assert "33602" in place.postcodes and len(place.postcodes) > 10
    assert place.latitude is not None and 51.9 < place.latitude < 52.1


def test_an_exact_name_wins_over_a_folded_spelling() -> None:
    bunde = german_places().by_name("Bunde")  # a town in Ostfriesland, not Bünde
    assert bunde is not None and bunde.state == "Niedersachsen"


def test_unknown_names_and_numbers_are_not_places() -> None:
    assert german_places().by_name("Atlantis") is None
    assert german_places().by_postcode("00000") is None


def test_names_normalise_like_messages() -> None:
    for name in ("Frankfurt am Main", "Halle (Saale)", "Köln", "Кёльн", "كولونيا", "Straße"):
        assert normalize_name(name) == tuple(normalize(name).split())
    assert name_key(normalize_name("Frankfurt (Main)")) == "frankfurt main"


@pytest.fixture(scope="module")
def curated() -> Gazetteer:
    return Gazetteer(load_curated([DEMO_OFFERS]).places)


def test_curated_places_come_first(curated: Gazetteer) -> None:
    gummersbach = curated.by_postcode("51643")
    assert gummersbach is not None and gummersbach in curated.places
    dülmen = curated.get("Dülmen")
    assert dülmen is not None and dülmen in curated.places


def test_a_national_postcode_of_a_curated_town_is_the_curated_town(curated: Gazetteer) -> None:
    köln = curated.by_postcode("50667")  # curated Köln lists no postcodes
    assert köln is not None and köln in curated.places


def test_national_places_are_a_fallback(curated: Gazetteer) -> None:
    bielefeld = curated.get("Bielefeld")
    assert bielefeld is not None and bielefeld not in curated.places
    assert curated.resolve("33602") == (bielefeld, "33602")
    assert Gazetteer(curated.places, national=False).get("Bielefeld") is None


def test_offer_index_resolves_national_places_outside_the_networks(curated: Gazetteer) -> None:
    index = OfferIndex.build(load_curated([DEMO_OFFERS]).data, curated)
    query = index.place_query("Bielefeld", None)
    assert query is not None and query.place.name == "Bielefeld"
    assert index.network_for(query) is None
    by_code = index.place_query(None, "33602")
    assert by_code is not None and by_code.postcode == "33602"
    inside = index.place_query(None, "51643")
    assert inside is not None and index.network_for(inside) is not None
