"""Lotse's own questions: what each option means, how a typed answer picks one, asking again.

Every question the dialogue asks stores its option ids in the state. A typed answer is
matched against them by one mechanism (`bot.nlu.answers.match_answer`): numbers, the
labels in the family's language (and German and English), and answer words of every
language. A question that gets no answer is asked again with its buttons — never dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import handoff, offers
from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import Choice, LanguageName
from bot.dialogue.work import Step, choice
from bot.nlu.answers import AnswerOption, answer_words, bare_answer, match_answer
from bot.nlu.language import SUPPORTED
from bot.nlu.message import Message
from bot.nlu.search import language_names

# what an option means, for answers in words ("ja", "evet", "abends")
MEANINGS: dict[str, frozenset[str]] = {
    "handoff:yes": frozenset({"yes"}),
    "handoff:no": frozenset({"no", "later"}),
    # "call me" right after reading what is stored and for whom: agreed, and how
    "consent:yes": frozenset({"yes", "call", "chat"}),
    "consent:no": frozenset({"no"}),
    "contact:phone": frozenset({"call"}),
    "contact:chat": frozenset({"chat"}),
    "times:morning": frozenset({"morning"}),
    "times:afternoon": frozenset({"afternoon"}),
    "times:evening": frozenset({"evening"}),
    "times:any": frozenset({"any_time", "yes"}),
    "confirm:send": frozenset({"send", "yes"}),
    "confirm:cancel": frozenset({"cancel", "no"}),
    "delete:yes": frozenset({"yes"}),
    "delete:no": frozenset({"no", "cancel"}),
    "age:pregnant": frozenset({"pregnant"}),
    "card:de": frozenset(),
}

# the message each option is labelled with (as `choice(...)` is called where it is asked)
LABELS: dict[str, str] = {
    "handoff:yes": m.CHOICE_YES_PLEASE,
    "handoff:no": m.CHOICE_NO_THANKS,
    "consent:yes": m.CHOICE_AGREE,
    "consent:no": m.CHOICE_DISAGREE,
    "contact:phone": m.CHOICE_CALL_ME,
    "contact:chat": m.CHOICE_WRITE_ME,
    "times:morning": m.CHOICE_MORNING,
    "times:afternoon": m.CHOICE_AFTERNOON,
    "times:evening": m.CHOICE_EVENING,
    "times:any": m.CHOICE_ANY_TIME,
    "confirm:send": m.CHOICE_SEND,
    "confirm:cancel": m.CHOICE_CANCEL,
    "delete:yes": m.CHOICE_DELETE,
    "delete:no": m.CHOICE_KEEP,
    "age:pregnant": m.CHOICE_PREGNANT,
    "age:0-3": m.CHOICE_AGE_0_3,
    "age:3-12": m.CHOICE_AGE_3_12,
    "age:12-36": m.CHOICE_AGE_12_36,
    "age:36+": m.CHOICE_AGE_OLDER,
    "place:other": m.CHOICE_OTHER_PLACE,
    "card:de": m.CHOICE_SHOW_CARD,
    "person:yes": m.CHOICE_PERSON,
    "need:other": m.CHOICE_SOMETHING_ELSE,
}

# stages whose question must be answered before anything else goes on
HANDOFF_STAGES = frozenset({st.CONSENT, st.CONTACT_METHOD, st.TIMES, st.CONFIRM, st.DELETE})


def options_of(work: Step) -> list[AnswerOption]:
    """The pending question's options with their labels in the family's language."""
    language = work.state.language or "de"
    translate = work.context.translate
    result = []
    for option_id in work.state.choices:
        kind, _, value = option_id.partition(":")
        labels: list[str] = []
        message = LABELS.get(option_id)
        if message is None and kind == "need":
            message = m.NEED_LABELS.get(value)
        if message is not None:
            labels = [translate(message, language), translate(message, "de"), message]
        elif kind == "place":
            labels = [value]
        elif kind == "lang":
            labels = [name for name, code in language_names(SUPPORTED).items() if code == value]
        result.append(AnswerOption(option_id, tuple(labels), MEANINGS.get(option_id, frozenset())))
    guesses = [o for o in result if o.id.startswith("need:") and o.id != "need:other"]
    # "Did you mean feeding?" — "yes" means it; "no, thanks" is no "something else"
    if len(guesses) == 1 and len(result) == 2:
        result = [
            AnswerOption(o.id, o.labels, frozenset({"yes"}) if o in guesses else frozenset())
            for o in result
        ]
    return result


def typed_answer(work: Step, message: Message) -> str | None:
    """The option a typed message chooses, if it answers the pending question."""
    if not work.state.choices:
        return None
    return match_answer(message, options_of(work), work.context.analyzer.lexicons, _languages(work))


def _languages(work: Step) -> frozenset[str]:
    """Whose answer words count: the conversation's language, German and English."""
    return frozenset({work.state.language or "de", "de", "en"})


def declines(work: Step, message: Message) -> bool:
    """A short "no, thank you" / "not now" in the family's language (or German, English)."""
    if len(message.words) > MAX_DECLINE_WORDS:
        return False
    said = answer_words(message, work.context.analyzer.lexicons, _languages(work))
    return bool(said & {"no", "later"}) and not said & {"yes"}


MAX_DECLINE_WORDS = 6


def agrees(work: Step, message: Message) -> bool:
    """Only "yes" ("ja", "evet", "نعم", "yes please"), while no question waits for it."""
    bare = bare_answer(message, work.context.analyzer.lexicons)
    return bare is not None and bare.meanings == {"yes"}


def ask_again(work: Step, stage: str, apologise: bool = True) -> bool:
    """Ask the question of `stage` again, with its buttons; False if it has none."""
    asker = _ASKERS.get(stage)
    if asker is None:
        return False
    if apologise:
        work.say(m.PLEASE_CHOOSE)
    asker(work)
    return True


def ask_language(work: Step) -> None:
    """Which language Lotse writes in."""
    choices = [Choice(f"lang:{code}", LanguageName(code, native=True)) for code in SUPPORTED]
    work.ask(m.CHOOSE_LANGUAGE, choices, st.LANGUAGE)


def ask_delete(work: Step) -> None:
    """Confirm erasing every stored row of the user."""
    work.ask(
        m.DELETE_CONFIRM,
        [choice("delete:yes", m.CHOICE_DELETE), choice("delete:no", m.CHOICE_KEEP)],
        st.DELETE,
    )


_ASKERS: dict[str, Callable[[Step], None]] = {
    st.OFFERED: offers.ask_person,
    st.ASK_AGE: offers.ask_age,
    st.ASK_PLACE: offers.ask_place,
    st.CONSENT: handoff.offer_handoff,
    st.CONTACT_METHOD: handoff.ask_contact,
    st.TIMES: handoff.ask_times,
    st.CONFIRM: handoff.show_summary,
    st.DELETE: ask_delete,
    st.LANGUAGE: ask_language,
}
