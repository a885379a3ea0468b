"""Imports are all or nothing, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bot.curation.export import to_places_yaml, to_yaml_documents
from bot.curation.load import load_curated
from bot.domain.index import PlaceQuery
from bot.domain.offers import Offer, OfferData
from bot.storage.catalog import OfferCatalog
from bot.storage.db import session_factory
from bot.storage.importing import import_offers
from bot.storage.models import ServiceNeedRow, ServiceRow
from bot.storage.offers_repo import data_version, load_offer_data
from tests.conftest import DEMO_OFFERS, TEST_OFFERS


def snapshot(engine: Engine) -> tuple[int, object, list[tuple[str, str]]]:
    """Everything an import could change: version, offers, and raw service rows."""
    with session_factory(engine)() as session:
        rows = [
            (r.id, r.status) for r in session.scalars(select(ServiceRow).order_by(ServiceRow.id))
        ]
        return data_version(session), load_offer_data(session, include_inactive=True), rows


def copy_offers(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_demo_import_answers_the_midwife_question(engine: Engine) -> None:
    result = import_offers(engine, [DEMO_OFFERS])
    assert result.summary is not None
    assert result.summary.added == len(result.curated.data.offers)
    index = OfferCatalog(engine).current()
    gummersbach = index.gazetteer.get("Gummersbach")
    assert gummersbach is not None
    found = index.find(need="midwife", place=PlaceQuery(gummersbach))
    assert [o.name for o in found] == ["Babybegrüßungsdienst der Familienhebammen"]
    assert found[0].contacts[0].phones[0].number == "02261 871226"


def test_broken_file_leaves_the_database_exactly_as_it_was(engine: Engine, tmp_path: Path) -> None:
    assert import_offers(engine, [TEST_OFFERS]).summary is not None
    before = snapshot(engine)
    folder = copy_offers(TEST_OFFERS, tmp_path / "offers")
    text = (folder / "musterstadt.yml").read_text(encoding="utf-8")
    text = text.replace("name: Elterncafé Musterstadt", "name: Elterncafé NEU")
    text = text.replace("needs: [housing]", "needs: [wohnung]")
    (folder / "musterstadt.yml").write_text(text, encoding="utf-8")

    result = import_offers(engine, [folder], base=tmp_path)

    assert result.summary is None
    assert [str(p).split(": ")[0] for p in result.curated.problems] == [
        f"offers/musterstadt.yml:{line_of(text, 'needs: [wohnung]')}"
    ]
    assert snapshot(engine) == before


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_failure_while_writing_rolls_everything_back(engine: Engine) -> None:
    assert import_offers(engine, [TEST_OFFERS]).summary is not None
    before = snapshot(engine)
    written: list[str] = []

    def crash_after_three(offer: Offer) -> None:
        written.append(offer.id)
        if len(written) == 3:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        import_offers(engine, [DEMO_OFFERS], on_offer=crash_after_three)
    assert snapshot(engine) == before


def test_reimport_counts_added_changed_deactivated(engine: Engine, tmp_path: Path) -> None:
    first = import_offers(engine, [TEST_OFFERS]).summary
    assert first is not None and (first.added, first.changed, first.deactivated) == (15, 0, 0)
    catalog = OfferCatalog(engine, check_seconds=0)
    assert "muster-housing" in catalog.current().by_id

    folder = copy_offers(TEST_OFFERS, tmp_path / "offers")
    text = (folder / "musterstadt.yml").read_text(encoding="utf-8")
    text = text.replace("Offener Treff für Eltern mit Babys", "Treff für Eltern mit Babys")
    start = text.index("  - id: muster-housing")
    end = text.index("  - id: muster-talk-to-person")
    (folder / "musterstadt.yml").write_text(text[:start] + text[end:], encoding="utf-8")

    second = import_offers(engine, [folder]).summary
    assert second is not None
    assert (second.added, second.changed, second.unchanged, second.deactivated) == (0, 1, 13, 1)
    assert second.version == first.version + 1
    index = catalog.current()
    assert "muster-housing" not in index.by_id
    assert index.by_id["muster-parenting"].description.startswith("Treff für Eltern")
    with session_factory(engine)() as session:
        row = session.get(ServiceRow, "muster-housing")
        assert row is not None and row.status == "inactive"
        assert session.scalar(select(func.count()).select_from(ServiceNeedRow)) == 15

    third = import_offers(engine, [TEST_OFFERS]).summary
    assert third is not None and (third.changed, third.unchanged) == (2, 13)
    assert "muster-housing" in catalog.current().by_id


def test_yaml_export_round_trips(engine: Engine, tmp_path: Path) -> None:
    import_offers(engine, [DEMO_OFFERS])
    with session_factory(engine)() as session:
        exported = load_offer_data(session)
    folder = tmp_path / "exported"
    shutil.copytree(DEMO_OFFERS / "sources", folder / "sources")
    for network_id, text in to_yaml_documents(exported).items():
        (folder / f"{network_id}.yml").write_text(text, encoding="utf-8")
    places = load_curated([DEMO_OFFERS]).places
    (folder / "places.yml").write_text(to_places_yaml(places), encoding="utf-8")

    again = load_curated([folder], today=dt.date.today())
    assert again.problems == []
    assert canonical(again.data) == canonical(exported)
    assert again.places == places
    summary = import_offers(engine, [folder]).summary
    assert summary is not None and summary.unchanged == len(exported.offers)
    assert summary.added == summary.changed == summary.deactivated == 0


def canonical(data: OfferData) -> tuple[list[object], ...]:
    """The data with every list in id order (files are read in file order)."""
    return tuple(
        sorted(items, key=lambda item: item.id)
        for items in (data.networks, data.organizations, data.offers)
    )  # type: ignore[return-value]


def test_catalog_sees_an_import_made_by_another_worker(engine: Engine) -> None:
    worker_a = OfferCatalog(engine, check_seconds=0)
    assert len(worker_a.current()) == 0
    import_offers(engine, [TEST_OFFERS])  # e.g. the coordinator's CLI
    assert len(worker_a.current()) == 15
