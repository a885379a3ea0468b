"""Coordinators in Telegram: a case is posted, claimed, answered and closed; others are refused."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select

from bot.casework.service import Casework
from bot.channels.telegram import callback_data
from bot.conversation import ConversationService
from bot.storage.db import session_factory, transaction
from bot.storage.models import HandoffRow, OutboxRow
from bot.storage.roles_repo import create_invitation
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import ask_for_a_person, last_to, settle, until

CLARA, STRANGER, MOTHER, GROUP = 8001, 8200, 8100, -100500


def invite_coordinator(service: ConversationService) -> str:
    with transaction(service.engine) as session:
        return create_invitation(
            session, "coordinator", "musterstadt", "Clara Muster", 1, 30, "test",
            dt.datetime.now(dt.UTC),
        )  # fmt: skip


def case(service: ConversationService) -> HandoffRow:
    with session_factory(service.engine)() as session:
        row = session.scalars(select(HandoffRow)).one()
        session.expunge(row)
        return row


async def test_a_case_from_post_to_close_while_a_stranger_is_refused(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    service = running_bot
    bot_api.send_text(CLARA, f"/start co_{invite_coordinator(service)}")
    assert "Clara Muster" in (await settle(bot_api, CLARA))[-1]
    bot_api.send_text(CLARA, "/casechat", chat_id=GROUP)
    await until(bot_api, lambda: last_to(bot_api, GROUP, "Musterstadt"))

    await ask_for_a_person(bot_api, MOTHER, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    reference = case(service).reference
    post = await until(bot_api, lambda: last_to(bot_api, GROUP, reference))
    assert "Sozialberatung" not in post.text and "Geld" in post.text  # the need, in German
    assert post.buttons == [("Übernehmen", callback_data(f"case:claim:{reference}"))]

    # someone without the coordinator role presses "take on": refused, nothing changes
    answered = len(bot_api.callback_answers)
    bot_api.press_on(STRANGER, post, callback_data(f"case:claim:{reference}"))
    await until(bot_api, lambda: len(bot_api.callback_answers) > answered)
    answer = bot_api.callback_answers[-1]
    assert answer["show_alert"] and "nur Koordinatorinnen" in answer["text"]
    await asyncio.sleep(0.5)
    assert case(service).status == "open" and not bot_api.edits
    assert last_to(bot_api, STRANGER) is None

    # Clara takes it on: contact details privately, the post changes, the family is told
    bot_api.press_on(CLARA, post, callback_data(f"case:claim:{reference}"))
    contact = await until(bot_api, lambda: last_to(bot_api, CLARA, reference))
    assert "Der Familie schreiben" in [label for label, _ in contact.buttons]
    await until(bot_api, lambda: "Clara Muster" in post.text)
    told = await until(bot_api, lambda: last_to(bot_api, MOTHER, "Clara Muster"))
    assert reference in told.text and case(service).status == "claimed"
    assert callback_data(f"reply:{reference}") in [data for _, data in told.buttons]

    # Clara writes; the mother reads it and answers; Clara reads the answer
    bot_api.press_on(CLARA, contact, callback_data(f"write:{reference}"))
    await settle(bot_api, CLARA)
    bot_api.send_text(CLARA, "Ich rufe Sie morgen um 10 Uhr an.")
    relayed = await until(bot_api, lambda: last_to(bot_api, MOTHER, "morgen um 10 Uhr"))
    bot_api.press_on(MOTHER, relayed, callback_data(f"reply:{reference}"))
    await settle(bot_api, MOTHER)
    bot_api.send_text(MOTHER, "Danke, das passt gut")
    await until(bot_api, lambda: last_to(bot_api, CLARA, "Danke, das passt gut"))

    # closed: the post says so, the contact message loses the details, the row is plain
    bot_api.press_on(CLARA, contact, callback_data(f"case:done:{reference}:reached"))
    await until(bot_api, lambda: "erreicht" in post.text and not post.buttons)
    await until(bot_api, lambda: "Kontaktdaten wurden gelöscht" in contact.text)
    closed = case(service)
    assert (closed.status, closed.outcome, closed.address) == ("resolved", "reached", None)
    with session_factory(service.engine)() as session:
        payloads = session.scalars(select(OutboxRow.payload)).all()
    assert all(p == "{}" for p in payloads)  # relayed text is gone once delivered


async def test_coordinator_commands_are_refused_to_families(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    for command in ("/cases", "/invite", "/casechat"):
        bot_api.send_text(STRANGER, command)
    texts = await settle(bot_api, STRANGER)
    assert len(texts) == 3 and all("nur für Koordinatorinnen" in t for t in texts)
    bot_api.send_text(STRANGER, "/casechat", chat_id=GROUP)
    await settle(bot_api, GROUP)
    with session_factory(running_bot.engine)() as session:
        assert session.scalars(select(OutboxRow)).all() == []


async def test_a_coordinator_invites_professionals_and_lists_cases(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    bot_api.send_text(CLARA, f"/start co_{invite_coordinator(running_bot)}")
    await settle(bot_api, CLARA)
    bot_api.send_text(CLARA, "/invite")
    link = (await settle(bot_api, CLARA))[-1]
    assert "https://t.me/LotseBot?start=pro_" in link
    payload = link.split("?start=")[1].split()[0]
    bot_api.send_text(9001, f"/start {payload}")
    assert "Schreiambulanz Coesfeld" in (await settle(bot_api, 9001))[-1]
    await ask_for_a_person(bot_api, MOTHER, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    bot_api.send_text(CLARA, "/cases")
    listing = await until(bot_api, lambda: last_to(bot_api, CLARA, case(running_bot).reference))
    assert "1 offene Anfrage" in listing.text


async def test_a_case_waiting_too_long_is_reminded_in_the_coordinators_chat(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    service = running_bot
    bot_api.send_text(CLARA, f"/start co_{invite_coordinator(service)}")
    await settle(bot_api, CLARA)
    bot_api.send_text(CLARA, "/casechat", chat_id=GROUP)
    await until(bot_api, lambda: last_to(bot_api, GROUP, "Musterstadt"))
    await ask_for_a_person(bot_api, MOTHER, "Wir haben kein Geld mehr, wir wohnen in Musterstadt")
    reference = case(service).reference
    await until(bot_api, lambda: last_to(bot_api, GROUP, reference))
    with transaction(service.engine) as session:  # it came in five days ago
        row = session.scalars(select(HandoffRow)).one()
        row.created_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    assert Casework(service.engine).enqueue_reminders(2.0) == 1
    reminder = await until(bot_api, lambda: last_to(bot_api, GROUP, "Erinnerung"))
    assert reference in reminder.text
    assert reminder.buttons == [("Übernehmen", callback_data(f"case:claim:{reference}"))]
