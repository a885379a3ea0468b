"""The conversation: `step(state, turn, context) -> (state, effects)`, no I/O of its own.

Crisis first, at every stage. Then the answer to a pending question (place, age, phone,
a choice, a message to pass on), then commands and intents, then the family's needs,
which accumulate over turns. Lotse asks only what is missing and matters, shows at
most three offers to parents, and offers a person — with consent — after results and
when nothing fits. Professionals get a quick search instead (`professional.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import handoff, offers, professional
from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import (
    Ask,
    Choice,
    Effect,
    EraseUserData,
    LanguageName,
    RedeemInvitation,
    Say,
    ShowEmergency,
    StoreQuestion,
    Verbatim,
)
from bot.dialogue.handoff import draft_of, summary_of
from bot.dialogue.state import ConversationState
from bot.dialogue.work import Context, Step, Turn, choice
from bot.domain.needs import META_INTENTS
from bot.domain.roles import parse_invitation
from bot.nlu.analyzer import Analysis
from bot.nlu.language import SUPPORTED

__all__ = ["COMMANDS", "Context", "Turn", "draft_of", "step", "summary_of"]

# needs where a question is often a request for medical or legal advice Lotse must not give
ADVICE_NEEDS = frozenset({"child_development", "mental_health", "feeding", "migration"})
COMMANDS = ("start", "help", "language", "privacy", "delete", "person", "restart")
# a shared location further than this from every known town is "unknown area"
NEAREST_TOWN_KM = 25.0
# choices that stay valid after other questions (buttons of earlier or delivered messages)
_ALWAYS_VALID = ("lang", "more", "card", "reply", "write")


def step(
    state: ConversationState, turn: Turn, context: Context
) -> tuple[ConversationState, list[Effect]]:
    """Advance one conversation by one turn."""
    work = Step(ConversationState.from_dict(state.to_dict()), context)
    if work.state.language is None:
        work.state.language = turn.language_hint if turn.language_hint in SUPPORTED else None
    work.state.location_offered = False
    if turn.command is not None:
        words = turn.command.lstrip("/").split() or [""]
        if words[0].lower() == "start" and len(words) > 1:
            _deep_link(work, words[1])
        else:
            _command(work, words[0].lower())
    elif turn.choice is not None:
        _choose(work, turn.choice)
    elif turn.location is not None:
        _located(work, turn.location)
    else:
        _text(work, turn.text or "", turn.language_hint)
    work.state.location_offered = any(isinstance(e, Ask) and e.location for e in work.effects)
    return work.state, work.effects


# --- commands ---------------------------------------------------------------------------


def _deep_link(work: Step, payload: str) -> None:
    """`/start net_<network>` from a flyer's QR code; `/start pro_…`/`co_…` invitations."""
    invitation = parse_invitation(payload)
    if invitation is not None:
        work.state.greeted = True
        work.effects.append(RedeemInvitation(invitation.role, invitation.code))
        return
    if payload.startswith("net_"):
        network = work.context.index.data.network(payload[4:].replace("_", "-"))
        towns = [a.name for a in network.service_areas if a.kind != "country"] if network else []
        if towns:
            work.state.place = towns[0]
    _command(work, "start")


def _command(work: Step, command: str) -> None:
    state = work.state
    if command == "start":
        state.greeted = True
        work.say(m.WELCOME)
        _ask_language(work)
    elif command == "help":
        work.say(m.HELP_PROFESSIONAL if work.context.roles.professional else m.HELP)
    elif command == "language":
        _ask_language(work)
    elif command == "privacy":
        work.say(
            m.PRIVACY, days=work.context.conversation_days, handoff_days=work.context.handoff_days
        )
    elif command == "delete":
        work.ask(
            m.DELETE_CONFIRM,
            [choice("delete:yes", m.CHOICE_DELETE), choice("delete:no", m.CHOICE_KEEP)],
            st.DELETE,
        )
    elif command == "person":
        handoff.offer_handoff(work)
    elif command == "restart":
        work.state = state.restarted()
        work.say(m.RESTARTED)
    else:
        work.say(m.HELP)


def _ask_language(work: Step) -> None:
    choices = [Choice(f"lang:{code}", LanguageName(code, native=True)) for code in SUPPORTED]
    work.ask(m.CHOOSE_LANGUAGE, choices, st.LANGUAGE)


# --- choices ----------------------------------------------------------------------------


def _choose(work: Step, chosen: str) -> None:
    state = work.state
    kind, _, value = chosen.partition(":")
    if chosen not in state.choices and kind not in _ALWAYS_VALID:
        # an old button (e.g. from before a restart): answer with what is current
        work.say(m.ANYTHING_ELSE if state.needs else m.RESTARTED)
        return
    state.choices = []
    handler = _CHOICES.get(kind)
    if handler is None:
        work.say(m.NOT_UNDERSTOOD)
        return
    handler(work, value)


def _choose_language(work: Step, code: str) -> None:
    if code == "choose":
        _ask_language(work)
    elif code in SUPPORTED:
        work.state.language = code
        work.state.language_confirmed = True
        work.state.stage = st.LISTENING
        work.say(m.LANGUAGE_SET, language=LanguageName(code))
        if not work.state.needs:
            work.say(m.WELCOME if not work.state.greeted else m.RESTARTED)
            work.state.greeted = True


def _choose_delete(work: Step, value: str) -> None:
    if value == "yes":
        work.effects.append(EraseUserData())
        language = work.state.language
        work.state = ConversationState(language=language, greeted=True)
        work.say(m.DELETED)
    else:
        work.state.stage = st.LISTENING
        work.say(m.NOT_DELETED)


def _choose_more(work: Step, value: str) -> None:
    if work.context.roles.professional:
        professional.choose_page(work, value)
    else:
        work.state.page = 0
        offers.show_offers(work)


_CHOICES: dict[str, Callable[[Step, str], None]] = {
    "lang": _choose_language,
    "delete": _choose_delete,
    "age": offers.choose_age,
    "place": offers.choose_place,
    "card": offers.choose_card,
    "more": _choose_more,
    "handoff": handoff.choose_handoff,
    "consent": handoff.choose_consent,
    "contact": handoff.choose_contact,
    "times": handoff.choose_times,
    "confirm": handoff.choose_confirm,
    "reply": handoff.choose_reply,
    "write": handoff.choose_write,
}


# --- a shared location ----------------------------------------------------------------------


def _located(work: Step, point: tuple[float, float]) -> None:
    """A shared location: the nearest known town, and distances to the offers."""
    state = work.state
    town = work.context.index.gazetteer.nearest(point, NEAREST_TOWN_KM)
    state.stage = st.LISTENING
    state.choices = []
    if town is None:
        state.near = None
        work.ask(m.LOCATION_UNKNOWN, [], st.ASK_PLACE)
        return
    state.place, state.postcode = town.name, None
    state.near = [round(point[0], 2), round(point[1], 2)]
    work.say(m.LOCATION_NOTED, place=Verbatim(town.name))
    if state.needs:
        offers.advance(work)
    else:
        work.say(m.RESTARTED)


# --- free text ----------------------------------------------------------------------------


def _text(work: Step, text: str, hint: str | None) -> None:
    state = work.state
    analysis = work.context.analyzer.analyze(text, state.language, hint, work.context.memory)
    if analysis.crisis:
        if state.language is None:
            state.language = analysis.language
        work.effects.append(ShowEmergency(analysis.crisis_kind))
        work.say(m.CRISIS_AFTER)
        if state.stage == st.RELAY:
            handoff.relay_text(work, text)  # the person holding the case should know too
        state.stage = st.LISTENING
        state.choices = []
        _remember(state, analysis)
        return
    if state.stage == st.PHONE:
        handoff.answer_phone(work, text)
        return
    if state.stage == st.RELAY:
        handoff.relay_text(work, text)
        return
    _settle_language(work, analysis, text)
    if work.context.roles.professional and not _is_meta(analysis):
        state.stage = st.LISTENING
        professional.search_text(work, text, analysis)
        return
    if state.stage == st.ASK_PLACE and analysis.location is None and not analysis.needs:
        work.ask(m.PLACE_UNKNOWN, [], st.ASK_PLACE, location=True)
        return
    state.stage = st.LISTENING
    state.choices = []
    _remember(state, analysis)
    if _meta(work, analysis):
        return
    if "talk_to_person" in analysis.needs and len(analysis.needs) == 1:
        handoff.offer_handoff(work)
        return
    informative = bool(
        analysis.needs or analysis.location or analysis.child_age_months is not None
    ) or (analysis.pregnant and not state.pregnant)
    if not state.needs or not informative:
        work.effects.append(StoreQuestion(text, analysis.language, _guesses(analysis), state.place))
        work.say(m.OUT_OF_SCOPE if analysis.intent == "out_of_scope" else m.NOT_UNDERSTOOD)
        return
    if "?" in text and set(analysis.needs) & ADVICE_NEEDS:
        work.say(m.NO_ADVICE)
    offers.advance(work)


def _settle_language(work: Step, analysis: Analysis, text: str) -> None:
    state = work.state
    first = not state.greeted
    switch = (
        state.language is not None
        and analysis.language != state.language
        and analysis.language_confidence >= 0.8
        and len(text.split()) >= 3
    )
    if state.language is None or (not state.language_confirmed and switch):
        state.language = analysis.language
    elif switch:
        state.language = analysis.language
        work.say(m.LANGUAGE_SET, language=LanguageName(analysis.language))
    if first:
        state.greeted = True
        if analysis.intent == "greet" and not analysis.needs:
            work.say(m.WELCOME)
        work.say(m.LANGUAGE_DETECTED, language=LanguageName(state.language or "de"))


def _remember(state: ConversationState, analysis: Analysis) -> None:
    for need in analysis.needs:
        if need not in state.needs and need != "talk_to_person":
            state.needs.append(need)
    if analysis.location:
        state.place = analysis.place.name if analysis.place else analysis.location
        state.postcode = analysis.postcode
        state.near = None
    if analysis.child_age_months is not None:
        state.child_age_months = analysis.child_age_months
    state.pregnant = state.pregnant or analysis.pregnant


def _is_meta(analysis: Analysis) -> bool:
    """A greeting, thanks, help, language or deletion request (not a search)."""
    return (
        not analysis.needs
        and analysis.location is None
        and analysis.intent in META_INTENTS
        and analysis.intent != "out_of_scope"
    )


def _meta(work: Step, analysis: Analysis) -> bool:
    intent = analysis.intent
    if analysis.needs or intent not in META_INTENTS:
        return False
    if intent == "greet":
        if work.state.greeted and not any(isinstance(e, Ask) for e in work.effects):
            work.say(m.RESTARTED if not work.state.needs else m.ANYTHING_ELSE)
        elif not any(isinstance(e, Say) for e in work.effects):
            work.say(m.HELP)
        return True
    if intent == "goodbye":
        work.say(m.GOODBYE)
    elif intent == "help":
        _command(work, "help")
    elif intent == "change_language":
        _ask_language(work)
    elif intent == "delete_data":
        _command(work, "delete")
    elif intent == "out_of_scope":
        return False
    return True


def _guesses(analysis: Analysis) -> dict[str, float]:
    top = sorted(analysis.scores.items(), key=lambda kv: -kv[1])[:3]
    return {k: round(v, 3) for k, v in top}
