"""A new data folder starts as a copy of the shipped demo database, as if just imported."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from sqlalchemy import Engine, select

from bot.settings import Settings
from bot.storage.bootstrap import open_database
from bot.storage.db import aware, make_engine, session_factory
from bot.storage.demo_start import snapshot_current
from bot.storage.importing import import_offers
from bot.storage.migrate import create_fresh, current_revision, newest_revision
from bot.storage.models import DataVersion, ImportRow, PlaceRow, ServiceRow
from bot.storage.offers_repo import load_offer_data
from tests.conftest import DEMO_OFFERS


def test_the_shipped_demo_database_is_built_from_the_current_offers_and_code() -> None:
    assert snapshot_current(DEMO_OFFERS), (
        "offers_data/ or the database code changed: run `lotse offers snapshot` and commit"
    )


def holdings(engine: Engine) -> tuple[object, list[tuple[object, ...]], list[str], int]:
    """What a family's answer and a coordinator's view read: offers, places, import, version."""
    with session_factory(engine)() as session:
        places = [
            (p.name, p.kind, p.state, p.district, p.postcodes, p.aliases, p.latitude, p.longitude)
            for p in session.scalars(select(PlaceRow).order_by(PlaceRow.name))
        ]
        imports = session.scalars(select(ImportRow)).all()
        version = session.scalars(select(DataVersion)).one().version
        return (
            load_offer_data(session, include_inactive=True),
            places,
            next(json.loads(i.files) for i in imports),
            version,
        )


def import_moments(engine: Engine) -> list[dt.datetime]:
    with session_factory(engine)() as session:
        return [
            *(aware(i.imported_at) for i in session.scalars(select(ImportRow))),
            *(aware(s.updated_at) for s in session.scalars(select(ServiceRow))),
            *(aware(v.changed_at) for v in session.scalars(select(DataVersion)) if v.changed_at),
        ]


def test_a_new_data_folder_holds_what_importing_the_demo_offers_gives(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    copied = open_database(Settings(data_dir=tmp_path / "copied", offers_dir=DEMO_OFFERS))
    imported = make_engine(f"sqlite:///{tmp_path / 'imported.db'}")
    create_fresh(imported)
    assert import_offers(imported, [DEMO_OFFERS]).summary is not None
    try:
        assert holdings(copied) == holdings(imported)
        assert current_revision(copied) == newest_revision()
        moments = import_moments(copied)
        assert moments and all(m >= before for m in moments)  # now, not when it was built
    finally:
        copied.dispose()
        imported.dispose()


def test_other_offers_are_imported_as_before(tmp_path: Path) -> None:
    offers = tmp_path / "offers"
    shutil.copytree(DEMO_OFFERS, offers)
    (offers / "monheim.yml").unlink()
    engine = open_database(Settings(data_dir=tmp_path / "data", offers_dir=offers))
    try:
        files = holdings(engine)[2]
        assert files == [str(p) for p in sorted(offers.resolve().glob("*.yml"))]
        assert not any(name.endswith("monheim.yml") for name in files)
    finally:
        engine.dispose()
