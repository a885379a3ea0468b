"""The conversation: `step(state, turn, context) -> (state, effects)`, no I/O of its own.

Crisis first, at every stage. Then the answer to a pending question (place, age, phone,
a choice), then commands and intents, then the family's needs, which accumulate over
turns. Lotse asks only what is missing and matters, shows at most three offers to
parents, and offers a person — with consent — after results and when nothing fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import (
    Ask,
    Choice,
    Effect,
    EraseUserData,
    HandoffDraft,
    LanguageName,
    Lines,
    Msg,
    OpenHandoff,
    RecordUnmetNeed,
    Say,
    ShowEmergency,
    ShowOffers,
    StoreQuestion,
    Verbatim,
)
from bot.dialogue.state import ConversationState
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.matching import PARENT_LIMIT, Ranked, Situation, has_local_offers, rank
from bot.domain.needs import META_INTENTS
from bot.domain.offers import Network, is_reachable_phone
from bot.nlu.analyzer import Analysis, Analyzer
from bot.nlu.language import SUPPORTED

PROFESSIONAL_PAGE = 5
# needs where a question is often a request for medical or legal advice Lotse must not give
ADVICE_NEEDS = frozenset({"child_development", "mental_health", "feeding", "migration"})
COMMANDS = ("start", "help", "language", "privacy", "delete", "person", "restart")


@dataclass(frozen=True)
class Turn:
    """One input: text, a pressed choice, or a command, with the messenger's language."""

    text: str | None = None
    choice: str | None = None
    command: str | None = None
    language_hint: str | None = None


@dataclass
class Context:
    """What the dialogue consults: understanding, offers, retention settings."""

    analyzer: Analyzer
    index: OfferIndex
    conversation_days: int = 30
    handoff_days: int = 90
    today: Callable[[], dt.date] = dt.date.today


@dataclass
class _Step:
    """The working copy of one step."""

    state: ConversationState
    context: Context
    effects: list[Effect] = field(default_factory=list)

    def say(self, message: str, **params: object) -> None:
        self.effects.append(Say(Msg(message, params)))  # type: ignore[arg-type]

    def ask(self, message: str, choices: list[Choice], stage: str, **params: object) -> None:
        self.effects.append(Ask(Msg(message, params), tuple(choices)))  # type: ignore[arg-type]
        self.state.stage = stage
        self.state.choices = [c.id for c in choices]


def _choice(choice_id: str, label: str, **params: object) -> Choice:
    return Choice(choice_id, Msg(label, params))  # type: ignore[arg-type]


def step(
    state: ConversationState, turn: Turn, context: Context
) -> tuple[ConversationState, list[Effect]]:
    """Advance one conversation by one turn."""
    work = _Step(ConversationState.from_dict(state.to_dict()), context)
    if work.state.language is None:
        work.state.language = turn.language_hint if turn.language_hint in SUPPORTED else None
    if turn.command is not None:
        words = turn.command.lstrip("/").split() or [""]
        if words[0].lower() == "start" and len(words) > 1:
            _deep_link(work, words[1])
        _command(work, words[0].lower())
    elif turn.choice is not None:
        _choose(work, turn.choice)
    else:
        _text(work, turn.text or "", turn.language_hint)
    return work.state, work.effects


# --- commands ---------------------------------------------------------------------------


def _deep_link(work: _Step, payload: str) -> None:
    """`/start net_<network>` from a flyer's QR code: start in that network's area."""
    if payload.startswith("net_"):
        network = work.context.index.data.network(payload[4:].replace("_", "-"))
        towns = [a.name for a in network.service_areas if a.kind != "country"] if network else []
        if towns:
            work.state.place = towns[0]


def _command(work: _Step, command: str) -> None:
    state = work.state
    if command == "start":
        state.greeted = True
        work.say(m.WELCOME)
        _ask_language(work)
    elif command == "help":
        work.say(m.HELP)
    elif command == "language":
        _ask_language(work)
    elif command == "privacy":
        work.say(
            m.PRIVACY, days=work.context.conversation_days, handoff_days=work.context.handoff_days
        )
    elif command == "delete":
        work.ask(
            m.DELETE_CONFIRM,
            [_choice("delete:yes", m.CHOICE_DELETE), _choice("delete:no", m.CHOICE_KEEP)],
            st.DELETE,
        )
    elif command == "person":
        _offer_handoff(work)
    elif command == "restart":
        work.state = state.restarted()
        work.say(m.RESTARTED)
    else:
        work.say(m.HELP)


def _ask_language(work: _Step) -> None:
    choices = [Choice(f"lang:{code}", LanguageName(code, native=True)) for code in SUPPORTED]
    work.ask(m.CHOOSE_LANGUAGE, choices, st.LANGUAGE)


# --- choices ----------------------------------------------------------------------------


def _choose(work: _Step, choice: str) -> None:
    state = work.state
    kind, _, value = choice.partition(":")
    if choice not in state.choices and kind not in ("lang", "more", "card"):
        # an old button (e.g. from before a restart): answer with what is current
        work.say(m.ANYTHING_ELSE if state.needs else m.RESTARTED)
        return
    state.choices = []
    handler = _CHOICES.get(kind)
    if handler is None:
        work.say(m.NOT_UNDERSTOOD)
        return
    handler(work, value)


def _choose_language(work: _Step, code: str) -> None:
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


def _choose_delete(work: _Step, value: str) -> None:
    if value == "yes":
        work.effects.append(EraseUserData())
        language = work.state.language
        work.state = ConversationState(language=language, greeted=True)
        work.say(m.DELETED)
    else:
        work.state.stage = st.LISTENING
        work.say(m.NOT_DELETED)


def _choose_age(work: _Step, value: str) -> None:
    state = work.state
    if value == "pregnant":
        state.pregnant = True
    else:
        state.child_age_months = {"0-3": 1, "3-12": 6, "12-36": 24, "36+": 48}.get(value)
    state.stage = st.LISTENING
    _advance(work)


def _choose_place(work: _Step, value: str) -> None:
    if value == "other":
        work.ask(m.ASK_PLACE, [], st.ASK_PLACE)
        return
    work.state.place = value
    work.state.stage = st.LISTENING
    _advance(work)


def _choose_handoff(work: _Step, value: str) -> None:
    if value == "yes":
        _offer_handoff(work)
    else:
        work.state.stage = st.LISTENING
        work.say(m.ANYTHING_ELSE)


def _choose_consent(work: _Step, value: str) -> None:
    network = _network(work)
    if value != "yes" or network is None:
        work.state.stage = st.LISTENING
        work.say(m.NO_CONSENT, contact=Verbatim(_public_contact(network)))
        return
    work.ask(
        m.ASK_CONTACT_METHOD,
        [_choice("contact:phone", m.CHOICE_CALL_ME), _choice("contact:chat", m.CHOICE_WRITE_ME)],
        st.CONTACT_METHOD,
    )


def _choose_contact(work: _Step, value: str) -> None:
    work.state.contact_method = "phone" if value == "phone" else "chat"
    if value == "phone":
        work.ask(m.ASK_PHONE, [], st.PHONE)
    else:
        _ask_times(work)


def _ask_times(work: _Step) -> None:
    work.ask(
        m.ASK_TIMES,
        [
            _choice("times:morning", m.CHOICE_MORNING),
            _choice("times:afternoon", m.CHOICE_AFTERNOON),
            _choice("times:evening", m.CHOICE_EVENING),
            _choice("times:any", m.CHOICE_ANY_TIME),
        ],
        st.TIMES,
    )


def _choose_times(work: _Step, value: str) -> None:
    work.state.times = value
    summary = summary_of(work.state)
    if work.state.language != "de":
        work.effects.append(Say(Msg("{summary}", {"summary": Lines(summary)})))
    work.ask(
        m.CHECK_SUMMARY,
        [_choice("confirm:send", m.CHOICE_SEND), _choice("confirm:cancel", m.CHOICE_CANCEL)],
        st.CONFIRM,
        summary=Lines(summary, language="de"),
    )


def _choose_confirm(work: _Step, value: str) -> None:
    state = work.state
    if value == "send" and state.network is not None:
        work.effects.append(OpenHandoff(draft_of(state)))
    else:
        work.say(m.HANDOFF_CANCELLED)
    state.stage = st.LISTENING
    state.contact_method = state.phone = state.times = None


def _choose_more(work: _Step, value: str) -> None:
    work.state.page = int(value) if value.isdigit() else 0
    _show_offers(work)


_CHOICES: dict[str, Callable[[_Step, str], None]] = {
    "lang": _choose_language,
    "delete": _choose_delete,
    "age": _choose_age,
    "place": _choose_place,
    "handoff": _choose_handoff,
    "consent": _choose_consent,
    "contact": _choose_contact,
    "times": _choose_times,
    "confirm": _choose_confirm,
    "more": _choose_more,
}


# --- free text ----------------------------------------------------------------------------


def _text(work: _Step, text: str, hint: str | None) -> None:
    state = work.state
    analysis = work.context.analyzer.analyze(text, state.language, hint)
    if analysis.crisis:
        if state.language is None:
            state.language = analysis.language
        work.effects.append(ShowEmergency(analysis.crisis_kind))
        work.say(m.CRISIS_AFTER)
        state.stage = st.LISTENING
        state.choices = []
        _remember(state, analysis)
        return
    if state.stage == st.PHONE:
        _answer_phone(work, text)
        return
    _settle_language(work, analysis, text)
    if state.stage == st.ASK_PLACE and analysis.location is None and not analysis.needs:
        work.ask(m.PLACE_UNKNOWN, [], st.ASK_PLACE)
        return
    state.stage = st.LISTENING
    state.choices = []
    _remember(state, analysis)
    if _meta(work, analysis):
        return
    if "talk_to_person" in analysis.needs and len(analysis.needs) == 1:
        _offer_handoff(work)
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
    _advance(work)


def _settle_language(work: _Step, analysis: Analysis, text: str) -> None:
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
    if analysis.child_age_months is not None:
        state.child_age_months = analysis.child_age_months
    state.pregnant = state.pregnant or analysis.pregnant


def _meta(work: _Step, analysis: Analysis) -> bool:
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
        work.say(m.HELP)
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


def _answer_phone(work: _Step, text: str) -> None:
    number = text.strip()
    if not is_reachable_phone(number):
        work.ask(m.PHONE_INVALID, [], st.PHONE)
        return
    work.state.phone = number
    _ask_times(work)


# --- situation -> questions or offers -------------------------------------------------------


def _place_query(work: _Step) -> PlaceQuery | None:
    state = work.state
    if state.postcode:
        resolved = work.context.index.gazetteer.resolve(state.postcode)
        if resolved:
            return PlaceQuery(*resolved)
    if state.place:
        place = work.context.index.gazetteer.get(state.place)
        if place:
            return PlaceQuery(place, None)
    return None


def _advance(work: _Step) -> None:
    """Ask what is missing and matters, or show offers."""
    state, index = work.state, work.context.index
    needs = tuple(state.needs)
    if state.place is None and has_local_offers(index, needs):
        towns = sorted(
            {
                a.name
                for n in index.data.networks
                for a in n.service_areas
                if a.kind in ("municipality", "district")
            }
        )[:8]
        choices = [Choice(f"place:{t}", Verbatim(t)) for t in towns]
        choices.append(_choice("place:other", m.CHOICE_OTHER_PLACE))
        work.ask(m.ASK_PLACE, choices, st.ASK_PLACE)
        return
    if _age_matters(work) and not state.age_asked:
        state.age_asked = True
        work.ask(
            m.ASK_AGE,
            [
                _choice("age:pregnant", m.CHOICE_PREGNANT),
                _choice("age:0-3", m.CHOICE_AGE_0_3),
                _choice("age:3-12", m.CHOICE_AGE_3_12),
                _choice("age:12-36", m.CHOICE_AGE_12_36),
                _choice("age:36+", m.CHOICE_AGE_OLDER),
            ],
            st.ASK_AGE,
        )
        return
    state.page = 0
    _show_offers(work)


def _age_matters(work: _Step) -> bool:
    state = work.state
    if state.child_age_months is not None or state.pregnant:
        return False
    query = _place_query(work)
    offers = rank(work.context.index, _situation(work, query), limit=None)
    rules = {
        (
            r.offer.eligibility.minimum_age_months,
            r.offer.eligibility.maximum_age_months,
            r.offer.eligibility.pregnancy,
        )
        for r in offers
        if r.local
    }
    return len(rules) > 1


def _situation(work: _Step, query: PlaceQuery | None) -> Situation:
    state = work.state
    point = None
    if query is not None and query.place.latitude is not None and query.place.longitude:
        point = (query.place.latitude, query.place.longitude)
    return Situation(
        needs=tuple(state.needs),
        place=query,
        child_age_months=state.child_age_months,
        pregnant=state.pregnant,
        language=state.language or "de",
        coordinates=point,
    )


def _show_offers(work: _Step) -> None:
    state, context = work.state, work.context
    query = _place_query(work)
    if state.place is not None and query is None:
        work.ask(m.PLACE_UNKNOWN, [], st.ASK_PLACE)
        state.place = None
        return
    ranked = rank(context.index, _situation(work, query), limit=None, today=context.today())
    local = [r for r in ranked if r.local]
    if state.professional:
        size = PROFESSIONAL_PAGE
        pages = max(1, -(-len(ranked) // size))
        page = min(state.page, pages - 1)
        chunk = tuple(ranked[page * size : (page + 1) * size])
        work.effects.append(Say(Msg(m.OFFERS_FOUND, {"count": len(ranked)}, len(ranked))))
        work.effects.append(ShowOffers(chunk, with_reasons=True))
        if pages > 1:
            work.ask(
                m.MORE_RESULTS,
                [_choice(f"more:{(page + 1) % pages}", m.CHOICE_MORE)],
                st.OFFERED,
                page=page + 1,
                pages=pages,
            )
        return
    if local:
        shown = tuple(local[:PARENT_LIMIT])
        work.effects.append(Say(Msg(m.OFFERS_FOUND, {"count": len(shown)}, len(shown))))
        work.effects.append(ShowOffers(shown))
        state.shown = [r.offer.id for r in shown]
    else:
        if state.place is not None:
            work.say(m.NO_LOCAL_OFFER, place=Verbatim(state.place))
            work.effects.append(
                RecordUnmetNeed(tuple(state.needs), state.place, state.language or "de")
            )
        nationwide = tuple(ranked[:PARENT_LIMIT])
        if nationwide:
            work.say(m.NATIONWIDE_INSTEAD)
            work.effects.append(ShowOffers(nationwide))
            state.shown = [r.offer.id for r in nationwide]
        network = _network(work)
        work.say(m.ASK_LOCALLY, ask=Verbatim(_public_contact(network)))
    if state.shown or _network(work) is not None:
        _ask_person(work)


def _ask_person(work: _Step) -> None:
    choices = [
        _choice("handoff:yes", m.CHOICE_YES_PLEASE),
        _choice("handoff:no", m.CHOICE_NO_THANKS),
    ]
    if work.state.shown and work.state.language != "de":
        choices.append(_choice("card:de", m.CHOICE_SHOW_CARD))
    work.ask(m.OFFER_PERSON, choices, st.OFFERED)


def _choose_card(work: _Step, _value: str) -> None:
    index = work.context.index
    offers = tuple(
        Ranked(index.by_id[i], 0.0, (), local=True) for i in work.state.shown if i in index.by_id
    )
    work.effects.append(ShowOffers(offers, bilingual=True))
    _ask_person(work)


_CHOICES["card"] = _choose_card


# --- hand-off ---------------------------------------------------------------------------------


def _network(work: _Step) -> Network | None:
    query = _place_query(work)
    return work.context.index.network_for(query) if query is not None else None


def _public_contact(network: Network | None) -> str:
    """Whom families can contact themselves: name, phone, e-mail, or whom to ask."""
    if network is None:
        return "Jugendamt"
    contact = network.handoff_contact
    reachable: list[str] = []
    if contact is not None:
        reachable = [p.number for p in contact.phones] + ([contact.email] if contact.email else [])
    if reachable and contact is not None:
        return ", ".join([contact.name or contact.department or "", *reachable])
    return network.ask or (contact.department if contact and contact.department else "Jugendamt")


def _offer_handoff(work: _Step) -> None:
    state = work.state
    if state.place is None:
        work.ask(m.ASK_PLACE, [], st.ASK_PLACE)
        return
    network = _network(work)
    if network is None:
        state.stage = st.LISTENING
        work.say(m.NO_NETWORK)
        return
    state.network = network.id
    contact = network.handoff_contact
    who = (contact.name or contact.department) if contact else network.ask
    work.ask(
        m.CONSENT,
        [_choice("consent:yes", m.CHOICE_AGREE), _choice("consent:no", m.CHOICE_DISAGREE)],
        st.CONSENT,
        contact=Verbatim(who or network.name),
        network=Verbatim(network.name),
        days=work.context.handoff_days,
    )


def summary_of(state: ConversationState) -> tuple[Msg, ...]:
    """The hand-off summary lines (needs, place, age, language, contact, times)."""
    lines = [
        Msg(m.SUMMARY_NEEDS, {"needs": tuple(Msg(m.NEED_LABELS[n]) for n in state.needs) or "-"})
    ]
    if state.place:
        lines.append(Msg(m.SUMMARY_PLACE, {"place": Verbatim(state.place)}))
    if state.pregnant:
        lines.append(Msg(m.SUMMARY_PREGNANT))
    if state.child_age_months is not None:
        lines.append(
            Msg(m.SUMMARY_CHILD_AGE, {"count": state.child_age_months}, state.child_age_months)
        )
    lines.append(Msg(m.SUMMARY_LANGUAGE, {"language": LanguageName(state.language or "de")}))
    if state.contact_method == "phone" and state.phone:
        lines.append(Msg(m.SUMMARY_CONTACT_PHONE, {"phone": Verbatim(state.phone)}))
    else:
        lines.append(Msg(m.SUMMARY_CONTACT_CHAT))
    if state.times:
        label = {
            "morning": m.CHOICE_MORNING,
            "afternoon": m.CHOICE_AFTERNOON,
            "evening": m.CHOICE_EVENING,
        }.get(state.times, m.CHOICE_ANY_TIME)
        lines.append(Msg(m.SUMMARY_TIMES, {"times": Msg(label)}))
    return tuple(lines)


def draft_of(state: ConversationState) -> HandoffDraft:
    """The hand-off request the family approved."""
    return HandoffDraft(
        network=state.network or "",
        needs=tuple(state.needs),
        place=state.place,
        child_age_months=state.child_age_months,
        pregnant=state.pregnant,
        language=state.language or "de",
        contact_method=state.contact_method or "chat",
        phone=state.phone,
        times=state.times,
        summary=summary_of(state),
    )
