"""The HSDS 3.0 export validates against the Open Referral schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.curation.export import to_hsds
from bot.curation.load import load_curated
from bot.domain.places import Gazetteer
from tests.conftest import DEMO_OFFERS, ROOT, TEST_OFFERS

# vendored with its source and license: tests/data/hsds-3.0/README.md
SERVICE_SCHEMA = ROOT / "tests" / "data" / "hsds-3.0" / "service_with_definitions.json"


@pytest.fixture(scope="module")
def service_schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return loaded


def test_the_schema_rejects_a_broken_service(service_schema: dict[str, object]) -> None:
    import jsonschema

    broken = {"id": "x", "name": "X", "status": "weird", "phones": [{"number": 5}]}
    validator = jsonschema.Draft202012Validator(service_schema)
    messages = [e.message for e in validator.iter_errors(broken)]
    assert any("'weird' is not one of" in m for m in messages)
    assert any("5 is not of type 'string'" in m for m in messages)


@pytest.mark.parametrize("folder", [DEMO_OFFERS, TEST_OFFERS], ids=["demo", "fictional"])
def test_every_exported_service_validates(folder: Path, service_schema: dict[str, object]) -> None:
    import jsonschema

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
