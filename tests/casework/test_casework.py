"""Working the cases: who may claim, resolve and write; what the outbox then holds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.casework.notices import NoticeRenderer
from bot.casework.service import FORBIDDEN, OK, TAKEN, Actor, Casework
from bot.conversation import ConversationService
from bot.dialogue.engine import Turn
from bot.domain.cases import Case, working_days_between
from bot.domain.roles import COORDINATOR, Grant, Roles
from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES
from bot.i18n.render import Renderer
from bot.storage.conversations_repo import count_user_rows
from bot.storage.db import session_factory, transaction
from bot.storage.models import HandoffRow, OutboxRow
from tests.conftest import ROOT
from tests.harness import Harness

ERIKA = Actor(
    "key-erika", Roles((Grant(COORDINATOR, "musterstadt", "Erika Beispiel"),)), address="900"
)
OTTO = Actor("key-otto", Roles((Grant(COORDINATOR, "musterstadt", "Otto Muster"),)), address="901")
STRANGER = Actor("key-x", Roles((Grant(COORDINATOR, "gummersbach", "Thomas"),)), address="902")


def request(service: ConversationService, user: str = "family-1", channel: str = "telegram") -> str:
    """A family in Musterstadt asks to be answered in the chat; returns the reference."""
    family = Harness(service, user=user, channel=channel)
    family.request_contact_in_chat("Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    with session_factory(service.engine)() as session:
        return (
            session.scalars(select(HandoffRow.reference).order_by(HandoffRow.id.desc())).first()
            or ""
        )


def outbox(service: ConversationService) -> list[tuple[str, str | None]]:
    with session_factory(service.engine)() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.id)).all()
        return [(r.kind, r.reference) for r in rows]


def case_row(service: ConversationService, reference: str) -> HandoffRow:
    with session_factory(service.engine)() as session:
        row = session.scalars(select(HandoffRow).where(HandoffRow.reference == reference)).one()
        session.expunge(row)
        return row


def test_a_new_request_is_announced_to_its_network(service: ConversationService) -> None:
    reference = request(service)
    assert outbox(service) == [("case_new", reference)]
    row = case_row(service, reference)
    assert (row.channel, row.address) == ("telegram", "family-1")  # after consent only


def test_a_terminal_request_has_no_chat_address(service: ConversationService) -> None:
    reference = request(service, channel="cli")
    row = case_row(service, reference)
    assert row.address is None and row.channel is None


def test_only_coordinators_of_the_network_may_claim(service: ConversationService) -> None:
    reference = request(service)
    work = Casework(service.engine)
    assert work.claim(reference, STRANGER).status == FORBIDDEN
    assert case_row(service, reference).status == "open"
    assert outbox(service) == [("case_new", reference)]
    assert work.claim(reference, ERIKA).status == OK
    assert work.claim(reference, OTTO).status == TAKEN
    row = case_row(service, reference)
    assert (row.status, row.claimed_by, row.coordinator_address) == (
        "claimed",
        "Erika Beispiel",
        "900",
    )
    assert outbox(service)[1:] == [("case_update", reference), ("case_claimed", reference)]


def test_the_family_is_told_who_has_its_request(service: ConversationService) -> None:
    reference = request(service)
    Casework(service.engine).claim(reference, ERIKA)
    family = Harness(service, user="family-1", channel="telegram")
    shown = "\n".join(r.text for r in family.command("person"))
    assert reference in shown and "Erika Beispiel" in shown
    assert f"reply:{reference}" in family.options


def test_resolving_erases_the_contact_details(service: ConversationService) -> None:
    reference = request(service)
    work = Casework(service.engine)
    assert work.resolve(reference, STRANGER, "reached").status == FORBIDDEN
    assert work.resolve(reference, ERIKA, "reached", "Termin vereinbart").ok
    row = case_row(service, reference)
    assert (row.status, row.outcome, row.notes) == ("resolved", "reached", "Termin vereinbart")
    assert row.address is None and row.phone is None
    with pytest.raises(ValueError, match="unknown outcome"):
        work.resolve(reference, ERIKA, "lost")


def test_messages_pass_between_family_and_coordinator(service: ConversationService) -> None:
    reference = request(service)
    work = Casework(service.engine)
    assert work.relay(reference, STRANGER, "Hallo").status == FORBIDDEN
    assert work.relay(reference, ERIKA, "Ich rufe morgen an").ok  # writing takes the case on
    assert case_row(service, reference).claimed_by == "Erika Beispiel"
    family = Harness(service, user="family-1", channel="telegram")
    family.service.handle("telegram", "family-1", Turn(choice=f"reply:{reference}"))
    family.say("Danke, morgen passt")
    kinds = [k for k, _ in outbox(service)]
    assert kinds.count("relay_family") == 1 and kinds.count("relay_coordinator") == 1
    with session_factory(service.engine)() as session:
        texts = [r.payload for r in session.scalars(select(OutboxRow))]
    assert any("Danke, morgen passt" in t for t in texts)


def test_a_family_answer_lands_in_the_notes_when_nobody_holds_a_chat(
    service: ConversationService,
) -> None:
    reference = request(service)
    console = Actor("console:1", ERIKA.roles, name="Erika Beispiel")  # no chat address
    Casework(service.engine).claim(reference, console)
    service.handle("telegram", "family-1", Turn(choice=f"reply:{reference}"))
    service.handle("telegram", "family-1", Turn(text="Bitte nachmittags anrufen"))
    assert "Bitte nachmittags anrufen" in (case_row(service, reference).notes or "")


def test_delete_also_erases_queued_messages(service: ConversationService) -> None:
    reference = request(service)
    Casework(service.engine).relay(reference, ERIKA, "Ich rufe morgen an")
    family = Harness(service, user="family-1", channel="telegram")
    family.command("delete")
    family.press("delete:yes")
    assert outbox(service) == []
    assert count_user_rows(session_factory(service.engine)(), family.key) == 0


def test_a_reminder_after_two_working_days_and_only_once(service: ConversationService) -> None:
    reference = request(service)
    friday = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    with transaction(service.engine) as session:
        session.scalars(select(HandoffRow)).one().created_at = friday
    monday, tuesday = friday + dt.timedelta(days=3), friday + dt.timedelta(days=4)
    assert Casework(service.engine, clock=lambda: monday).enqueue_reminders(2.0) == 0
    assert Casework(service.engine, clock=lambda: tuesday).enqueue_reminders(2.0) == 1
    assert Casework(service.engine, clock=lambda: tuesday).enqueue_reminders(2.0) == 0
    assert outbox(service).count(("case_reminder", reference)) == 1


def test_working_days_skip_the_weekend() -> None:
    friday = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    assert working_days_between(friday, friday + dt.timedelta(days=3)) == pytest.approx(1.0)
    assert working_days_between(friday, friday + dt.timedelta(days=4)) == pytest.approx(2.0)
    assert working_days_between(friday, friday) == 0.0


def test_a_new_coordinators_chat_receives_what_waits(service: ConversationService) -> None:
    reference = request(service)
    work = Casework(service.engine)
    assert not work.register_chat("musterstadt", "telegram", "-100", STRANGER)
    assert work.register_chat("musterstadt", "telegram", "-100", ERIKA)
    assert outbox(service).count(("case_new", reference)) == 2


@pytest.mark.parametrize(
    ("months", "line"), [(0, "Kind: jünger als ein Monat"), (5, "Kind: 5 Monate alt")]
)
def test_the_coordinators_post_tells_a_newborn_as_under_a_month(
    service: ConversationService, months: int, line: str
) -> None:
    staff = Renderer(ROOT / "locales", domain=STAFF_DOMAIN, languages=STAFF_LANGUAGES)
    case = Case(
        reference="L-TEST01",
        network="musterstadt",
        status="open",
        needs=("midwife",),
        place="Musterstadt",
        child_age_months=months,
        pregnant=False,
        language="tr",
        contact_method="chat",
        phone=None,
        times=None,
        summary_de="",
        created_at=dt.datetime(2026, 12, 7, 12, 0),
    )
    post = NoticeRenderer(service.renderer, staff).post(case, "Netzwerk Musterstadt")
    assert line in post and "0 Monat" not in post
