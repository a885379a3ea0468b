"""Lotse as Rasa custom actions (rasa-sdk): offer search, hand-off form, emergency, fallback.

Run with `lotse rasa-actions` (or `python -m rasa_sdk --actions bot.channels.rasa_actions`).
Actions return events and collect messages; they never send. The understanding, the
ranking, the catalogs and the storage are Lotse's own, shared with the other channels.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from bot.conversation import Who, store_handoff
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg, Verbatim
from bot.dialogue.engine import draft_of
from bot.dialogue.state import ConversationState
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.matching import PARENT_LIMIT, Situation, rank
from bot.domain.needs import NEED_IDS
from bot.domain.offers import is_reachable_phone
from bot.domain.places import Gazetteer
from bot.domain.privacy import mask_personal_data, user_key
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analysis, Analyzer
from bot.nlu.language import SUPPORTED
from bot.runtime import build_analyzer, gazetteer_of
from bot.settings import get_settings
from bot.storage import conversations_repo as repo
from bot.storage.bootstrap import open_database
from bot.storage.catalog import OfferCatalog
from bot.storage.db import transaction
from bot.storage.examples_catalog import ExampleCatalog

log = logging.getLogger(__name__)
CHANNEL = "rasa"
PERSON_PAYLOAD = "/talk_to_person"


@dataclass
class Runtime:
    """What the actions share in one action-server process."""

    analyzer: Analyzer
    renderer: Renderer
    secret: str
    engine: Any = None
    catalog: OfferCatalog | None = None
    examples: ExampleCatalog | None = None

    def understand(self, text: str) -> Analysis:
        """What Lotse understands, with the questions coordinators assigned to a need."""
        try:
            memory = self.examples.current() if self.examples is not None else None
        except SQLAlchemyError:
            memory = None
        return self.analyzer.analyze(text, memory=memory)

    def index(self) -> OfferIndex:
        """The current offer index (raises when the database is unreachable)."""
        if self.catalog is None:
            raise SQLAlchemyError("no database")
        return self.catalog.current()


@lru_cache(maxsize=1)
def runtime() -> Runtime:
    """Build the runtime once; without a database the emergency action still works."""
    settings = get_settings()
    renderer = Renderer(settings.locales_dir)
    try:
        engine = open_database(settings)
        gazetteer = gazetteer_of(engine)
        catalog: OfferCatalog | None = OfferCatalog(engine)
        examples: ExampleCatalog | None = ExampleCatalog(engine)
    except (SQLAlchemyError, OSError):
        log.exception("database unreachable at start; only emergency answers work")
        engine, gazetteer, catalog, examples = None, Gazetteer(), None, None
    analyzer = build_analyzer(settings, gazetteer)
    return Runtime(analyzer, renderer, settings.effective_secret(), engine, catalog, examples)


def _text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _language(tracker: Tracker, analysis: Analysis | None = None) -> str:
    """Language from the slot, the message metadata, or detection."""
    slot = tracker.get_slot("language")
    if slot in SUPPORTED:
        return str(slot)
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    code = str(metadata.get("language") or metadata.get("language_code") or "")[:2].lower()
    if code in SUPPORTED:
        return code
    return analysis.language if analysis else "de"


def _say(dispatcher: CollectingDispatcher, rt: Runtime, message: str, lang: str, **p: Any) -> None:
    dispatcher.utter_message(text=rt.renderer.text(Msg(message, p), lang))


def _key(tracker: Tracker, rt: Runtime) -> str:
    return user_key(rt.secret, CHANNEL, tracker.sender_id)


class ActionLotseEmergency(Action):
    """The emergency numbers for the kind of crisis, in the user's language; no database."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Utter the numbers and the gentle follow-up."""
        rt = runtime()
        analysis = rt.understand(_text(tracker))
        language = _language(tracker, analysis)
        dispatcher.utter_message(
            text=rt.renderer.emergency(analysis.crisis_kind, language, analysis.pregnant)
        )
        _say(dispatcher, rt, m.CRISIS_AFTER, language)
        return [SlotSet("language", language)]


class ActionLotseUnanswered(Action):
    """Keep the question (masked) for coordinator review and say what Lotse can do."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_unanswered"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Store the question, then answer with the not-understood message."""
        rt = runtime()
        text = _text(tracker)
        analysis = rt.understand(text)
        language = _language(tracker, analysis)
        if analysis.crisis:
            return await ActionLotseEmergency().run(dispatcher, tracker, domain)
        try:
            with transaction(rt.engine) as session:
                guesses = dict(sorted(analysis.scores.items(), key=lambda kv: -kv[1])[:3])
                repo.store_question(
                    session,
                    _key(tracker, rt),
                    mask_personal_data(text)[:2000],
                    language,
                    tracker.get_slot("lotse_place"),
                    guesses,
                    dt.datetime.now(dt.UTC),
                )
        except (SQLAlchemyError, AttributeError):
            log.error("could not store an unanswered question")
        _say(dispatcher, rt, m.NOT_UNDERSTOOD, language)
        return [SlotSet("language", language)]


def _place(
    rt: Runtime, index: OfferIndex, tracker: Tracker, analysis: Analysis
) -> PlaceQuery | None:
    names = [
        e.get("value")
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == "location"
    ]
    names += [tracker.get_slot("lotse_place")]
    for name in names:
        if name:
            found = index.gazetteer.resolve(str(name))
            if found is None:
                match = rt.analyzer.places.find(str(name), str(name).lower().split())
                found = (match.place, match.postcode) if match and match.place else None
            if found:
                return PlaceQuery(*found)
    if analysis.place is not None:
        return PlaceQuery(analysis.place, analysis.postcode)
    return None


class ActionLotseFindOffers(Action):
    """Up to three offer cards for the recognised needs and place, in the user's language."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_find_offers"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Rank, render and set the slots needs, place, language and offer ids."""
        rt = runtime()
        analysis = rt.understand(_text(tracker))
        language = _language(tracker, analysis)
        if analysis.crisis:
            return await ActionLotseEmergency().run(dispatcher, tracker, domain)
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        needs = list(tracker.get_slot("lotse_needs") or [])
        for need in [intent, *analysis.needs]:
            if need in NEED_IDS and need not in needs:
                needs.append(need)
        index = rt.index()
        place = _place(rt, index, tracker, analysis)
        if not needs:
            _say(dispatcher, rt, m.NOT_UNDERSTOOD, language)
            return [SlotSet("language", language)]
        situation = Situation(
            tuple(needs), place, analysis.child_age_months, analysis.pregnant, language
        )
        ranked = rank(index, situation, limit=PARENT_LIMIT)
        local = [r for r in ranked if r.local]
        if place is None and any(index.by_need.get(n, set()) - index.nationwide for n in needs):
            _say(dispatcher, rt, m.ASK_PLACE, language)
        elif not local and place is not None:
            _say(dispatcher, rt, m.NO_LOCAL_OFFER, language, place=Verbatim(place.place.name))
        shown = local or ranked
        if shown:
            dispatcher.utter_message(
                text=rt.renderer.text(
                    Msg(m.OFFERS_FOUND, {"count": len(shown)}, len(shown)), language
                )
            )
        for item in shown:
            dispatcher.utter_message(text=rt.renderer.card(item, index.data, language))
        person = rt.renderer.text(Msg(m.CHOICE_PERSON), language, outer=False)
        dispatcher.utter_message(
            text=rt.renderer.text(Msg(m.OFFER_PERSON), language),
            buttons=[{"title": person, "payload": PERSON_PAYLOAD}],
        )
        return [
            SlotSet("lotse_needs", needs),
            SlotSet("lotse_place", place.place.name if place else None),
            SlotSet("language", language),
            SlotSet("lotse_offer_ids", [r.offer.id for r in shown]),
        ]


def _network_id(index: OfferIndex, place_name: str | None) -> str | None:
    place = index.gazetteer.get(place_name) if place_name else None
    network = index.network_for(PlaceQuery(place)) if place is not None else None
    return network.id if network else None


class ValidateLotseHandoffForm(FormValidationAction):
    """Consent, contact preference and phone, with the same rules as the other channels."""

    def name(self) -> str:
        """The validation action of `lotse_handoff_form`."""
        return "validate_lotse_handoff_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The phone is asked only when the family wants a call back."""
        slots = ["lotse_consent", "lotse_contact_method"]
        if tracker.get_slot("lotse_contact_method") == "phone":
            slots.append("lotse_phone")
        return slots

    def validate_lotse_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """No consent ends the form: nothing is stored, the public contact is shown."""
        if value in (True, "true", "yes", "/affirm"):
            return {"lotse_consent": True}
        rt = runtime()
        language = _language(tracker)
        try:
            network = rt.index().data.network(
                _network_id(rt.index(), tracker.get_slot("lotse_place")) or ""
            )
        except SQLAlchemyError:
            network = None
        contact = network.ask if network and network.ask else "Jugendamt"
        _say(dispatcher, rt, m.NO_CONSENT, language, contact=Verbatim(contact))
        return {"lotse_consent": False, "requested_slot": None}

    def validate_lotse_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """`phone` or `chat`."""
        return {
            "lotse_contact_method": "phone" if str(value).lower() in ("phone", "call") else "chat"
        }

    def validate_lotse_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The same rule as in the chat: a German or an international number."""
        number = str(value or "").strip()
        if is_reachable_phone(number):
            return {"lotse_phone": number}
        _say(dispatcher, runtime(), m.PHONE_INVALID, _language(tracker))
        return {"lotse_phone": None}


class ActionLotseSubmitHandoff(Action):
    """Store the approved hand-off and confirm it with its reference."""

    def name(self) -> str:
        """Runs when `lotse_handoff_form` is complete."""
        return "action_lotse_submit_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Store consent and hand-off before confirming; nothing without consent."""
        rt = runtime()
        language = _language(tracker)
        if tracker.get_slot("lotse_consent") is not True:
            return [ActiveLoop(None)]
        index = rt.index()
        network = _network_id(index, tracker.get_slot("lotse_place"))
        if network is None:
            _say(dispatcher, rt, m.NO_NETWORK, language)
            return [ActiveLoop(None)]
        state = ConversationState(
            language=language,
            needs=[n for n in tracker.get_slot("lotse_needs") or [] if n in NEED_IDS],
            place=tracker.get_slot("lotse_place"),
            network=network,
            contact_method=tracker.get_slot("lotse_contact_method") or "chat",
            phone=tracker.get_slot("lotse_phone"),
        )
        now = dt.datetime.now(dt.UTC)
        with transaction(rt.engine) as session:
            message = store_handoff(
                session,
                rt.renderer,
                Who(_key(tracker, rt), "rasa", None),
                draft_of(state),
                index,
                now,
            )
        dispatcher.utter_message(text=rt.renderer.text(message, language))
        return [ActiveLoop(None), SlotSet("lotse_consent", None), SlotSet("lotse_phone", None)]
