"""The HSDS 3.0 export validates against the Open Referral schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.curation.export import to_hsds
from bot.curation.load import load_curated
from bot.domain.places import Gazetteer
from tests.conftest import DEMO_OFFERS, ROOT, TEST_OFFERS

HSDS = ROOT.parent / "shared" / "hsds-3.0" / "compiled"


@pytest.fixture(scope="module")
def service_schema() -> dict[str, object]:
    schema_file = HSDS / "service.json"
    if not schema_file.is_file():
        pytest.skip(f"HSDS 3.0 schemas not found at {HSDS} (the project does not ship them)")
    loaded: dict[str, object] = json.loads(schema_file.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("folder", [DEMO_OFFERS, TEST_OFFERS], ids=["demo", "fictional"])
def test_every_exported_service_validates(folder: Path, service_schema: dict[str, object]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    curated = load_curated([folder])
    services = json.loads(to_hsds(curated.data, Gazetteer(curated.places)))
    validator = jsonschema.Draft202012Validator(
        service_schema, format_checker=jsonschema.FormatChecker()
    )
    errors = [f"{s['name']}: {e.message}" for s in services for e in validator.iter_errors(s)]
    assert errors == []
    assert len(services) == len(curated.data.offers)
    welcome = (
        next(s for s in services if s["name"].startswith("Babybegrüßungsdienst"))
        if folder == DEMO_OFFERS
        else services[0]
    )
    assert welcome["organization"]["name"]
    assert any(a["taxonomy_term"]["code"].startswith("need:") for a in welcome["attributes"])
