"""A midwife searches, shares a card into a family's chat, and the card turns Arabic."""

from __future__ import annotations

import asyncio

from bot.channels.telegram import callback_data
from bot.conversation import ConversationService
from bot.domain.index import short_id
from bot.domain.matching import Ranked
from tests.telegram.bot_api import FakeBotApi
from tests.telegram.helpers import until

MIDWIFE, FAMILY_CHAT, MOTHER, FAMILY = 9101, 9500, 9102, 9103


async def test_a_midwife_searches_and_pages_with_reasons(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    running_bot.grant_professional("telegram", str(MIDWIFE))
    bot_api.send_text(MIDWIFE, "Schreiambulanz Musterstadt")
    replies = await asyncio.to_thread(bot_api.settle, MIDWIFE)
    card = next(s for s in replies if "Schreiambulanz Musterstadt" in s.text)
    assert "Warum dieses Angebot" in card.text
    share = card.buttons[0]
    assert share[0] == "An eine Familie senden"


async def test_a_shared_card_arrives_in_the_familys_language(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    running_bot.grant_professional("telegram", str(MIDWIFE))
    query = bot_api.inline_query(MIDWIFE, "#muster-feeding")
    await until(bot_api, lambda: query in bot_api.inline_answers)
    results = bot_api.inline_answers[query]["results"]
    assert bot_api.inline_answers[query]["is_personal"]
    assert len(results) == 12  # one card per language: the midwife picks the family's
    arabic = next(r for r in results if r["id"].endswith(":ar"))
    inline_id = bot_api.choose_inline_result(MIDWIFE, query, arabic["id"], FAMILY_CHAT)
    sent = next(s for s in bot_api.sent if s.inline_message_id == inline_id)
    assert sent.text.startswith("\u200f") and "Stillcafé Beispielhausen" in sent.text
    # the family switches the card to Turkish itself
    short = short_id("muster-feeding")
    bot_api.press_inline(MOTHER, inline_id, callback_data(f"cl:{short}:tr"))
    index = running_bot.catalog.current()
    turkish = running_bot.renderer.card(Ranked(index.by_id["muster-feeding"], 0.0, (), True),
                                        index.data, "tr")  # fmt: skip
    await until(bot_api, lambda: sent.text == turkish)
    assert ("• Türkçe", callback_data(f"cl:{short}:tr")) in sent.buttons
    # forged or truncated data is answered and changes nothing (it raised before)
    answered = len(bot_api.callback_answers)
    bot_api.press_inline(MOTHER, inline_id, "v1:cl:x")
    await until(bot_api, lambda: len(bot_api.callback_answers) > answered)
    assert sent.text == turkish


async def test_inline_search_lists_cards_for_a_query(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    running_bot.grant_professional("telegram", str(MIDWIFE))
    query = bot_api.inline_query(MIDWIFE, "Hebamme Musterstadt arabisch")
    await until(bot_api, lambda: query in bot_api.inline_answers)
    results = bot_api.inline_answers[query]["results"]
    assert 1 <= len(results) <= 50
    assert "Familienhebammen Musterland" in results[0]["title"]
    assert results[0]["id"].endswith(":ar")  # the language named in the query


async def test_families_get_no_inline_results(
    bot_api: FakeBotApi, running_bot: ConversationService
) -> None:
    query = bot_api.inline_query(FAMILY, "Hebamme Musterstadt")
    await until(bot_api, lambda: query in bot_api.inline_answers)
    answer = bot_api.inline_answers[query]
    assert answer["results"] == [] and answer["button"]["start_parameter"] == "inline"
