"""The conversation: `step(state, turn, context) -> (state, effects)`, no I/O of its own.

Crisis first, at every stage. Then the answer to a pending question (place, age, phone,
a choice, a message to pass on), then commands and intents, then the family's needs,
which accumulate over turns. Lotse asks only what is missing and matters, shows at
most three offers to parents, and offers a person — with consent — after results and
when nothing fits. Professionals get a quick search instead (`professional.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import followups, handoff, offers, professional, questions
from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import (
    Ask,
    Effect,
    EraseUserData,
    LanguageName,
    RedeemInvitation,
    Say,
    ShowEmergency,
    StoreQuestion,
    Verbatim,
)
from bot.dialogue.emergency import SAFETY_KIND
from bot.dialogue.handoff import draft_of, summary_of
from bot.dialogue.state import ConversationState
from bot.dialogue.work import Context, Step, Turn, choice
from bot.domain.needs import META_INTENTS, NEED_IDS
from bot.domain.roles import parse_invitation
from bot.nlu.analyzer import JUST_A_PLACE_WORDS, Analysis
from bot.nlu.language import SUPPORTED
from bot.nlu.message import Message

__all__ = ["COMMANDS", "Context", "Turn", "draft_of", "step", "summary_of"]

# needs where a question is often a request for medical or legal advice Lotse must not give
ADVICE_NEEDS = frozenset({"child_development", "mental_health", "feeding", "migration"})
COMMANDS = ("start", "help", "language", "privacy", "delete", "person", "restart")
# a shared location further than this from every known town is "unknown area"
NEAREST_TOWN_KM = 25.0
# choices that stay valid after other questions (buttons of earlier or delivered messages)
_ALWAYS_VALID = ("lang", "more", "card", "reply", "write", "need", "person")


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
        questions.ask_delete(work)
    elif command == "person":
        handoff.offer_handoff(work)
    elif command == "restart":
        work.state = state.restarted()
        work.say(m.RESTARTED)
    else:
        work.say(m.HELP)


def _ask_language(work: Step) -> None:
    questions.ask_language(work)


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


def _choose_need(work: Step, need: str) -> None:
    """A topic from the menu or a "Did you mean …?" button."""
    state = work.state
    if need not in NEED_IDS:
        _need_menu(work, m.NEED_MENU)
        return
    state.fallbacks = 0
    if need not in state.needs:
        state.needs.append(need)
    offers.advance(work)


def _choose_person(work: Step, _value: str) -> None:
    handoff.offer_handoff(work)


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
    "need": _choose_need,
    "person": _choose_person,
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

# needs whose messages often come from distress: acknowledged, and a helpline shown too
DISTRESS_NEEDS = frozenset({"mental_health", "family_conflict"})
# a "Did you mean …?" guess must reach this score to be offered as a button; below, a
# guess misleads more than the need menu helps ("das mit dem Rad": family conflict, 12 %)
GUESS_FLOOR = 0.15


def _text(work: Step, text: str, hint: str | None) -> None:
    state = work.state
    message = Message.of(text)
    work.text = message.text
    analysis = work.context.analyzer.analyze(message, state.language, hint, work.context.memory)
    if analysis.crisis:
        _crisis(work, analysis, text)
        return
    if state.stage == st.PHONE:
        handoff.answer_phone(work, text)
        return
    if state.stage == st.RELAY:
        handoff.relay_text(work, text)
        return
    if analysis.safety is not None:
        # violence that is not happening this minute: the violence helpline first, then on
        work.effects.append(ShowEmergency(SAFETY_KIND))
    _settle_language(work, analysis, text)
    if work.context.roles.professional and not _is_meta(analysis):
        state.stage = st.LISTENING
        professional.search_text(work, text, analysis)
        return
    stage = state.stage
    place_before = state.place
    # "is there a phone number?", "not the Jugendamt" after offers: not a yes or no
    if stage in (st.OFFERED, st.LISTENING) and analysis.location:
        _remember_place(state, analysis)
    if stage in (st.OFFERED, st.LISTENING) and followups.answer(work, analysis):
        return
    chosen = questions.typed_answer(work, message)
    if chosen is not None:
        _choose(work, chosen)
        return
    if stage in questions.HANDOFF_STAGES:
        _pending_handoff(work, analysis, stage)
        return
    _understood(work, analysis, text, place_before)


def _crisis(work: Step, analysis: Analysis, text: str) -> None:
    """Emergency numbers first; the message's needs are kept and help goes on."""
    state = work.state
    if state.language is None:
        state.language = analysis.language
    work.effects.append(ShowEmergency(analysis.crisis_kind))
    work.say(m.CRISIS_AFTER)
    if state.stage == st.RELAY:
        handoff.relay_text(work, text)  # the person holding the case should know too
    state.stage = st.LISTENING
    state.choices = []
    state.distress = True
    _remember(state, analysis)


def _pending_handoff(work: Step, analysis: Analysis, stage: str) -> None:
    """A message at a hand-off question that does not answer it: keep it, ask again."""
    state = work.state
    _remember(state, analysis)
    if followups.answer(work, analysis, then_ask=False):  # "does anyone speak Farsi?"
        questions.ask_again(work, stage, apologise=False)
        return
    if stage in (st.CONTACT_METHOD, st.TIMES, st.CONFIRM) and handoff.take_phone(work):
        if stage == st.CONTACT_METHOD:
            handoff.ask_times(work)
        else:
            questions.ask_again(work, stage)
        return
    questions.ask_again(work, stage)


def _understood(work: Step, analysis: Analysis, text: str, place_before: str | None) -> None:
    """A message that answers no question: needs, place, age, a meta intent — or a fallback."""
    state = work.state
    asked_place = state.stage == st.ASK_PLACE and analysis.location is None
    if asked_place and not analysis.needs and analysis.safety is None:
        work.ask(m.PLACE_UNKNOWN, [], st.ASK_PLACE, location=True)
        return
    state.stage = st.LISTENING
    state.choices = []
    needs_before = list(state.needs)
    _remember(state, analysis)
    distressed = analysis.safety is not None or bool(set(analysis.needs) & DISTRESS_NEEDS)
    if distressed:
        state.distress = True
        work.say(m.DISTRESS_ACK)
    if _meta(work, analysis):
        return
    needs = [n for n in analysis.needs if n != "general_support"]
    if "talk_to_person" in needs and len(needs) == 1:
        handoff.offer_handoff(work)
        return
    if "general_support" in analysis.needs and not needs_before and not needs:
        _need_menu(work, m.GENERAL_SUPPORT)
        return
    informative = bool(
        analysis.needs or analysis.location or analysis.child_age_months is not None
    ) or (analysis.pregnant and not state.pregnant)
    just_a_place = len(message_of(analysis, text).words) <= JUST_A_PLACE_WORDS
    if not needs_before and not analysis.needs and state.place != place_before and just_a_place:
        # a town before any need: noted, and what is it about?
        _need_menu(work, m.PLACE_NOTED, place=Verbatim(state.place or ""))
        return
    if not analysis.needs and questions.declines(work, message_of(analysis, text)):
        work.say(m.GOODBYE)  # "no thanks, not now" is an answer, not a failure
        return
    if not informative and questions.agrees(work, message_of(analysis, text)):
        # "yes" to nothing asked: gladly, what is it about? (or: anything else?)
        _need_menu(work, m.ANYTHING_ELSE if needs_before else m.GENERAL_SUPPORT)
        return
    if not state.needs or not informative:
        _fallback(work, analysis, text)
        return
    state.fallbacks = 0
    if "?" in text and set(analysis.needs) & ADVICE_NEEDS:
        work.say(m.NO_ADVICE)
    offers.advance(work)


def message_of(analysis: Analysis, text: str) -> Message:
    """The analysed message (or the text, normalised now)."""
    return analysis.message or Message.of(text)


MENU_SHOWN = 2  # state.fallbacks: 0 none yet, 1 a first answer given, 2 the whole menu shown


def _fallback(work: Step, analysis: Analysis, text: str) -> None:
    """Not understood: first "Did you mean …?", then the whole need menu.

    Once the menu was shown, a family that is still not understood gets it again (with a
    person of the network), not a narrower guess.
    """
    state = work.state
    work.effects.append(StoreQuestion(text, analysis.language, _guesses(analysis), state.place))
    work.say(m.DANGER_FOOTER)  # what was not understood may be an emergency
    if analysis.intent == "out_of_scope" and state.fallbacks == 0:
        state.fallbacks = 1
        work.say(m.OUT_OF_SCOPE)
        return
    guesses = [
        need
        for need, score in sorted(analysis.scores.items(), key=lambda kv: -kv[1])
        if need in NEED_IDS and need != "general_support" and score >= GUESS_FLOOR
    ][:3]
    if state.fallbacks == 0 and guesses:
        state.fallbacks = 1
        choices = [choice(f"need:{n}", m.NEED_LABELS[n]) for n in guesses]
        choices.append(choice("need:other", m.CHOICE_SOMETHING_ELSE))
        work.ask(m.DID_YOU_MEAN, choices, st.LISTENING)
        return
    # the whole menu shown: a later fallback shows it again rather than a weaker guess
    state.fallbacks = MENU_SHOWN
    _need_menu(work, m.NEED_MENU)


def _need_menu(work: Step, message: str, **params: object) -> None:
    """Every need as a button, and a person of the local network."""
    choices = [
        choice(f"need:{n}", m.NEED_LABELS[n])
        for n in NEED_IDS
        if n not in ("talk_to_person", "general_support")
    ]
    choices.append(choice("person:yes", m.CHOICE_PERSON))
    work.ask(message, choices, st.LISTENING, False, **params)


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
    _remember_place(state, analysis)
    if analysis.child_age_months is not None:
        state.child_age_months = analysis.child_age_months
    state.pregnant = state.pregnant or analysis.pregnant


def _remember_place(state: ConversationState, analysis: Analysis) -> None:
    if analysis.location:
        state.place = analysis.place.name if analysis.place else analysis.location
        state.postcode = analysis.postcode
        state.near = None


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
