"""A coordinator edits offer files; `lotse offers validate` names every problem by line."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from bot.cli import main
from bot.curation.load import load_curated
from tests.conftest import DEMO_OFFERS, TEST_OFFERS

TODAY = dt.date(2026, 11, 23)

BROKEN = textwrap.dedent(
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
        needs: [parenting, babys]
        languages: [de, xx]
        service_areas: [{kind: postcode, name: "1234"}]
        phones: [{number: "12"}]
        assured_date: 2027-01-01
        source: {document: musterstadt.txt}
      - id: muster-a
        organization: jugendamt-musterstadt
        name: Zweites Angebot mit gleicher Id
        description: Doppelt.
        needs: [money]
        service_areas: [{kind: municipality, name: Musterstadt}]
        ask: Jugendamt Musterstadt
        assured_date: 2026-01-01
        source: {document: musterstadt.txt}
      - id: muster-c
        organization: jugendamt-musterstadt
        name: Ohne Quelle
        description: Keine Quelle angegeben.
        needs: [housing]
        service_areas: [{kind: municipality, name: Nirgendwo}]
        ask: Jugendamt Musterstadt
        assured_date: 2026-01-01
    """
)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with the fictional places and sources and one broken offer file."""
    shutil.copytree(TEST_OFFERS / "sources", tmp_path / "sources")
    shutil.copy(TEST_OFFERS / "places.yml", tmp_path / "places.yml")
    (tmp_path / "broken.yml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_shipped_demo_data_is_valid() -> None:
    curated = load_curated([DEMO_OFFERS], today=TODAY)
    assert curated.problems == []
    assert len(curated.data.offers) >= 20
    assert {n.id for n in curated.data.networks} >= {
        "gummersbach", "moenchengladbach", "siegburg", "kreis-coesfeld", "herford",
        "monheim", "schutzengel", "bundesweit",
    }  # fmt: skip


def test_fictional_test_data_is_valid() -> None:
    assert load_curated([TEST_OFFERS], today=TODAY).problems == []


def test_every_problem_is_reported_with_its_line(workdir: Path) -> None:
    curated = load_curated([workdir / "broken.yml"], today=TODAY, base=workdir)
    shown = [str(p) for p in curated.problems]
    expected_starts = [
        "broken.yml:14: offers.0.needs.1: unknown need id 'babys'",
        "broken.yml:15: offers.0.languages.1: 'xx' is not an ISO 639-1 language code",
        "broken.yml:16: offers.0.service_areas.0: '1234' is not a German postcode",
        "broken.yml:17: offers.0.phones.0.number: '12' is not a valid German phone number",
        "broken.yml:18: offers.0.assured_date: 2027-01-01 lies in the future",
        "broken.yml:20: offers.1.id: duplicate offer id 'muster-a' (first at broken.yml:10)",
        "broken.yml:29: offers.2.source: Field required",
    ]
    for start in expected_starts:
        assert any(s.startswith(start) for s in shown), (start, shown)
    assert len(shown) == len(expected_starts), shown


def test_unknown_places_and_missing_sources_are_problems(workdir: Path) -> None:
    text = textwrap.dedent(
        """\
        network:
          id: musterstadt
          name: Netzwerk Musterstadt
          service_areas: [{kind: municipality, name: Nirgendwo}]
          ask: Jugendamt Musterstadt
          source: {document: missing.txt}
        """
    )
    (workdir / "broken.yml").write_text(text, encoding="utf-8")
    shown = [str(p) for p in load_curated([workdir], today=TODAY, base=workdir).problems]
    assert shown == [
        "broken.yml:1: network musterstadt: service_areas: unknown municipality 'Nirgendwo': "
        "add it to places.yml",
        f"broken.yml:6: network.source.document: source document 'missing.txt' not found in "
        f"{workdir / 'sources'}",
    ]


def test_yaml_syntax_error_names_the_line(workdir: Path) -> None:
    (workdir / "broken.yml").write_text("network:\n  id: x\n  name: [unclosed\n", encoding="utf-8")
    curated = load_curated([workdir / "broken.yml"], today=TODAY, base=workdir)
    assert str(curated.problems[0]).startswith("broken.yml:4: yaml: ")


def test_times_and_postcodes_keep_their_text() -> None:
    """`09:00` is not 540 minutes and `00101` is not an octal number."""
    curated = load_curated([TEST_OFFERS], today=TODAY)
    offer = next(o for o in curated.data.offers if o.id == "muster-crying-sleep")
    assert offer.schedules[0].opens_at == dt.time(9, 0)
    assert offer.locations[0].address is not None
    assert offer.locations[0].address.postal_code == "00101"


def test_cli_validate_exit_codes(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offers", "validate", str(DEMO_OFFERS)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    assert main(["offers", "validate", str(workdir / "broken.yml")]) == 1
    out = capsys.readouterr().out
    assert "broken.yml:14: offers.0.needs.1: unknown need id 'babys'" in out
