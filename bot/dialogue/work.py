"""What every part of the dialogue shares: the turn, the context and one step's work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.dialogue.effects import Ask, Choice, Effect, Msg, Say
from bot.dialogue.state import ConversationState
from bot.domain.cases import Case
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.offers import Network
from bot.domain.roles import Roles
from bot.nlu.analyzer import Analyzer
from bot.nlu.memory import ExampleMemory


@dataclass(frozen=True)
class Turn:
    """One input: text, a pressed choice, a command or a shared location, with a language hint."""

    text: str | None = None
    choice: str | None = None
    command: str | None = None
    language_hint: str | None = None
    location: tuple[float, float] | None = None


@dataclass
class Context:
    """What the dialogue consults: understanding, offers, settings, the user's roles and case."""

    analyzer: Analyzer
    index: OfferIndex
    conversation_days: int = 30
    handoff_days: int = 90
    today: Callable[[], dt.date] = dt.date.today
    roles: Roles = field(default_factory=Roles)
    memory: ExampleMemory | None = None  # questions coordinators assigned to a need
    # the user's open case, looked up only when the dialogue asks (most turns do not)
    case_lookup: Callable[[], Case | None] = lambda: None
    # a message id in a language (the channel's catalog), to match typed answers to labels
    translate: Callable[[str, str], str] = lambda message, _language: message
    _case: tuple[Case | None] | None = None

    @property
    def case(self) -> Case | None:
        """The user's newest open case, if any."""
        if self._case is None:
            self._case = (self.case_lookup(),)
        return self._case[0]


@dataclass
class Step:
    """The working copy of one step: the new state and the effects so far."""

    state: ConversationState
    context: Context
    effects: list[Effect] = field(default_factory=list)
    text: str = ""  # what the user wrote in this turn ("" for a button or command)

    def say(self, message: str, **params: object) -> None:
        """Send a message."""
        self.effects.append(Say(Msg(message, params)))  # type: ignore[arg-type]

    def ask(
        self,
        message: str,
        choices: list[Choice],
        stage: str,
        location: bool = False,
        **params: object,
    ) -> None:
        """Ask a question with options and wait in `stage` for the answer."""
        self.effects.append(Ask(Msg(message, params), tuple(choices), location))  # type: ignore[arg-type]
        self.state.stage = stage
        self.state.choices = [c.id for c in choices]


def choice(choice_id: str, label: str, **params: object) -> Choice:
    """An option labelled with a message."""
    return Choice(choice_id, Msg(label, params))  # type: ignore[arg-type]


def place_query(work: Step) -> PlaceQuery | None:
    """The family's place as the offer index knows it (postcode before town)."""
    return work.context.index.place_query(work.state.place, work.state.postcode)


def network_of(work: Step) -> Network | None:
    """The local network responsible for the family's place."""
    query = place_query(work)
    return work.context.index.network_for(query) if query is not None else None


def public_contact(network: Network | None) -> str:
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
