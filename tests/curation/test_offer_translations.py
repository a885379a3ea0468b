"""Curated translations of offers: validated by line, stored, exported, faithful to the German."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bot.curation.export import to_hsds, to_places_yaml, to_yaml_documents
from bot.curation.load import load_curated
from bot.domain.offers import Offer
from bot.domain.places import Gazetteer
from bot.nlu.language import SUPPORTED
from bot.storage.db import session_factory
from bot.storage.importing import import_offers
from bot.storage.models import ServiceRow
from bot.storage.offers_repo import load_offer_data
from tests.conftest import DEMO_OFFERS, TEST_OFFERS

TODAY = dt.date(2026, 11, 23)
CURATED = load_curated([DEMO_OFFERS])
TRANSLATED = tuple(code for code in SUPPORTED if code != "de")

OFFER_FILE = textwrap.dedent(
    """\
    network:
      id: musterstadt
      name: Netzwerk Frühe Hilfen Musterstadt
      service_areas: [{kind: district, name: Kreis Musterland}]
      ask: Jugendamt Musterstadt
      source: {document: musterstadt.txt}
    organizations:
      - {id: jugendamt-musterstadt, name: Jugendamt Musterstadt}
    offers:
      - id: muster-a
        organization: jugendamt-musterstadt
        name: Babycafé
        description: Offener Treff.
        needs: [parenting]
        service_areas: [{kind: municipality, name: Musterstadt}]
        ask: Jugendamt Musterstadt
        assured_date: 2026-01-01
        source: {document: musterstadt.txt}
        translations:
          ar:
            name: "مقهى الأطفال"
            description: "لقاء مفتوح."
          xx:
            name: Baby café
            description: Open meeting.
          tr:
            name: ""
            description: Açık buluşma.
            reviewed: true
          de:
            name: Babycafé
            description: Offener Treff.
    """
)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(TEST_OFFERS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "musterstadt.yml").unlink()
    return tmp_path


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_wrong_language_or_an_empty_name_is_a_problem_with_its_line(workdir: Path) -> None:
    (workdir / "offers.yml").write_text(OFFER_FILE, encoding="utf-8")
    shown = [str(p) for p in load_curated([workdir], today=TODAY, base=workdir).problems]
    assert len(shown) == 3, shown
    xx, empty, german = (line_of(OFFER_FILE, key) for key in ("xx:", 'name: ""', "de:"))
    assert shown[0].startswith(f"offers.yml:{xx}: offers.0.translations.xx")
    assert "'xx' is not a language Lotse translates offers into" in shown[0]
    assert shown[1].startswith(f"offers.yml:{empty}: offers.0.translations.tr.name: ")
    assert "at least 1 character" in shown[1]
    assert shown[2].startswith(f"offers.yml:{german}: offers.0.translations.de")


def test_a_valid_translation_is_machine_made_until_reviewed(workdir: Path) -> None:
    text = OFFER_FILE.split("      xx:")[0]
    (workdir / "offers.yml").write_text(text, encoding="utf-8")
    curated = load_curated([workdir], today=TODAY, base=workdir)
    assert curated.problems == []
    arabic = curated.data.offers[0].translations["ar"]
    assert (arabic.name, arabic.description, arabic.reviewed) == (
        "مقهى الأطفال",
        "لقاء مفتوح.",
        False,
    )


def test_yaml_export_validate_import_keeps_the_translations(engine: Engine, tmp_path: Path) -> None:
    assert import_offers(engine, [DEMO_OFFERS]).summary is not None
    with session_factory(engine)() as session:
        stored = load_offer_data(session)
        before = {r.id: r.translations for r in session.scalars(select(ServiceRow))}
    assert before["siegburg-familienhebammen"]["tr"]["reviewed"] is False
    assert all(set(t) == set(TRANSLATED) for t in before.values())

    folder = tmp_path / "exported"
    shutil.copytree(DEMO_OFFERS / "sources", folder / "sources")
    for network_id, text in to_yaml_documents(stored).items():
        assert "reviewed: false" in text
        (folder / f"{network_id}.yml").write_text(text, encoding="utf-8")
    (folder / "places.yml").write_text(to_places_yaml(CURATED.places), encoding="utf-8")
    again = load_curated([folder])
    assert again.problems == []
    by_id = {o.id: o for o in again.data.offers}
    assert all(by_id[o.id].translations == o.translations for o in stored.offers)

    # with the stored offers deleted, the exported files bring back exactly what was stored
    with session_factory(engine)() as session:
        session.query(ServiceRow).delete()
        session.commit()
    summary = import_offers(engine, [folder]).summary
    assert summary is not None and summary.added == len(stored.offers)
    with session_factory(engine)() as session:
        after = {r.id: r.translations for r in session.scalars(select(ServiceRow))}
    assert after == before


def test_hsds_leaves_translations_out() -> None:
    exported = to_hsds(CURATED.data, Gazetteer(CURATED.places))
    german = next(o for o in CURATED.data.offers if o.id == "siegburg-familienhebammen")
    assert german.name in exported
    assert german.translations["ar"].name not in exported


def numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d+", text))


@pytest.mark.parametrize("offer", CURATED.data.offers, ids=lambda o: o.id)
def test_every_demo_offer_is_translated_without_new_facts(offer: Offer) -> None:
    """Every language, machine-made, the same numbers and the proper names kept."""
    assert set(offer.translations) == set(TRANSLATED)
    german = f"{offer.name} {offer.description}"
    kept = [n for n in ("Mo.Ki", "Steps", "Schutzengel e.V.", "TelefonSeelsorge") if n in german]
    places = [a.name for a in offer.service_areas if a.kind == "municipality" and a.name in german]
    for language, translation in offer.translations.items():
        text = f"{translation.name} {translation.description}"
        assert not translation.reviewed, language
        assert numbers(text) == numbers(german), language
        for name in (*kept, *places):
            assert name in text, (language, name)
