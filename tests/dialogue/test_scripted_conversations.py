"""Scripted conversations, as families write them, in 12 languages: where does each end?

The scripts in `tests/data/conversations/<lang>.yml` were written by writers who saw only
Lotse's public behaviour (never its code): what the family types, turn by turn, and what
it must finally have reached — the offers of its need, the numbers it needed, a sent
request with a reference. Every script is also checked for dead ends: no reply is the
generic error, and never two fallbacks (a "Did you mean" or the need menu) in a row.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.state import ConversationState
from bot.storage import conversations_repo
from bot.storage.db import session_factory
from bot.storage.models import HandoffRow
from tests.harness import Harness

SCRIPTS = Path(__file__).parents[1] / "data" / "conversations"


def _scripts() -> list[dict[str, Any]]:
    found = []
    for path in sorted(SCRIPTS.glob("*.yml")):
        found.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _digits(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("script", _scripts(), ids=lambda s: str(s["id"]))
def test_a_scripted_conversation_reaches_what_the_family_needs(
    family: Harness, script: dict[str, Any]
) -> None:
    renderer = family.service.renderer
    language = script["lang"]
    fallbacks = {
        renderer.text(Msg(message), lang)
        for message in (m.DID_YOU_MEAN, m.NEED_MENU, m.NOT_UNDERSTOOD)
        for lang in (language, "de", "en")
    }
    errors = {renderer.text(Msg(m.ERROR_GENERIC), lang) for lang in (language, "de", "en")}
    previous_fallback = False
    for turn in script["turns"]:
        texts = [r.text for r in family.say(str(turn))]
        assert not errors & set(texts), f"error after {turn!r}"
        fallback = any(f in t for t in texts for f in fallbacks)
        assert not (fallback and previous_fallback), f"two fallbacks in a row at {turn!r}"
        previous_fallback = fallback
    transcript = "\n".join(family.transcript)
    expect = script["expect"]
    for number in expect.get("numbers") or []:
        assert _digits(number) in _digits(transcript), f"{number} never shown"
    with session_factory(family.service.engine)() as session:
        handoffs = session.scalars(select(HandoffRow)).all()
        stored = conversations_repo.load_state(session, family.key)
    if expect.get("handoff"):
        assert len(handoffs) == 1, "no request was sent"
        assert handoffs[0].reference in transcript
    else:
        assert not handoffs
    need = expect.get("need")
    if need and need not in ("talk_to_person", "general_support"):
        state = ConversationState.from_dict(stored or {})
        assert need in state.needs, f"{need} not understood; understood {state.needs}"
