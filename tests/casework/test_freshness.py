"""Keeping offers current: listed when old, confirmed, edited like an import, recorded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.casework.freshness import Freshness
from bot.casework.service import Actor
from bot.conversation import ConversationService
from bot.domain.roles import COORDINATOR, Grant, Roles
from bot.storage.db import session_factory
from bot.storage.models import OfferChangeRow, ServiceRow

ERIKA = Actor("console:1", Roles((Grant(COORDINATOR, "musterstadt", "Erika"),)), name="Erika")
NOW = dt.datetime.now(dt.UTC)
CHECKED = dt.date(2026, 1, 15)  # when the test offers were checked
AGE = (NOW.year - CHECKED.year) * 12 + NOW.month - CHECKED.month


def test_offers_not_checked_for_a_year_are_listed(service: ConversationService) -> None:
    stale = Freshness(service.engine).stale(ERIKA, AGE - 1)
    assert {s.offer.network for s in stale} == {"musterstadt"}
    assert any(s.offer.id == "muster-midwife" and s.months == AGE for s in stale)
    assert Freshness(service.engine).stale(ERIKA, AGE) == []


def test_still_valid_sets_the_assured_date_to_today(service: ConversationService) -> None:
    fresh = Freshness(service.engine, clock=lambda: NOW)
    assert fresh.confirm(ERIKA, "muster-midwife") is not None
    assert fresh.confirm(ERIKA, "gummersbach-babybegruessung") is None  # not her network
    with session_factory(service.engine)() as session:
        assured = session.get(ServiceRow, "muster-midwife").assured_date  # type: ignore[union-attr]
        changes = session.scalars(select(OfferChangeRow)).all()
    assert assured == NOW.date()
    assert [(c.field, c.changed_by, c.new_value) for c in changes] == [
        ("assured_date", "Erika", NOW.date().isoformat())
    ]
    assert not any(s.offer.id == "muster-midwife" for s in fresh.stale(ERIKA, 0))


def test_an_invalid_edit_saves_nothing_and_says_which_field(service: ConversationService) -> None:
    fresh = Freshness(service.engine, clock=lambda: NOW)
    result = fresh.edit(ERIKA, "muster-midwife", {"phones": "not a number", "email": "nope"})
    assert result.offer is None
    assert set(result.problems) >= {"phones", "email"}
    with session_factory(service.engine)() as session:
        row = session.get(ServiceRow, "muster-midwife")
        assert row is not None and row.email is None
        assert session.scalars(select(OfferChangeRow)).all() == []


def test_an_edit_is_saved_recorded_and_seen_by_every_worker(service: ConversationService) -> None:
    index_before = service.catalog.current()
    fresh = Freshness(service.engine, clock=lambda: NOW)
    result = fresh.edit(
        ERIKA,
        "muster-midwife",
        {
            "name": "Familienhebammen Musterland (neu)",
            "languages": "de, ar, tr",
            "phones": "0221 4710 111\n0221 4710 199",
            "needs": ["midwife", "feeding"],
        },
    )
    assert result.problems == {} and result.offer is not None
    assert set(result.changed) >= {"name", "languages", "phones", "needs", "assured_date"}
    index = service.catalog.current()
    assert index.version > index_before.version
    edited = index.by_id["muster-midwife"]
    assert edited.name.endswith("(neu)") and edited.languages == ("de", "ar", "tr")
    assert [p.number for p in edited.phones] == ["0221 4710 111", "0221 4710 199"]
    changes = {c.field: c for c in fresh.changes(ERIKA, "muster-midwife")}
    assert changes["phones"].old_value == "0221 4710 111"
    assert changes["phones"].new_value == "0221 4710 111, 0221 4710 199"
