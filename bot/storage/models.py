"""SQLAlchemy tables. Alembic migrations in `migrations/versions` create them.

Offers are stored relationally along HSDS lines (organizations, services, locations,
service areas, contacts, phones, schedules, languages) so that PostgreSQL users can
query them; the curated YAML files stay the source of truth.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql import true

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of all tables, with constraint names Alembic can refer to."""

    metadata = MetaData(naming_convention=NAMING)


class DataVersion(Base):
    """One row: bumped by every import so that every worker reloads its offer index."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # bumped whenever a coordinator approves a training example
    examples: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PlaceRow(Base):
    """A town or district of the gazetteer."""

    __tablename__ = "places"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(200))
    postcodes: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class NetworkRow(Base):
    """A Frühe-Hilfen network and its hand-off contact (stored as JSON text)."""

    __tablename__ = "networks"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    ask: Mapped[str | None] = mapped_column(Text)
    handoff_contact: Mapped[str | None] = mapped_column(Text)
    service_areas: Mapped[str] = mapped_column(Text, default="[]")
    source: Mapped[str] = mapped_column(Text)


class OrganizationRow(Base):
    """An organisation delivering offers."""

    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))


class ServiceRow(Base):
    """An offer (HSDS service) with the Frühe-Hilfen facts."""

    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), index=True)
    referral: Mapped[bool] = mapped_column(Boolean, default=False)
    assured_date: Mapped[dt.date] = mapped_column(Date)
    pregnancy: Mapped[bool] = mapped_column(Boolean, default=False)
    minimum_age_months: Mapped[int | None] = mapped_column(Integer)
    maximum_age_months: Mapped[int | None] = mapped_column(Integer)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    free_of_charge: Mapped[bool | None] = mapped_column(Boolean)
    no_application: Mapped[bool | None] = mapped_column(Boolean)
    home_visits: Mapped[bool | None] = mapped_column(Boolean)
    anonymous: Mapped[bool | None] = mapped_column(Boolean)
    interpretation: Mapped[str | None] = mapped_column(Text)
    cost_description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))
    ask: Mapped[str | None] = mapped_column(Text)
    source_document: Mapped[str] = mapped_column(String(300))
    source_published: Mapped[dt.date | None] = mapped_column(Date)
    source_url: Mapped[str | None] = mapped_column(String(500))
    source_note: Mapped[str | None] = mapped_column(Text)
    # {language: {name, description, reviewed}}: curated translations (migration 0007)
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    fingerprint: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    needs: Mapped[list[ServiceNeedRow]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceNeedRow.position"
    )
    languages: Mapped[list[ServiceLanguageRow]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceLanguageRow.position"
    )
    areas: Mapped[list[ServiceAreaRow]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceAreaRow.position"
    )
    phones: Mapped[list[PhoneRow]] = relationship(
        cascade="all, delete-orphan", order_by="PhoneRow.position"
    )
    contacts: Mapped[list[ContactRow]] = relationship(
        cascade="all, delete-orphan", order_by="ContactRow.position"
    )
    locations: Mapped[list[LocationRow]] = relationship(
        cascade="all, delete-orphan", order_by="LocationRow.position"
    )
    schedules: Mapped[list[ScheduleRow]] = relationship(
        cascade="all, delete-orphan", order_by="ScheduleRow.position"
    )


class _Child:
    """Columns every child row of a service has."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class ServiceNeedRow(_Child, Base):
    """A need an offer serves."""

    __tablename__ = "service_needs"

    need: Mapped[str] = mapped_column(String(50), index=True)


class ServiceLanguageRow(_Child, Base):
    """A language the staff speak (ISO 639-1)."""

    __tablename__ = "service_languages"

    code: Mapped[str] = mapped_column(String(8), index=True)


class ServiceAreaRow(_Child, Base):
    """An area an offer serves."""

    __tablename__ = "service_areas"

    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), index=True)


class PhoneRow(_Child, Base):
    """A phone number of an offer or of one of its contacts."""

    __tablename__ = "phones"

    contact_position: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)


class ContactRow(_Child, Base):
    """A named contact or department of an offer."""

    __tablename__ = "contacts"

    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(300))


class LocationRow(_Child, Base):
    """Where an offer takes place."""

    __tablename__ = "locations"

    name: Mapped[str | None] = mapped_column(String(300))
    address_1: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    city: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accessibility: Mapped[str | None] = mapped_column(Text)


class ScheduleRow(_Child, Base):
    """Opening hours, 24/7 or by appointment."""

    __tablename__ = "schedules"

    description: Mapped[str | None] = mapped_column(Text)
    open_24_7: Mapped[bool] = mapped_column(Boolean, default=False)
    by_appointment: Mapped[bool] = mapped_column(Boolean, default=False)
    days: Mapped[str] = mapped_column(String(40), default="")
    opens_at: Mapped[dt.time | None] = mapped_column(Time)
    closes_at: Mapped[dt.time | None] = mapped_column(Time)


class ImportRow(Base):
    """One completed import, for the coordinators' history."""

    __tablename__ = "offer_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    files: Mapped[str] = mapped_column(Text)
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    deactivated: Mapped[int] = mapped_column(Integer)


class ConversationRow(Base):
    """The dialogue state of one user (pseudonymous key), as JSON."""

    __tablename__ = "conversations"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConsentRow(Base):
    """A consent a user gave, with the wording's version, until deleted or expired."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    wording: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class HandoffRow(Base):
    """A family's request to be contacted by a person of the responsible network."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    network_id: Mapped[str] = mapped_column(String(100), index=True)
    needs: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(200))
    child_age_months: Mapped[int | None] = mapped_column(Integer)
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8))
    contact_method: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(40))
    times: Mapped[str | None] = mapped_column(String(20))
    summary_de: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # where the family can be answered in the chat (stored only after consent)
    channel: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(64))
    family_reachable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # the case as a coordinator works it: open -> claimed -> resolved
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_by_key: Mapped[str | None] = mapped_column(String(100))
    coordinator_address: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    post_address: Mapped[str | None] = mapped_column(String(100))
    contact_post: Mapped[str | None] = mapped_column(String(100))


class ReviewQuestionRow(Base):
    """A question Lotse could not answer: masked text, never shown with who asked.

    `user_key` is kept only so that /delete can erase the user's questions too.
    """

    __tablename__ = "review_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    guesses: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    network_id: Mapped[str | None] = mapped_column(String(100), index=True)
    need: Mapped[str | None] = mapped_column(String(50))
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class UnmetNeedRow(Base):
    """A need for which no local offer existed in a place (aggregate, no user)."""

    __tablename__ = "unmet_needs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    need: Mapped[str] = mapped_column(String(50), index=True)
    place: Mapped[str] = mapped_column(String(200), index=True)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    network_id: Mapped[str | None] = mapped_column(String(100), index=True)
    source: Mapped[str] = mapped_column(String(10), default="chat", server_default="chat")


class RoleRow(Base):
    """A role of a chat user: professional, or coordinator of one network."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("user_key", "role", "network_id", name="uq_roles_grant"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(20))
    network_id: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    granted_by: Mapped[str] = mapped_column(String(100))


class InvitationRow(Base):
    """An invitation deep link; only the hash of its code is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    network_id: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    uses_left: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))


class CoordinatorChatRow(Base):
    """The group chat where a network's coordinators receive new hand-offs."""

    __tablename__ = "coordinator_chats"

    network_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class OutboxRow(Base):
    """A message to deliver later (case posts, notices to families, relayed messages).

    Written in the same transaction as the change it announces, delivered by the
    channel's worker; relayed text is erased from `payload` once delivered.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20), index=True)
    reference: Mapped[str | None] = mapped_column(String(20), index=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class TrainingExampleRow(Base):
    """A question a coordinator assigned to a need: understood at once, exported later.

    The text is masked again at assignment; `user_key` is the asker's, kept only so that
    /delete erases the example too (None for examples from before it was kept).
    """

    __tablename__ = "training_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_key: Mapped[str | None] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), index=True)
    intent: Mapped[str] = mapped_column(String(50))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class StatCountRow(Base):
    """An anonymous monthly count for the coordinators' reports (no user, no text)."""

    __tablename__ = "stat_counts"
    __table_args__ = (
        UniqueConstraint(
            "month",
            "network_id",
            "metric",
            "language",
            "place",
            "detail",
            name="uq_stat_counts_key",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    network_id: Mapped[str] = mapped_column(String(100), index=True)
    metric: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(8))
    place: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(50))
    count: Mapped[int] = mapped_column(Integer, default=0)


class ClaimTimeRow(Base):
    """How long one hand-off waited until a coordinator took it on (anonymous)."""

    __tablename__ = "claim_times"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    network_id: Mapped[str] = mapped_column(String(100), index=True)
    minutes: Mapped[float] = mapped_column(Float)


class AccountRow(Base):
    """A coordinator's or administrator's login to the web console."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # set by `lotse coordinators disable`: no login, and every session ends at once
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    networks: Mapped[list[AccountNetworkRow]] = relationship(
        cascade="all, delete-orphan", order_by="AccountNetworkRow.network_id", lazy="selectin"
    )


class AccountNetworkRow(Base):
    """A network a coordinator account may work."""

    __tablename__ = "account_networks"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    network_id: Mapped[str] = mapped_column(String(100), primary_key=True)


class WebSessionRow(Base):
    """A logged-in browser: only the hash of the session cookie is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="de")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class OfferChangeRow(Base):
    """Who changed what in an offer through the console."""

    __tablename__ = "offer_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    offer_id: Mapped[str] = mapped_column(String(100), index=True)
    changed_by: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class InboxRow(Base):
    """An incoming channel update, stored before it is acknowledged (and remembered after).

    `id` is the channel's own update id ("telegram:123"), so a re-delivered update is
    stored once; `seq` is its number, the order of a chat's updates. `chat` orders the
    updates of one chat across processes; `lease_until` marks a worker's claim; `sent`
    counts the stored replies already delivered (a re-run after a crash sends only the
    rest). Once answered, `payload`, `replies` and `chat` are emptied; the row stays until
    the retention purge, so that a late re-delivery is recognised.
    """

    __tablename__ = "inbox"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(BigInteger)  # the channel's order (Telegram's update_id)
    chat: Mapped[str] = mapped_column(String(80), index=True)
    payload: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    replies: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    handled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebMessageRow(Base):
    """A message for a web chat that arrived after the fact (a coordinator's, a notice).

    `address` is the SHA-256 of the browser's session token (never the token itself);
    the chat streams new rows and shows them again when the family comes back.
    """

    __tablename__ = "web_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(Text, default="[]")
    language: Mapped[str] = mapped_column(String(8), default="de")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class WebRateRow(Base):
    """Messages counted per web session or client address (pseudonymous) and minute."""

    __tablename__ = "web_rate_counts"

    bucket: Mapped[str] = mapped_column(String(80), primary_key=True)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
