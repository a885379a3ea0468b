"""The hand-off to a person: consent, contact method, phone, times, summary, send.

And afterwards, while the case is open: the family is told who is on it, and messages
between the family and the coordinator who holds the case are passed on (relayed).
"""

from __future__ import annotations

import phonenumbers

from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import (
    HandoffDraft,
    LanguageName,
    Lines,
    Msg,
    OpenHandoff,
    Relay,
    Say,
    Verbatim,
)
from bot.dialogue.state import ConversationState
from bot.dialogue.work import Step, choice, network_of, public_contact
from bot.domain.cases import CLAIMED
from bot.domain.offers import extract_phone


def offer_handoff(work: Step) -> None:
    """Ask for consent to pass the request on (or say who already has it)."""
    state, case = work.state, work.context.case
    if case is not None and case.status == CLAIMED and case.claimed_by:
        state.stage = st.LISTENING
        work.say(
            m.CASE_WITH_PERSON, name=Verbatim(case.claimed_by), reference=Verbatim(case.reference)
        )
        if case.answers_in_chat:
            work.ask(
                m.CASE_WRITE_OFFER,
                [choice(f"reply:{case.reference}", m.CHOICE_REPLY)],
                st.LISTENING,
            )
        return
    if case is not None and case.is_open:
        # still waiting: say so; a new request within a day is added to it
        work.say(m.CASE_WAITING, reference=Verbatim(case.reference))
    if state.place is None:
        work.ask(m.ASK_PLACE, [], st.ASK_PLACE, location=True)
        return
    network = network_of(work)
    if network is None:
        state.stage = st.LISTENING
        work.say(m.NO_NETWORK)
        return
    state.network = network.id
    contact = network.handoff_contact
    who = (contact.name or contact.department) if contact else network.ask
    work.ask(
        m.CONSENT,
        [choice("consent:yes", m.CHOICE_AGREE), choice("consent:no", m.CHOICE_DISAGREE)],
        st.CONSENT,
        contact=Verbatim(who or network.name),
        network=Verbatim(network.name),
        days=work.context.handoff_days,
    )


def choose_handoff(work: Step, value: str) -> None:
    """The answer to "shall a person contact you?" after the offers."""
    if value == "yes":
        offer_handoff(work)
    else:
        work.state.stage = st.LISTENING
        work.say(m.ANYTHING_ELSE)


def choose_consent(work: Step, value: str) -> None:
    """Consent given (ask how to reach the family) or refused (nothing stored)."""
    network = network_of(work)
    if value != "yes" or network is None:
        work.state.stage = st.LISTENING
        work.say(m.NO_CONSENT, contact=Verbatim(public_contact(network)))
        return
    if take_phone(work):  # "yes, call me: 0151 …" answers the next question too
        ask_times(work)
        return
    ask_contact(work)


def ask_contact(work: Step) -> None:
    """Call back or answer in the chat."""
    work.ask(
        m.ASK_CONTACT_METHOD,
        [choice("contact:phone", m.CHOICE_CALL_ME), choice("contact:chat", m.CHOICE_WRITE_ME)],
        st.CONTACT_METHOD,
    )


def choose_contact(work: Step, value: str) -> None:
    """Call back (ask the number) or answer in the chat."""
    work.state.contact_method = "phone" if value == "phone" else "chat"
    if value == "phone" and not take_phone(work):
        work.ask(m.ASK_PHONE, [], st.PHONE)
    else:
        ask_times(work)


def take_phone(work: Step) -> bool:
    """Keep a phone number written in this turn (after consent only); True if there was one."""
    number = extract_phone(work.text) if work.text else None
    if number is None:
        return False
    work.state.phone = readable_phone(number)
    work.state.contact_method = "phone"
    return True


def readable_phone(e164: str) -> str:
    """An E.164 number as a coordinator reads and dials it: +49 221 4710999."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def answer_phone(work: Step, text: str) -> None:
    """The phone number, checked before it is kept."""
    if not take_phone(work):
        work.ask(m.PHONE_INVALID, [], st.PHONE)
        return
    ask_times(work)


def ask_times(work: Step) -> None:
    """When the family can best be reached."""
    work.ask(
        m.ASK_TIMES,
        [
            choice("times:morning", m.CHOICE_MORNING),
            choice("times:afternoon", m.CHOICE_AFTERNOON),
            choice("times:evening", m.CHOICE_EVENING),
            choice("times:any", m.CHOICE_ANY_TIME),
        ],
        st.TIMES,
    )


def choose_times(work: Step, value: str) -> None:
    """Show the summary (in the family's language and in German) before sending."""
    work.state.times = value
    show_summary(work)


def show_summary(work: Step) -> None:
    """The request as it will be sent, with Send and Cancel."""
    summary = summary_of(work.state)
    if work.state.language != "de":
        work.effects.append(Say(Msg("{summary}", {"summary": Lines(summary)})))
    work.ask(
        m.CHECK_SUMMARY,
        [choice("confirm:send", m.CHOICE_SEND), choice("confirm:cancel", m.CHOICE_CANCEL)],
        st.CONFIRM,
        summary=Lines(summary, language="de"),
    )


def choose_confirm(work: Step, value: str) -> None:
    """Send the request (stored, with a reference) or cancel it."""
    state = work.state
    if value == "send" and state.network is not None:
        work.effects.append(OpenHandoff(draft_of(state)))
    else:
        work.say(m.HANDOFF_CANCELLED)
    state.stage = st.LISTENING
    state.contact_method = state.phone = state.times = None


def choose_reply(work: Step, reference: str) -> None:
    """The family wants to answer the coordinator who holds its case."""
    case = work.context.case
    if case is None or case.reference != reference or not case.is_open:
        work.say(m.CASE_CLOSED)
        return
    work.state.relay = reference
    work.ask(m.WRITE_REPLY, [], st.RELAY, name=Verbatim(case.claimed_by or ""))


def choose_write(work: Step, reference: str) -> None:
    """A coordinator wants to write to the family of a case (checked when sent)."""
    work.state.relay = reference
    work.ask(m.WRITE_TO_FAMILY, [], st.RELAY, reference=Verbatim(reference))


def relay_text(work: Step, text: str) -> None:
    """Pass a written message on; the channel checks who may write to whom."""
    reference = work.state.relay or ""
    work.state.relay = None
    work.state.stage = st.LISTENING
    if text.strip():
        work.effects.append(Relay(reference, text.strip()))
    else:
        work.say(m.HANDOFF_CANCELLED)


def summary_of(state: ConversationState) -> tuple[Msg, ...]:
    """The hand-off summary lines (needs, place, age, language, contact, times)."""
    lines = [
        Msg(m.SUMMARY_NEEDS, {"needs": tuple(Msg(m.NEED_LABELS[n]) for n in state.needs) or "-"})
    ]
    if state.place:
        lines.append(Msg(m.SUMMARY_PLACE, {"place": Verbatim(state.place)}))
    if state.pregnant:
        lines.append(Msg(m.SUMMARY_PREGNANT))
    if state.child_age_months == 0:
        lines.append(Msg(m.SUMMARY_NEWBORN))
    elif state.child_age_months is not None:
        lines.append(
            Msg(m.SUMMARY_CHILD_AGE, {"count": state.child_age_months}, state.child_age_months)
        )
    lines.append(Msg(m.SUMMARY_LANGUAGE, {"language": LanguageName(state.language or "de")}))
    if state.contact_method == "phone" and state.phone:
        lines.append(Msg(m.SUMMARY_CONTACT_PHONE, {"phone": Verbatim(state.phone)}))
    else:
        lines.append(Msg(m.SUMMARY_CONTACT_CHAT))
    if state.times:
        label = TIME_LABELS.get(state.times, m.CHOICE_ANY_TIME)
        lines.append(Msg(m.SUMMARY_TIMES, {"times": Msg(label)}))
    return tuple(lines)


TIME_LABELS = {
    "morning": m.CHOICE_MORNING,
    "afternoon": m.CHOICE_AFTERNOON,
    "evening": m.CHOICE_EVENING,
    "any": m.CHOICE_ANY_TIME,
}


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
