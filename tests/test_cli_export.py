"""`lotse offers export --format yaml` writes what `validate` and `import` accept unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.domain.offers import OfferData
from bot.domain.places import Place
from bot.settings import get_settings
from bot.storage.db import make_engine, session_factory
from bot.storage.offers_repo import load_offer_data, load_places
from tests.conftest import DEMO_OFFERS


def use_database(monkeypatch: pytest.MonkeyPatch, url: str | None, offers_dir: Path) -> None:
    """Point the commands at `url` (None: the embedded default) filled from `offers_dir`."""
    if url is None:
        monkeypatch.delenv("LOTSE_DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("LOTSE_DATABASE_URL", url)
    monkeypatch.setenv("LOTSE_OFFERS_DIR", str(offers_dir))
    get_settings.cache_clear()


def contents() -> tuple[OfferData, tuple[Place, ...]]:
    """Every active offer, network, organisation and place of the configured database."""
    engine = make_engine(get_settings().effective_database_url)
    try:
        with session_factory(engine)() as session:
            return load_offer_data(session), load_places(session)
    finally:
        engine.dispose()


def export_demo(monkeypatch: pytest.MonkeyPatch, target: Path) -> tuple[OfferData, tuple]:
    """Export the embedded database (filled with the demo offers on first use) to `target`."""
    use_database(monkeypatch, None, DEMO_OFFERS)
    assert main(["offers", "export", "--format", "yaml", "--output", str(target)]) == 0
    return contents()


def round_trip(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> None:
    exported = tmp_path / "exported"
    before = export_demo(monkeypatch, exported)
    assert main(["offers", "validate", str(exported)]) == 0
    use_database(monkeypatch, url, tmp_path / "no-demo-offers")
    if not url.startswith("sqlite"):
        assert main(["db", "upgrade"]) == 0
    assert main(["offers", "import", str(exported)]) == 0
    after = contents()
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert len(after[0].offers) == len(before[0].offers) > 20


def test_export_reimports_into_a_fresh_sqlite_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    round_trip(monkeypatch, tmp_path, f"sqlite:///{tmp_path / 'fresh.db'}")


@pytest.mark.postgres
def test_export_reimports_into_a_fresh_postgresql_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, postgres_url: str
) -> None:
    round_trip(monkeypatch, tmp_path, postgres_url)


def test_export_uses_the_curated_file_names_and_copies_the_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "exported"
    export_demo(monkeypatch, exported)
    curated = {p.name for p in DEMO_OFFERS.glob("*.yml")}
    assert {p.name for p in exported.glob("*.yml")} == curated  # nationwide.yml, no bundesweit
    sources = {p.name for p in (DEMO_OFFERS / "sources").iterdir()}
    assert {p.name for p in (exported / "sources").iterdir()} <= sources
    assert "nationwide-numbers.md" in {p.name for p in (exported / "sources").iterdir()}
    assert "warning" not in capsys.readouterr().err


def test_export_into_a_copy_of_the_curated_folder_replaces_its_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "offers_data"
    shutil.copytree(DEMO_OFFERS, copy)
    export_demo(monkeypatch, copy)
    assert {p.name for p in copy.glob("*.yml")} == {p.name for p in DEMO_OFFERS.glob("*.yml")}
    capsys.readouterr()
    assert main(["offers", "validate", str(copy)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
