"""Follow-up questions after offers were shown: contacts, languages, anonymity, more, a person.

"Is there a phone number?", "does anyone speak Farsi?", "I don't want to go to the
Jugendamt", "another offer", "can someone call me?", "please write in German" — each
is answered from the offer data, never with the same cards again by accident.
"""

from __future__ import annotations

from bot.dialogue import handoff, offers
from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import LanguageName, ShowOffers, Verbatim
from bot.dialogue.work import Step, network_of, place_query, public_contact
from bot.domain.matching import PARENT_LIMIT, Ranked, rank
from bot.domain.offers import Offer
from bot.nlu.analyzer import Analysis
from bot.nlu.language import SUPPORTED
from bot.nlu.search import language_in, language_names

# organisations families may want to avoid when they ask for anonymous help
_OFFICE_WORDS = ("jugendamt", "jugend", "kreisjugendamt")


# follow-ups that make sense before any offer was shown
ANYTIME = frozenset({"write_in", "call_me", "anonymous"})
# after an answer without offers ("nothing here, ask the youth office"): whom and in what language
AFTER_ANSWER = frozenset({"contact", "languages"})


def answer(work: Step, analysis: Analysis, then_ask: bool = True) -> bool:
    """Answer a follow-up question about the shown offers; False if the message is none.

    `then_ask`: offer a person afterwards (not while a hand-off question is pending).
    """
    message = analysis.message
    if message is None:
        return False
    kinds = {match.term.label for match in work.context.analyzer.lexicons.followups.find(
        message.words
    )}  # fmt: skip
    if not work.state.shown:
        # without offers shown, "a phone number?" asks for the network's contact
        kinds &= ANYTIME | (AFTER_ANSWER if work.state.stage == st.OFFERED else set())
    if not kinds:
        return False
    named, _ = language_in(message.words, language_names(SUPPORTED))
    if "write_in" in kinds and named in SUPPORTED:
        work.state.language = named
        work.state.language_confirmed = True
        work.say(m.LANGUAGE_SET, language=LanguageName(named))
    elif "call_me" in kinds and then_ask:
        handoff.offer_handoff(work)
        return True
    elif "anonymous" in kinds:
        _anonymous(work)
    elif "languages" in kinds and named is not None:
        _language(work, named)
    elif "contact" in kinds and work.state.shown:
        work.say(m.FOLLOWUP_CONTACTS)
        work.effects.append(ShowOffers(_as_ranked(_shown(work)), contacts_only=True))
    elif "contact" in kinds:
        work.say(m.ASK_LOCALLY, ask=Verbatim(public_contact(network_of(work))))
    elif "more" in kinds and then_ask:
        _more(work)
        return True
    else:
        return False
    if then_ask:
        offers.ask_person(work)
    return True


def _ranked(work: Step) -> list[Ranked]:
    situation = offers.situation(work, place_query(work))
    return rank(work.context.index, situation, limit=None, today=work.context.today())


def _shown(work: Step) -> list[Offer]:
    by_id = work.context.index.by_id
    return [by_id[i] for i in work.state.shown if i in by_id]


def _as_ranked(found: list[Offer]) -> tuple[Ranked, ...]:
    return tuple(Ranked(offer, 0.0, (), local=True) for offer in found)


def _language(work: Step, language: str) -> None:
    """Who speaks the language (as the data states), or whom to call instead."""
    speaking = [o for o in _shown(work) if language in o.languages]
    if speaking:
        work.say(m.FOLLOWUP_LANGUAGE_YES, language=LanguageName(language))
        work.effects.append(ShowOffers(_as_ranked(speaking), contacts_only=True))
    else:
        work.say(m.FOLLOWUP_LANGUAGE_NO, language=LanguageName(language))
        ranked = _ranked(work)
        many = [
            r
            for r in ranked
            if not r.local
            and set(r.offer.needs) & set(work.state.needs)
            and (language in r.offer.languages or r.offer.interpretation)
        ]
        if not many:
            many = [r for r in _everywhere(work) if r.offer.interpretation]
        if many:
            work.effects.append(ShowOffers(tuple(many[:2])))


def _everywhere(work: Step) -> list[Ranked]:
    """Every nationwide offer, whatever the need."""
    index = work.context.index
    return [
        Ranked(offer, 0.0, (), local=False)
        for offer in index.by_id.values()
        if offer.id in index.nationwide
    ]


def _is_office(offer: Offer) -> bool:
    text = f"{offer.name} {offer.organization}".casefold()
    return any(word in text for word in _OFFICE_WORDS)


def _anonymous(work: Step) -> None:
    """Anonymous offers and helplines, none run by the youth office."""
    ranked = [r for r in _ranked(work) if r.offer.access.anonymous and not _is_office(r.offer)]
    if not ranked:
        ranked = [r for r in _everywhere(work) if r.offer.access.anonymous]
    work.say(m.FOLLOWUP_ANONYMOUS)
    shown = tuple(ranked[:PARENT_LIMIT])
    work.effects.append(ShowOffers(shown))
    work.state.shown = [r.offer.id for r in shown]


def _more(work: Step) -> None:
    """The next local offers not shown yet."""
    seen = set(work.state.shown)
    fresh = [r for r in _ranked(work) if r.local and r.offer.id not in seen]
    if not fresh:
        work.say(m.FOLLOWUP_NO_MORE)
        offers.ask_person(work)
        return
    shown = tuple(fresh[:PARENT_LIMIT])
    work.effects.append(ShowOffers(shown))
    work.state.shown = [*work.state.shown, *(r.offer.id for r in shown)]
    offers.ask_person(work)
