"""The offer repository: import curated data in one transaction, read it back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bot.domain.offers import (
    Access,
    Address,
    Contact,
    Eligibility,
    Location,
    Network,
    Offer,
    OfferData,
    Organization,
    Phone,
    Schedule,
    ServiceArea,
    Source,
)
from bot.domain.places import Place
from bot.storage.models import (
    ContactRow,
    DataVersion,
    ImportRow,
    LocationRow,
    NetworkRow,
    OrganizationRow,
    PhoneRow,
    PlaceRow,
    ScheduleRow,
    ServiceAreaRow,
    ServiceLanguageRow,
    ServiceNeedRow,
    ServiceRow,
)

_OFFER_JSON = TypeAdapter(Offer)
_CONTACT_JSON: TypeAdapter[Contact | None] = TypeAdapter(Contact | None)
_AREAS_JSON = TypeAdapter(tuple[ServiceArea, ...])
_SOURCE_JSON = TypeAdapter(Source)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    added: int
    changed: int
    unchanged: int
    deactivated: int
    networks: int
    places: int
    version: int


def fingerprint(offer: Offer) -> str:
    """A stable hash of everything an offer says, to tell changed offers apart."""
    payload = _OFFER_JSON.dump_json(offer)
    return hashlib.sha256(payload).hexdigest()


def data_version(session: Session) -> int:
    """The counter every import bumps (0 for a database that never had an import)."""
    row = session.get(DataVersion, 1)
    return row.version if row else 0


def _bump_version(session: Session, now: dt.datetime) -> int:
    row = session.get(DataVersion, 1)
    if row is None:
        row = DataVersion(id=1, version=0)
        session.add(row)
    row.version += 1
    row.changed_at = now
    return row.version


def replace_offers(
    session: Session,
    data: OfferData,
    places: Sequence[Place],
    files: Sequence[str],
    now: dt.datetime | None = None,
    on_offer: Callable[[Offer], None] | None = None,
) -> ImportSummary:
    """Write curated data into the session's transaction.

    Offers of the imported networks that the data no longer holds are deactivated;
    other networks stay untouched. The caller commits or rolls back.
    """
    now = now or dt.datetime.now(dt.UTC)
    for place in places:
        session.merge(_place_row(place))
    for network in data.networks:
        session.merge(_network_row(network))
    for org in data.organizations:
        session.merge(
            OrganizationRow(
                id=org.id,
                name=org.name,
                description=org.description,
                email=org.email,
                website=org.website,
            )
        )
    session.flush()
    existing = {
        row.id: row
        for row in session.scalars(
            select(ServiceRow).where(ServiceRow.id.in_([o.id for o in data.offers]))
        )
    }
    added = changed = unchanged = 0
    for offer in data.offers:
        mark = fingerprint(offer)
        row = existing.get(offer.id)
        if row is None:
            session.add(_service_row(offer, mark, now))
            added += 1
        elif row.fingerprint != mark or row.status != offer.status:
            session.delete(row)
            session.flush()
            session.add(_service_row(offer, mark, now))
            changed += 1
        else:
            unchanged += 1
        if on_offer is not None:
            on_offer(offer)
    imported = {o.id for o in data.offers}
    stale = session.scalars(
        select(ServiceRow).where(
            ServiceRow.network_id.in_([n.id for n in data.networks]),
            ServiceRow.status == "active",
        )
    )
    deactivated = 0
    for row in stale:
        if row.id not in imported:
            row.status = "inactive"
            row.updated_at = now
            deactivated += 1
    version = _bump_version(session, now)
    session.add(
        ImportRow(
            imported_at=now,
            files=json.dumps(list(files), ensure_ascii=False),
            added=added,
            changed=changed,
            unchanged=unchanged,
            deactivated=deactivated,
        )
    )
    session.flush()
    return ImportSummary(
        added, changed, unchanged, deactivated, len(data.networks), len(places), version
    )


def save_offer(session: Session, offer: Offer, now: dt.datetime) -> None:
    """Replace one stored offer (an edit in the console); every worker reloads its index."""
    row = session.get(ServiceRow, offer.id)
    if row is not None:
        session.delete(row)
        session.flush()
    session.add(_service_row(offer, fingerprint(offer), now))
    _bump_version(session, now)
    session.flush()


def count_services(session: Session, active_only: bool = True) -> int:
    """How many offers the database holds."""
    query = select(func.count()).select_from(ServiceRow)
    if active_only:
        query = query.where(ServiceRow.status == "active")
    return int(session.scalar(query) or 0)


def load_offer_data(session: Session, include_inactive: bool = False) -> OfferData:
    """Read networks, organisations and (active) offers back into domain objects."""
    query = select(ServiceRow).options(
        selectinload(ServiceRow.needs),
        selectinload(ServiceRow.languages),
        selectinload(ServiceRow.areas),
        selectinload(ServiceRow.phones),
        selectinload(ServiceRow.contacts),
        selectinload(ServiceRow.locations),
        selectinload(ServiceRow.schedules),
    )
    if not include_inactive:
        query = query.where(ServiceRow.status == "active")
    offers = tuple(_offer(row) for row in session.scalars(query.order_by(ServiceRow.id)))
    used_networks = {o.network for o in offers}
    used_orgs = {o.organization for o in offers}
    networks = tuple(
        _network(row)
        for row in session.scalars(select(NetworkRow).order_by(NetworkRow.id))
        if include_inactive or row.id in used_networks
    )
    organizations = tuple(
        Organization(
            id=row.id,
            name=row.name,
            description=row.description,
            email=row.email,
            website=row.website,
        )
        for row in session.scalars(select(OrganizationRow).order_by(OrganizationRow.id))
        if include_inactive or row.id in used_orgs
    )
    return OfferData(networks=networks, organizations=organizations, offers=offers)


def load_places(session: Session) -> tuple[Place, ...]:
    """Read the gazetteer."""
    return tuple(
        Place(
            name=row.name,
            kind=row.kind,  # type: ignore[arg-type]
            state=row.state,
            district=row.district,
            postcodes=tuple(_split(row.postcodes)),
            aliases=tuple(_split(row.aliases)),
            latitude=row.latitude,
            longitude=row.longitude,
        )
        for row in session.scalars(select(PlaceRow).order_by(PlaceRow.name))
    )


def _split(joined: str) -> list[str]:
    return [part for part in joined.split("\n") if part]


def _place_row(place: Place) -> PlaceRow:
    return PlaceRow(
        name=place.name,
        kind=place.kind,
        state=place.state,
        district=place.district,
        postcodes="\n".join(place.postcodes),
        aliases="\n".join(place.aliases),
        latitude=place.latitude,
        longitude=place.longitude,
    )


def _network_row(network: Network) -> NetworkRow:
    return NetworkRow(
        id=network.id,
        name=network.name,
        description=network.description,
        ask=network.ask,
        handoff_contact=_CONTACT_JSON.dump_json(network.handoff_contact).decode(),
        service_areas=_AREAS_JSON.dump_json(network.service_areas).decode(),
        source=_SOURCE_JSON.dump_json(network.source).decode(),
    )


def _network(row: NetworkRow) -> Network:
    return Network(
        id=row.id,
        name=row.name,
        description=row.description,
        ask=row.ask,
        handoff_contact=_CONTACT_JSON.validate_json(row.handoff_contact or "null"),
        service_areas=_AREAS_JSON.validate_json(row.service_areas),
        source=_SOURCE_JSON.validate_json(row.source),
    )


def _service_row(offer: Offer, mark: str, now: dt.datetime) -> ServiceRow:
    row = ServiceRow(
        id=offer.id,
        organization_id=offer.organization,
        network_id=offer.network,
        name=offer.name,
        description=offer.description,
        status=offer.status,
        referral=offer.referral,
        assured_date=offer.assured_date,
        pregnancy=offer.eligibility.pregnancy,
        minimum_age_months=offer.eligibility.minimum_age_months,
        maximum_age_months=offer.eligibility.maximum_age_months,
        eligibility_description=offer.eligibility.description,
        free_of_charge=offer.access.free_of_charge,
        no_application=offer.access.no_application,
        home_visits=offer.access.home_visits,
        anonymous=offer.access.anonymous,
        interpretation=offer.interpretation,
        cost_description=offer.cost_description,
        email=offer.email,
        website=offer.website,
        ask=offer.ask,
        source_document=offer.source.document,
        source_published=offer.source.published,
        source_url=offer.source.url,
        source_note=offer.source.note,
        translations=_translations_json(offer),
        fingerprint=mark,
        updated_at=now,
    )
    row.needs = [ServiceNeedRow(position=i, need=n) for i, n in enumerate(offer.needs)]
    row.languages = [ServiceLanguageRow(position=i, code=c) for i, c in enumerate(offer.languages)]
    row.areas = [
        ServiceAreaRow(position=i, kind=a.kind, name=a.name)
        for i, a in enumerate(offer.service_areas)
    ]
    phones = [
        PhoneRow(position=i, number=p.number, description=p.description)
        for i, p in enumerate(offer.phones)
    ]
    for c_pos, contact in enumerate(offer.contacts):
        phones.extend(
            PhoneRow(
                position=i,
                contact_position=c_pos,
                number=p.number,
                description=p.description,
            )
            for i, p in enumerate(contact.phones)
        )
    row.phones = phones
    row.contacts = [
        ContactRow(position=i, name=c.name, title=c.title, department=c.department, email=c.email)
        for i, c in enumerate(offer.contacts)
    ]
    row.locations = [_location_row(i, loc) for i, loc in enumerate(offer.locations)]
    row.schedules = [
        ScheduleRow(
            position=i,
            description=s.description,
            open_24_7=s.open_24_7,
            by_appointment=s.by_appointment,
            days=",".join(s.days),
            opens_at=s.opens_at,
            closes_at=s.closes_at,
        )
        for i, s in enumerate(offer.schedules)
    ]
    return row


def _translations_json(offer: Offer) -> dict[str, Any]:
    """The curated translations as JSON: {language: {name, description, reviewed}}."""
    return {
        language: {"name": t.name, "description": t.description, "reviewed": t.reviewed}
        for language, t in offer.translations.items()
    }


def _location_row(position: int, loc: Location) -> LocationRow:
    return LocationRow(
        position=position,
        name=loc.name,
        address_1=loc.address.address_1 if loc.address else None,
        postal_code=loc.address.postal_code if loc.address else None,
        city=loc.address.city if loc.address else None,
        latitude=loc.latitude,
        longitude=loc.longitude,
        accessibility=loc.accessibility,
    )


def _phones(rows: Sequence[PhoneRow], contact: int | None) -> tuple[Phone, ...]:
    return tuple(
        Phone(number=p.number, description=p.description)
        for p in rows
        if p.contact_position == contact
    )


def _offer(row: ServiceRow) -> Offer:
    fields: dict[str, Any] = {
        "id": row.id,
        "organization": row.organization_id,
        "network": row.network_id,
        "name": row.name,
        "description": row.description,
        "status": row.status,
        "referral": row.referral,
        "needs": tuple(n.need for n in row.needs),
        "languages": tuple(lang.code for lang in row.languages),
        "service_areas": tuple(
            ServiceArea(kind=a.kind, name=a.name)  # type: ignore[arg-type]
            for a in row.areas
        ),
        "assured_date": row.assured_date,
        "eligibility": Eligibility(
            pregnancy=row.pregnancy,
            minimum_age_months=row.minimum_age_months,
            maximum_age_months=row.maximum_age_months,
            description=row.eligibility_description,
        ),
        "access": Access(
            free_of_charge=row.free_of_charge,
            no_application=row.no_application,
            home_visits=row.home_visits,
            anonymous=row.anonymous,
        ),
        "interpretation": row.interpretation,
        "cost_description": row.cost_description,
        "email": row.email,
        "website": row.website,
        "ask": row.ask,
        "source": Source(
            document=row.source_document,
            published=row.source_published,
            url=row.source_url,
            note=row.source_note,
        ),
        "translations": row.translations or {},
        "phones": _phones(row.phones, None),
        "contacts": tuple(
            Contact(
                name=c.name,
                title=c.title,
                department=c.department,
                email=c.email,
                phones=_phones(row.phones, c.position),
            )
            for c in row.contacts
        ),
        "locations": tuple(
            Location(
                name=loc.name,
                address=(
                    Address(address_1=loc.address_1, postal_code=loc.postal_code, city=loc.city)
                    if loc.address_1 and loc.postal_code and loc.city
                    else None
                ),
                latitude=loc.latitude,
                longitude=loc.longitude,
                accessibility=loc.accessibility,
            )
            for loc in row.locations
        ),
        "schedules": tuple(
            Schedule(
                description=s.description,
                open_24_7=s.open_24_7,
                by_appointment=s.by_appointment,
                days=tuple(d for d in s.days.split(",") if d),  # type: ignore[misc]
                opens_at=s.opens_at,
                closes_at=s.closes_at,
            )
            for s in row.schedules
        ),
    }
    return Offer(**fields)
