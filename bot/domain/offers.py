"""Offers as curated by the networks: frozen, validated value objects.

The field names follow Open Referral HSDS 3.0 where it has one (organization, service,
location, service area, contact, phone, schedule, language, assured date) plus what the
Frühe Hilfen need: needs served, age range and pregnancy, low-threshold access facts,
the responsible network and its hand-off contact, and the source of every fact.

The same classes validate the YAML files (pydantic collects every problem at once) and
serve as the in-memory domain objects.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import phonenumbers
from babel import localedata
from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, model_validator
from pydantic.dataclasses import dataclass

from bot.domain.needs import NEED_IDS
from bot.nlu.language import SUPPORTED

STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)

_PLZ = re.compile(r"\d{5}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(
            "use lower-case letters, digits, '-' and '_' (e.g. 'gummersbach-babybesuch')"
        )
    return value


def _check_need(value: str) -> str:
    if value not in NEED_IDS:
        raise ValueError(f"unknown need id {value!r}; known: {', '.join(NEED_IDS)}")
    return value


def _check_plz(value: str) -> str:
    if not _PLZ.fullmatch(value) or value == "00000":
        raise ValueError(f"{value!r} is not a German postcode (five digits)")
    return value


def _check_phone(value: str) -> str:
    if not is_dialable_german_number(value):
        raise ValueError(f"{value!r} is not a valid German phone number")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


def _check_url(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"{value!r} is not a web address (http:// or https://)")
    return value


def _check_language(value: str) -> str:
    if len(value) != 2 or not value.islower() or not localedata.exists(value):
        raise ValueError(f"{value!r} is not an ISO 639-1 language code (e.g. 'de', 'ar', 'uk')")
    return value


def _check_not_future(value: dt.date, info: ValidationInfo) -> dt.date:
    today = (info.context or {}).get("today") or dt.date.today()
    if value > today:
        raise ValueError(f"{value.isoformat()} lies in the future")
    return value


def is_dialable_german_number(value: str) -> bool:
    """Tell whether `value` is a valid German number, short service numbers included."""
    try:
        parsed = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    digits = re.sub(r"\D", "", value)
    return bool(re.fullmatch(r"11[0-9]|116\d{3}|115", digits))


# the size of the hand-off's phone column (bot/storage/models.py HandoffRow.phone)
PHONE_MAX_CHARS = 40
# a phone number and a few words about it; what is longer is looked at no further
_PHONE_TEXT_CHARS = 200


def is_reachable_phone(value: str) -> bool:
    """A number a family may give for a call back: German, or international (+ or 00).

    The whole answer must fit the phone column; a number within a longer sentence is
    found by `extract_phone`.
    """
    number = value.strip()
    if len(number) > PHONE_MAX_CHARS:
        return False
    if is_dialable_german_number(number):
        return True
    digits = sum(c.isdigit() for c in number)
    if number.startswith(("+", "00")) and 8 <= digits <= 15:
        return True
    return extract_phone(number) is not None


def extract_phone(text: str) -> str | None:
    """The first phone number in `text` (German by default), as E.164 (`+4915123456789`).

    "+4915123456789 bitte erst nach 18 Uhr anrufen" gives "+4915123456789". Only the
    first 200 characters are looked at; the result always fits the phone column.
    """
    head = text[:_PHONE_TEXT_CHARS]
    for match in phonenumbers.PhoneNumberMatcher(head, "DE", phonenumbers.Leniency.VALID):
        found = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if len(found) <= PHONE_MAX_CHARS:
            return str(found)
    for match in phonenumbers.PhoneNumberMatcher(head, "DE", phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string.strip()
        digits = str(phonenumbers.normalize_digits_only(raw)).removeprefix("00")
        if raw.startswith(("+", "00")) and 8 <= len(digits) <= 15:
            return "+" + digits
    return None


# the longest text each field may hold: the size of its column in bot/storage/models.py
# (longer values would pass here and fail the import, or be cut by other databases)
Id = Annotated[str, Field(max_length=100), AfterValidator(_check_id)]
NeedId = Annotated[str, AfterValidator(_check_need)]
Postcode = Annotated[str, AfterValidator(_check_plz)]
PhoneNumber = Annotated[str, Field(max_length=50), AfterValidator(_check_phone)]
Email = Annotated[str, Field(max_length=300), AfterValidator(_check_email)]
Url = Annotated[str, Field(max_length=500), AfterValidator(_check_url)]
LanguageCode = Annotated[str, AfterValidator(_check_language)]
Text = Annotated[str, Field(min_length=1)]
Name = Annotated[str, Field(min_length=1, max_length=300)]
ShortName = Annotated[str, Field(min_length=1, max_length=200)]
PastDate = Annotated[dt.date, AfterValidator(_check_not_future)]
Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
AreaKind = Literal["country", "state", "district", "municipality", "postcode"]
Status = Literal["active", "inactive", "defunct", "temporarily closed"]


@dataclass(frozen=True, config=STRICT)
class Source:
    """Where the facts of an offer are stated: a document in `offers_data/sources/`."""

    document: Name
    published: PastDate | None = None
    url: Url | None = None
    note: str | None = None


@dataclass(frozen=True, config=STRICT)
class Phone:
    """A phone number with what it is for."""

    number: PhoneNumber
    description: str | None = None


@dataclass(frozen=True, config=STRICT)
class Contact:
    """A named contact or a department (HSDS contact)."""

    name: Annotated[str, Field(max_length=200)] | None = None
    title: Annotated[str, Field(max_length=200)] | None = None
    department: Annotated[str, Field(max_length=300)] | None = None
    email: Email | None = None
    phones: tuple[Phone, ...] = ()

    @model_validator(mode="after")
    def _has_name_or_department(self) -> Contact:
        if not (self.name or self.department):
            raise ValueError("a contact needs a name or a department")
        return self


@dataclass(frozen=True, config=STRICT)
class Address:
    """A postal address in Germany."""

    address_1: Name
    postal_code: Postcode
    city: ShortName


@dataclass(frozen=True, config=STRICT)
class Location:
    """Where an offer takes place; coordinates are optional."""

    name: Annotated[str, Field(max_length=300)] | None = None
    address: Address | None = None
    latitude: Annotated[float, Field(ge=47.0, le=55.5)] | None = None
    longitude: Annotated[float, Field(ge=5.5, le=15.5)] | None = None
    accessibility: str | None = None


@dataclass(frozen=True, config=STRICT)
class ServiceArea:
    """The area an offer serves: all of Germany, a state, a district, a town or a PLZ."""

    kind: AreaKind
    name: ShortName

    @model_validator(mode="after")
    def _name_fits_kind(self) -> ServiceArea:
        if self.kind == "postcode":
            _check_plz(self.name)
        if self.kind == "country" and self.name != "DE":
            raise ValueError("a country service area is written 'DE'")
        return self


@dataclass(frozen=True, config=STRICT)
class Schedule:
    """When an offer is open: 24/7, by appointment, or weekly hours."""

    description: str | None = None
    open_24_7: bool = False
    by_appointment: bool = False
    days: tuple[Weekday, ...] = ()
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None

    @model_validator(mode="after")
    def _complete_hours(self) -> Schedule:
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValueError("give both opens_at and closes_at, or neither")
        if self.opens_at is not None and not self.days:
            raise ValueError("opening hours need the days they apply to")
        if len(set(self.days)) != len(self.days):
            raise ValueError("a day is listed twice")
        return self


@dataclass(frozen=True, config=STRICT)
class Eligibility:
    """Who the offer is for: pregnancy and the child's age in months."""

    pregnancy: bool = False
    minimum_age_months: Annotated[int, Field(ge=0, le=216)] | None = None
    maximum_age_months: Annotated[int, Field(ge=0, le=216)] | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Eligibility:
        low, high = self.minimum_age_months, self.maximum_age_months
        if low is not None and high is not None and low > high:
            raise ValueError("minimum_age_months is above maximum_age_months")
        return self

    def admits_age(self, months: int) -> bool:
        """Tell whether a child of `months` months is within the age range."""
        low = self.minimum_age_months or 0
        high = self.maximum_age_months if self.maximum_age_months is not None else 216
        return low <= months <= high


@dataclass(frozen=True, config=STRICT)
class Access:
    """Low-threshold facts. `None` means the source does not say."""

    free_of_charge: bool | None = None
    no_application: bool | None = None
    home_visits: bool | None = None
    anonymous: bool | None = None


@dataclass(frozen=True, config=STRICT)
class Organization:
    """The organisation that delivers offers (HSDS organization)."""

    id: Id
    name: Name
    description: str | None = None
    email: Email | None = None
    website: Url | None = None


@dataclass(frozen=True, config=STRICT)
class Network:
    """A local Frühe-Hilfen network: its area and the contact hand-offs go to."""

    id: Id
    name: Name
    service_areas: tuple[ServiceArea, ...]
    source: Source
    handoff_contact: Contact | None = None
    ask: str | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Network:
        if self.handoff_contact is None and not self.ask:
            raise ValueError("a network needs a handoff_contact or 'ask' (whom to ask)")
        return self


# --- curated translations of an offer's name and description (issue 12) ----------------


def _check_translation_language(value: str) -> str:
    if value == "de" or value not in SUPPORTED:
        others = ", ".join(code for code in SUPPORTED if code != "de")
        raise ValueError(f"{value!r} is not a language Lotse translates offers into ({others})")
    return value


TranslationLanguage = Annotated[str, AfterValidator(_check_translation_language)]


@dataclass(frozen=True, config=STRICT)
class OfferTranslation:
    """An offer's name and description in another language; machine-made until reviewed."""

    name: Name
    description: Text
    reviewed: bool = False


@dataclass(frozen=True, config=STRICT)
class Offer:
    """One service of one organisation, as families and professionals see it."""

    id: Id
    organization: Id
    name: Name
    description: Text
    needs: tuple[NeedId, ...]
    service_areas: tuple[ServiceArea, ...]
    assured_date: PastDate
    source: Source
    network: Id = "none"
    status: Status = "active"
    referral: bool = False
    eligibility: Eligibility = Eligibility()
    access: Access = Access()
    languages: tuple[LanguageCode, ...] = ()
    interpretation: str | None = None
    cost_description: str | None = None
    email: Email | None = None
    website: Url | None = None
    phones: tuple[Phone, ...] = ()
    contacts: tuple[Contact, ...] = ()
    locations: tuple[Location, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    ask: str | None = None
    translations: dict[TranslationLanguage, OfferTranslation] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _reachable(self) -> Offer:
        if not (self.phones or self.email or self.website or self.contacts or self.ask):
            raise ValueError(
                "an offer needs a way to reach it (phones, email, website, contacts) "
                "or 'ask': whom to ask when the source names no contact"
            )
        if not self.needs:
            raise ValueError("an offer needs at least one need id")
        if len(set(self.needs)) != len(self.needs):
            raise ValueError("a need is listed twice")
        return self

    @property
    def is_active(self) -> bool:
        """Tell whether families should be shown this offer."""
        return self.status == "active"

    @property
    def is_nationwide(self) -> bool:
        """Tell whether the offer serves all of Germany."""
        return any(area.kind == "country" for area in self.service_areas)


@dataclass(frozen=True)
class OfferData:
    """A complete, validated set of curated data: networks, organisations, offers."""

    networks: tuple[Network, ...] = ()
    organizations: tuple[Organization, ...] = ()
    offers: tuple[Offer, ...] = ()

    def network(self, network_id: str) -> Network | None:
        """Find a network by id."""
        return next((n for n in self.networks if n.id == network_id), None)

    def organization(self, organization_id: str) -> Organization | None:
        """Find an organisation by id."""
        return next((o for o in self.organizations if o.id == organization_id), None)
