"""What a turn adds to the anonymous monthly counts of the reports.

A conversation counts once a month, for the network of the family's town (moved there
when the town becomes known later that month); each need once a month when offers
were shown for it; every need without a local offer and every unanswered question.
Professionals' searches are not family conversations and are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.dialogue.effects import Effect, RecordUnmetNeed, ShowOffers, StoreQuestion
from bot.dialogue.state import ConversationState
from bot.domain import report as r
from bot.domain.index import OfferIndex
from bot.domain.roles import Roles
from bot.storage import stats_repo


def network_of_state(state: ConversationState, index: OfferIndex) -> str | None:
    """The network responsible for the conversation's town, if known."""
    query = index.place_query(state.place, state.postcode)
    network = index.network_for(query) if query is not None else None
    return network.id if network else None


def count_turn(
    session: Session,
    state: ConversationState,
    effects: Sequence[Effect],
    roles: Roles,
    now: dt.datetime,
    network: str | None,
) -> None:
    """Add this turn to the counts (for the conversation's `network`); remember in the state."""
    if roles.professional:
        return
    language = state.language or "de"
    month = stats_repo.month_of(now)
    if state.stats_month != month:
        stats_repo.count(session, now, network, r.CONVERSATION, language)
        state.stats_month, state.stats_network, state.stats_needs = month, network, []
        state.stats_language = language
    elif state.stats_network is None and network is not None:
        counted = state.stats_language or language
        stats_repo.count(session, now, None, r.CONVERSATION, counted, by=-1)
        stats_repo.count(session, now, network, r.CONVERSATION, counted)
        state.stats_network = network
    if any(isinstance(e, ShowOffers) for e in effects):
        for need in state.needs:
            if need not in state.stats_needs:
                stats_repo.count(session, now, network, r.NEED, language, state.place or "", need)
                state.stats_needs.append(need)
    for effect in effects:
        if isinstance(effect, RecordUnmetNeed):
            for need in effect.needs:
                stats_repo.count(
                    session, now, network, r.UNMET, effect.language, effect.place, need
                )
        elif isinstance(effect, StoreQuestion):
            stats_repo.count(session, now, network, r.UNANSWERED, effect.language)
