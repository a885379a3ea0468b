"""Write offer data back out: curated YAML (round-trips), HSDS 3.0 JSON, or CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
from collections.abc import Sequence
from typing import Any

import yaml

from bot.domain.offers import (
    Contact,
    Network,
    Offer,
    OfferData,
    OfferTranslation,
    Organization,
    Phone,
    Schedule,
)
from bot.domain.places import Gazetteer, Place

HSDS_NAMESPACE = uuid.UUID("5b1f3c3e-7a4f-4a59-9d51-2b1d6c0f7e11")
NEEDS_TAXONOMY = "lotse-needs"


# --- YAML ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dataclasses to dicts without defaults, so the YAML stays as short as written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            # `reviewed: false` stays visible: a translation is machine-made until reviewed
            shown = isinstance(value, OfferTranslation) and f.name == "reviewed"
            if f.default is not dataclasses.MISSING and item == f.default and not shown:
                continue
            if isinstance(item, dict) and not item:
                continue  # an offer without translations
            out[f.name] = _plain(item)
        return out
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value
    return value


def to_yaml_documents(data: OfferData) -> dict[str, str]:
    """One curated YAML document per network, keyed by network id."""
    documents: dict[str, str] = {}
    for network in data.networks:
        offers = [o for o in data.offers if o.network == network.id]
        org_ids = {o.organization for o in offers}
        doc = {
            "network": _plain(network),
            "organizations": [_plain(o) for o in data.organizations if o.id in org_ids],
            "offers": [{k: v for k, v in _plain(o).items() if k != "network"} for o in offers],
        }
        documents[network.id] = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    return documents


NATIONWIDE_FILE = "nationwide.yml"  # offers_data/README.md: the network serving all of Germany


def file_names(networks: Sequence[Network]) -> dict[str, str]:
    """The curated file of each network id: `<network>.yml`; the nationwide one `nationwide.yml`."""
    names: dict[str, str] = {}
    for network in networks:
        nationwide = any(area.kind == "country" for area in network.service_areas)
        taken = NATIONWIDE_FILE in names.values()
        names[network.id] = NATIONWIDE_FILE if nationwide and not taken else f"{network.id}.yml"
    return names


def source_documents(data: OfferData) -> list[str]:
    """The source documents the networks and offers name, each once."""
    named = [n.source.document for n in data.networks] + [o.source.document for o in data.offers]
    return sorted(set(named))


def to_places_yaml(places: Sequence[Place]) -> str:
    """The gazetteer as a curated `places.yml`."""
    return yaml.safe_dump(
        {"places": [_plain(p) for p in places]}, allow_unicode=True, sort_keys=False, width=100
    )


# --- HSDS 3.0 -------------------------------------------------------------------------


def hsds_id(*parts: str) -> str:
    """A stable UUID for a Lotse id (HSDS wants UUIDs)."""
    return str(uuid.uuid5(HSDS_NAMESPACE, ":".join(parts)))


def _phone(phone: Phone, owner: str, **links: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": hsds_id("phone", owner, phone.number), "number": phone.number}
    if phone.description:
        out["description"] = phone.description
    return out | links


def _contact(contact: Contact, owner: str, position: int) -> dict[str, Any]:
    cid = hsds_id("contact", owner, str(position))
    out: dict[str, Any] = {"id": cid, "service_id": hsds_id("service", owner)}
    for key in ("name", "title", "department", "email"):
        if getattr(contact, key):
            out[key] = getattr(contact, key)
    out["phones"] = [_phone(p, f"{owner}:{position}", contact_id=cid) for p in contact.phones]
    return out


def _schedule(schedule: Schedule, owner: str, position: int) -> dict[str, Any]:
    out: dict[str, Any] = {"id": hsds_id("schedule", owner, str(position))}
    words = []
    if schedule.open_24_7:
        words.append("24/7")
    if schedule.by_appointment:
        words.append("nach Vereinbarung")
    if schedule.description:
        words.append(schedule.description)
    if words:
        out["description"] = "; ".join(words)
    if schedule.days:
        out["freq"] = "WEEKLY"
        out["byday"] = ",".join(schedule.days)
    if schedule.opens_at and schedule.closes_at:
        out["opens_at"] = schedule.opens_at.isoformat(timespec="minutes")
        out["closes_at"] = schedule.closes_at.isoformat(timespec="minutes")
    return out


def _organization(org: Organization) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": hsds_id("organization", org.id),
        "name": org.name,
        "description": org.description or org.name,
    }
    if org.email:
        out["email"] = org.email
    if org.website:
        out["website"] = org.website
    return out


def _attribute(owner: str, code: str, name: str, value: str = "true") -> dict[str, Any]:
    return {
        "id": hsds_id("attribute", owner, code),
        "link_id": hsds_id("service", owner),
        "link_type": "service",
        "link_entity": "service",
        "value": value,
        "taxonomy_term": {
            "id": hsds_id("term", code),
            "code": code,
            "name": name,
            "description": name,
            "taxonomy": NEEDS_TAXONOMY if code.startswith("need:") else "lotse-access",
        },
    }


def hsds_service(offer: Offer, data: OfferData, gazetteer: Gazetteer) -> dict[str, Any]:
    """One offer as an HSDS 3.0 service with its organisation and nested objects."""
    sid = hsds_id("service", offer.id)
    org = data.organization(offer.organization)
    out: dict[str, Any] = {
        "id": sid,
        "organization_id": hsds_id("organization", offer.organization),
        "name": offer.name,
        "description": offer.description,
        "status": offer.status,
        "assured_date": offer.assured_date.isoformat(),
    }
    optional = {
        "email": offer.email,
        "url": offer.website,
        "interpretation_services": offer.interpretation,
        "fees_description": offer.cost_description,
        "eligibility_description": offer.eligibility.description,
        "minimum_age": (
            offer.eligibility.minimum_age_months / 12
            if offer.eligibility.minimum_age_months is not None
            else None
        ),
        "maximum_age": (
            offer.eligibility.maximum_age_months / 12
            if offer.eligibility.maximum_age_months is not None
            else None
        ),
        "application_process": (
            "Kein Antrag nötig."
            if offer.access.no_application
            else offer.ask and f"Fragen: {offer.ask}"
        ),
    }
    out |= {k: v for k, v in optional.items() if v is not None}
    if org is not None:
        out["organization"] = _organization(org)
    out["phones"] = [_phone(p, offer.id, service_id=sid) for p in offer.phones]
    out["contacts"] = [_contact(c, offer.id, i) for i, c in enumerate(offer.contacts)]
    out["schedules"] = [_schedule(s, offer.id, i) for i, s in enumerate(offer.schedules)]
    out["languages"] = [
        {"id": hsds_id("language", offer.id, code), "service_id": sid, "code": code}
        for code in offer.languages
    ]
    out["service_areas"] = [
        {
            "id": hsds_id("area", offer.id, str(i)),
            "service_id": sid,
            "name": area.name,
            "extent_type": area.kind,
        }
        for i, area in enumerate(offer.service_areas)
    ]
    out["service_at_locations"] = []
    for i, loc in enumerate(offer.locations):
        lid = hsds_id("location", offer.id, str(i))
        location: dict[str, Any] = {"id": lid, "location_type": "physical"}
        for key in ("name", "latitude", "longitude"):
            if getattr(loc, key) is not None:
                location[key] = getattr(loc, key)
        if loc.address is not None:
            place = gazetteer.get(loc.address.city)
            location["addresses"] = [
                {
                    "id": hsds_id("address", offer.id, str(i)),
                    "location_id": lid,
                    "address_1": loc.address.address_1,
                    "city": loc.address.city,
                    "state_province": place.state if place else "",
                    "postal_code": loc.address.postal_code,
                    "country": "DE",
                    "address_type": "physical",
                }
            ]
        if loc.accessibility:
            location["accessibility"] = [
                {"id": hsds_id("access", offer.id, str(i)), "description": loc.accessibility}
            ]
        out["service_at_locations"].append(
            {
                "id": hsds_id("sal", offer.id, str(i)),
                "service_id": sid,
                "location_id": lid,
                "location": location,
            }
        )
    attributes = [_attribute(offer.id, f"need:{n}", n) for n in offer.needs]
    for key in ("free_of_charge", "no_application", "home_visits", "anonymous"):
        value = getattr(offer.access, key)
        if value is not None:
            attributes.append(_attribute(offer.id, key, key, "true" if value else "false"))
    if offer.eligibility.pregnancy:
        attributes.append(_attribute(offer.id, "pregnancy", "pregnancy"))
    attributes.append(_attribute(offer.id, "source", "source", offer.source.document))
    out["attributes"] = attributes
    return out


def to_hsds(data: OfferData, gazetteer: Gazetteer) -> str:
    """All offers as a JSON array of HSDS 3.0 services."""
    services = [hsds_service(o, data, gazetteer) for o in data.offers]
    return json.dumps(services, ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "network", "organization", "name", "needs", "service_areas", "pregnancy",
    "minimum_age_months", "maximum_age_months", "free_of_charge", "no_application",
    "home_visits", "anonymous", "languages", "phones", "email", "website", "ask",
    "assured_date", "status", "source",
)  # fmt: skip


def _flag(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def _months(value: int | None) -> str:
    return "" if value is None else str(value)


def to_csv(data: OfferData) -> str:
    """One row per offer, for spreadsheets (semicolon-free lists joined by ' | ')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for o in data.offers:
        org = data.organization(o.organization)
        phones = [p.number for p in o.phones] + [p.number for c in o.contacts for p in c.phones]
        writer.writerow(
            [
                o.id, o.network, org.name if org else o.organization, o.name,
                " | ".join(o.needs),
                " | ".join(f"{a.kind}:{a.name}" for a in o.service_areas),
                "ja" if o.eligibility.pregnancy else "",
                _months(o.eligibility.minimum_age_months),
                _months(o.eligibility.maximum_age_months),
                _flag(o.access.free_of_charge), _flag(o.access.no_application),
                _flag(o.access.home_visits), _flag(o.access.anonymous),
                " | ".join(o.languages), " | ".join(phones), o.email or "",
                o.website or "", o.ask or "", o.assured_date.isoformat(), o.status,
                o.source.document,
            ]
        )  # fmt: skip
    return buffer.getvalue()
