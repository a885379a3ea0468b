"""Professionals look offers up: quick search by text, pages of five with reasons.

"Schreiambulanz Coesfeld", "Beratung auf Arabisch 53721": each message is a new
search (needs do not accumulate as in a family's conversation); the query is kept in
the state only for paging. Every card can be shared with a family (inline mode).
"""

from __future__ import annotations

from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import LanguageName, Msg, Say, ShowOffers, Verbatim
from bot.dialogue.work import Step, choice
from bot.nlu.analyzer import Analysis
from bot.nlu.search import SearchQuery, parse_query, search

PAGE = 5


def search_text(work: Step, text: str, analysis: Analysis) -> None:
    """Run a new quick search."""
    query = parse_query(text, analysis, work.context.index)
    if not (query.words or query.needs or query.place or query.postcode or query.language):
        work.say(m.SEARCH_HOW)
        return
    work.state.search = query.to_dict()
    work.state.page = 0
    show_page(work)


def choose_page(work: Step, value: str) -> None:
    """Another page of the last search."""
    work.state.page = int(value) if value.isdigit() else 0
    show_page(work)


def show_page(work: Step) -> None:
    """One page of results with reasons, shareable, and the page buttons."""
    state, context = work.state, work.context
    if state.search is None:
        work.say(m.SEARCH_HOW)
        return
    query = SearchQuery.from_dict(state.search)
    result = search(context.index, query, context.today())
    found = result.offers
    if not found:
        work.say(m.SEARCH_NOTHING)
        return
    if result.kind_missing:
        kind = (
            Verbatim(query.asked)
            if query.asked
            else tuple(Msg(m.NEED_LABELS[n]) for n in query.needs)
        )
        work.say(
            m.SEARCH_KIND_MISSING, kind=kind, place=Verbatim(query.place or query.postcode or "–")
        )
    if result.language_missing and query.language:
        work.say(
            m.SEARCH_LANGUAGE_MISSING,
            language=LanguageName(query.language),
            place=Verbatim(query.place or query.postcode or "–"),
        )
    pages = -(-len(found) // PAGE)
    page = min(max(state.page, 0), pages - 1)
    chunk = found[page * PAGE : (page + 1) * PAGE]
    work.effects.append(Say(Msg(m.OFFERS_FOUND, {"count": len(found)}, len(found))))
    work.effects.append(ShowOffers(chunk, with_reasons=True, shareable=True))
    if pages > 1:
        choices = []
        if page > 0:
            choices.append(choice(f"more:{page - 1}", m.CHOICE_PREVIOUS))
        if page < pages - 1:
            choices.append(choice(f"more:{page + 1}", m.CHOICE_MORE))
        work.ask(m.MORE_RESULTS, choices, st.LISTENING, page=page + 1, pages=pages)
    state.page = page
