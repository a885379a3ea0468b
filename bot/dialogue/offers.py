"""From a situation to questions or offers: ask what is missing and matters, then show."""

from __future__ import annotations

from bot.dialogue import messages as m
from bot.dialogue import state as st
from bot.dialogue.effects import Choice, Msg, RecordUnmetNeed, Say, ShowOffers, Verbatim
from bot.dialogue.work import Step, choice, network_of, place_query, public_contact
from bot.domain.index import PlaceQuery
from bot.domain.matching import PARENT_LIMIT, Ranked, Situation, has_local_offers, rank

PROFESSIONAL_PAGE = 5
# needs that a person of the network answers, not an offer of its own
PERSON_NEEDS = frozenset({"general_support", "talk_to_person"})
AGE_CHOICES = {"0-3": 1, "3-12": 6, "12-36": 24, "36+": 48}
# a family that is new here and asks nothing else also gets the network's first contact:
# where to start is part of arriving ("we just arrived, what is there for families?")
ARRIVING = ("migration",)


def advance(work: Step) -> None:
    """Ask what is missing and matters, or show offers."""
    state, index = work.state, work.context.index
    needs = tuple(state.needs)
    if state.place is None and has_local_offers(index, needs):
        ask_place(work)
        return
    if age_matters(work) and not state.age_asked:
        state.age_asked = True
        ask_age(work)
        return
    state.page = 0
    show_offers(work)


def ask_place(work: Step) -> None:
    """Where the family lives: the networks' towns as buttons, any town or postcode typed."""
    index = work.context.index
    towns = sorted(
        {
            a.name
            for n in index.data.networks
            for a in n.service_areas
            if a.kind in ("municipality", "district")
        }
    )[:8]
    choices = [Choice(f"place:{t}", Verbatim(t)) for t in towns]
    choices.append(choice("place:other", m.CHOICE_OTHER_PLACE))
    work.ask(m.ASK_PLACE, choices, st.ASK_PLACE, location=True)


def ask_age(work: Step) -> None:
    """The child's age or a pregnancy, as buttons (typed answers work too)."""
    work.ask(
        m.ASK_AGE,
        [
            choice("age:pregnant", m.CHOICE_PREGNANT),
            choice("age:0-3", m.CHOICE_AGE_0_3),
            choice("age:3-12", m.CHOICE_AGE_3_12),
            choice("age:12-36", m.CHOICE_AGE_12_36),
            choice("age:36+", m.CHOICE_AGE_OLDER),
        ],
        st.ASK_AGE,
    )


def age_matters(work: Step) -> bool:
    """Tell whether the local offers differ by age or pregnancy (then the age is asked)."""
    state = work.state
    if state.child_age_months is not None or state.pregnant:
        return False
    offers = rank(work.context.index, situation(work, place_query(work)), limit=None)
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


def situation(work: Step, query: PlaceQuery | None) -> Situation:
    """The family's situation for ranking; a shared location beats the town's centre."""
    state = work.state
    point = tuple(state.near) if state.near else None
    if point is None and query is not None:
        place = query.place
        if place.latitude is not None and place.longitude is not None:
            point = (place.latitude, place.longitude)
    needs = tuple(state.needs)
    return Situation(
        needs=(*needs, "general_support") if needs == ARRIVING else needs,
        place=query,
        child_age_months=state.child_age_months,
        pregnant=state.pregnant,
        language=state.language or "de",
        coordinates=(point[0], point[1]) if point else None,
        shared_location=bool(state.near),
    )


def show_offers(work: Step) -> None:
    """Show up to three local offers (or nationwide ones and whom to ask), then offer a person."""
    state, context = work.state, work.context
    query = place_query(work)
    if state.place is not None and query is None:
        work.ask(m.PLACE_UNKNOWN, [], st.ASK_PLACE, location=True)
        state.place = None
        return
    ranked = rank(context.index, situation(work, query), limit=None, today=context.today())
    if state.near:
        ranked.sort(key=_by_distance)
    local = [r for r in ranked if r.local]
    network = network_of(work)
    if local:
        shown = tuple(local[:PARENT_LIMIT])
        work.effects.append(Say(Msg(m.OFFERS_FOUND, {"count": len(shown)}, len(shown))))
        work.effects.append(ShowOffers(shown))
        helpline = _helpline(ranked) if state.distress or "pregnancy" in state.needs else None
        if helpline is not None:
            work.say(m.OFFER_HELPLINE_TOO)
            work.effects.append(ShowOffers((helpline,)))
            shown = (*shown, helpline)
        state.shown = [r.offer.id for r in shown]
    elif state.place is not None and network is None:
        # a real town outside the networks: say so, nationwide help, and whom to ask there
        nationwide = tuple(ranked[:PARENT_LIMIT])
        if nationwide:
            work.say(m.OUTSIDE_NETWORKS, place=Verbatim(state.place))
            work.effects.append(ShowOffers(nationwide))
        else:
            work.say(m.OUTSIDE_NETWORKS_ONLY, place=Verbatim(state.place))
        state.shown = [r.offer.id for r in nationwide]
        work.say(m.FIND_YOUTH_OFFICE, place=Verbatim(state.place))
        work.effects.append(
            RecordUnmetNeed(tuple(state.needs), state.place, state.language or "de")
        )
        state.stage = st.LISTENING
        return
    elif set(state.needs) <= PERSON_NEEDS and network is not None:
        # "we need help": no offer is missing — the network's first contact is the offer
        work.say(m.ASK_LOCALLY, ask=Verbatim(public_contact(network)))
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
        work.say(m.ASK_LOCALLY, ask=Verbatim(public_contact(network)))
    if state.shown or network_of(work) is not None:
        ask_person(work)


def _helpline(ranked: list[Ranked]) -> Ranked | None:
    """The best nationwide service for the family's needs, shown with the local offers.

    In distress and in pregnancy (the anonymous pregnancy helpline, day and night).
    """
    return next((r for r in ranked if not r.local and r.offer.needs), None)


def _by_distance(ranked: Ranked) -> tuple[bool, float, float]:
    """Local first, then nearest (offers without a known position last), then score."""
    far = ranked.distance_km if ranked.distance_km is not None else float("inf")
    return (not ranked.local, far, -ranked.score)


def ask_person(work: Step) -> None:
    """Offer a person of the local network (and the card in German for a reception desk)."""
    choices = [
        choice("handoff:yes", m.CHOICE_YES_PLEASE),
        choice("handoff:no", m.CHOICE_NO_THANKS),
    ]
    if work.state.shown and work.state.language != "de":
        choices.append(choice("card:de", m.CHOICE_SHOW_CARD))
    work.ask(m.OFFER_PERSON, choices, st.OFFERED)


def choose_card(work: Step, _value: str) -> None:
    """Show the shown offers again, each with its German card."""
    index = work.context.index
    offers = tuple(
        Ranked(index.by_id[i], 0.0, (), local=True) for i in work.state.shown if i in index.by_id
    )
    work.effects.append(ShowOffers(offers, bilingual=True))
    ask_person(work)


def choose_age(work: Step, value: str) -> None:
    """The child's age (or a pregnancy) from the age buttons."""
    state = work.state
    if value == "pregnant":
        state.pregnant = True
    else:
        state.child_age_months = AGE_CHOICES.get(value)
    state.stage = st.LISTENING
    advance(work)


def choose_place(work: Step, value: str) -> None:
    """A town from the place buttons, or "another town"."""
    if value == "other":
        work.ask(m.ASK_PLACE, [], st.ASK_PLACE, location=True)
        return
    work.state.place = value
    work.state.postcode = None
    work.state.near = None
    work.state.stage = st.LISTENING
    advance(work)
