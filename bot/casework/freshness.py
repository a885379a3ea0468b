"""Keeping offers current: which have not been checked for long, "still valid", edits.

An edit is validated exactly like an import (the same domain classes), saved in one
transaction with a record of who changed what, and every worker reloads its offers.
The curated YAML stays the source of truth: `lotse offers export --format yaml` writes
the database's offers back into files for review.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Engine, select

from bot.casework.service import Actor, utc_now
from bot.domain.offers import Access, Offer, Phone
from bot.storage import offers_repo
from bot.storage.db import transaction
from bot.storage.models import OfferChangeRow

EDITABLE = ("name", "description", "needs", "languages", "phones", "email", "website", "ask")
ACCESS_FLAGS = ("free_of_charge", "no_application", "home_visits", "anonymous")


@dataclass(frozen=True)
class Stale:
    """An offer not verified for longer than the limit."""

    offer: Offer
    network: str
    months: int


@dataclass(frozen=True)
class EditResult:
    """The saved offer, or the problems per field (nothing saved)."""

    offer: Offer | None
    problems: dict[str, str]
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """One recorded change."""

    offer_id: str
    changed_by: str
    field: str
    old_value: str | None
    new_value: str | None
    changed_at: dt.datetime


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(p.number if isinstance(p, Phone) else str(p) for p in value)
    if isinstance(value, Access):
        return ", ".join(f for f in ACCESS_FLAGS if getattr(value, f))
    return str(value)


class Freshness:
    """Offer upkeep for the networks an actor coordinates."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    def _offers(self, actor: Actor) -> list[Offer]:
        with transaction(self.engine) as session:
            data = offers_repo.load_offer_data(session)
        return [o for o in data.offers if actor.roles.coordinates(o.network)]

    def stale(self, actor: Actor, months: int) -> list[Stale]:
        """Active offers of the actor's networks not verified for more than `months`."""
        today = self.clock().date()
        found = [
            Stale(o, o.network, _months_between(o.assured_date, today))
            for o in self._offers(actor)
            if _months_between(o.assured_date, today) > months
        ]
        return sorted(found, key=lambda s: (s.offer.assured_date, s.offer.name))

    def offer(self, actor: Actor, offer_id: str) -> Offer | None:
        """One offer the actor may edit."""
        return next((o for o in self._offers(actor) if o.id == offer_id), None)

    def confirm(self, actor: Actor, offer_id: str) -> Offer | None:
        """Still valid: the offer's assured date becomes today."""
        return self.edit(actor, offer_id, {}).offer

    def edit(self, actor: Actor, offer_id: str, form: Mapping[str, object]) -> EditResult:
        """Apply edited fields; validate like the importer; record who changed what."""
        offer = self.offer(actor, offer_id)
        if offer is None:
            return EditResult(None, {"offer": "not found or not yours"})
        now = self.clock()
        changes: dict[str, object] = {"assured_date": now.date()}
        problems: dict[str, str] = {}
        for name in EDITABLE:
            if name in form:
                try:
                    changes[name] = _value(name, form[name])
                except ValidationError as error:
                    problems[name] = next(iter(_problems(error).values()))
        if any(f in form for f in ACCESS_FLAGS):
            changes["access"] = Access(**{f: bool(form.get(f)) or None for f in ACCESS_FLAGS})
        try:  # every problem at once: the other fields are checked too
            edited = dataclasses.replace(offer, **changes)  # type: ignore[arg-type]
        except ValidationError as error:
            return EditResult(None, {**_problems(error), **problems})
        except (TypeError, ValueError) as error:
            return EditResult(None, {"offer": str(error), **problems})
        if problems:
            return EditResult(None, problems)
        changed = tuple(
            name
            for name in (*EDITABLE, "access", "assured_date")
            if getattr(edited, name) != getattr(offer, name)
        )
        with transaction(self.engine) as session:
            offers_repo.save_offer(session, edited, now)
            for name in changed:
                session.add(
                    OfferChangeRow(
                        offer_id=offer.id,
                        changed_by=actor.name or actor.key,
                        field=name,
                        old_value=_shown(getattr(offer, name)),
                        new_value=_shown(getattr(edited, name)),
                        changed_at=now,
                    )
                )
        return EditResult(edited, {}, changed)

    def changes(self, actor: Actor, offer_id: str) -> list[Change]:
        """What was changed in an offer, newest first."""
        if self.offer(actor, offer_id) is None:
            return []
        with transaction(self.engine) as session:
            rows = session.scalars(
                select(OfferChangeRow)
                .where(OfferChangeRow.offer_id == offer_id)
                .order_by(OfferChangeRow.id.desc())
            )
            return [
                Change(r.offer_id, r.changed_by, r.field, r.old_value, r.new_value, r.changed_at)
                for r in rows
            ]


def _value(name: str, raw: object) -> object:
    """A form field as the domain class takes it."""
    if isinstance(raw, (list, tuple)):
        items = [str(x).strip() for x in raw if str(x).strip()]
    else:
        text = str(raw or "").strip()
        if name in ("needs", "languages"):
            items = [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]
        elif name == "phones":
            items = [x.strip() for x in text.splitlines() if x.strip()]
        else:
            return text or None
    if name == "phones":
        return tuple(Phone(number=x) for x in items)
    return tuple(items)


def _problems(error: ValidationError) -> dict[str, str]:
    """Field -> message, from pydantic's errors."""
    problems: dict[str, str] = {}
    for item in error.errors():
        location = [str(x) for x in item.get("loc", ()) if not str(x).isdigit()]
        key = location[0] if location else "offer"
        problems.setdefault(key, str(item.get("msg", "invalid")).removeprefix("Value error, "))
    return problems
