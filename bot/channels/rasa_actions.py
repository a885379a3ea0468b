"""Lotse as Rasa custom actions (rasa-sdk): offer search, hand-off form, emergency, fallback.

Run with `lotse rasa-actions` (or `python -m rasa_sdk --actions bot.channels.rasa_actions`).
Actions return events and collect messages; they never send. The understanding, the
ranking, the catalogs and the storage are Lotse's own, shared with the other channels.

Everything in the request is untrusted: slots, metadata, entities and the intent may
have any JSON type; texts are cut to `MAX_TEXT` characters before any work; a phone
number is stored only if it passes the chat's rule and fits its column. An action never
raises: rasa_sdk's own error handler would answer 500 with the request body echoed and
log the exception's message, so failures are logged by type only and the user gets the
generic apology (with the emergency numbers, from the emergency action). A plugin
replaces rasa_sdk's error handler too (errors before our actions run) and caps the
request body at `MAX_BODY` bytes (Sanic's `REQUEST_MAX_SIZE`, 100 MB by default).
"""

from __future__ import annotations

import abc
import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus
from typing import Any, cast

import pluggy
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.plugin import plugin_manager
from rasa_sdk.types import DomainDict
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import String
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
from bot.domain.privacy import mask_personal_data, user_key
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analysis, Analyzer
from bot.nlu.language import SUPPORTED
from bot.runtime import build_analyzer, database_ready, gazetteer_of, open_or_degraded, warm_up
from bot.settings import get_settings
from bot.storage import conversations_repo as repo
from bot.storage.catalog import OfferCatalog
from bot.storage.db import transaction
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.models import HandoffRow

log = logging.getLogger(__name__)
CHANNEL = "rasa"
PERSON_PAYLOAD = "/talk_to_person"
MAX_TEXT = 4096  # what Telegram allows in one message; longer texts are cut first
MAX_BODY = 4 * 1024 * 1024  # a request (the whole tracker) over this gets 413
MAX_PLACE = 200  # the column of a hand-off's town
SHUTDOWN_SECONDS = 1.0  # how long SIGTERM waits for requests in flight
PHONE_COLUMN: int = cast(String, HandoffRow.__table__.c.phone.type).length or 40


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
    """Build the runtime once; without a database the emergency action still works.

    The engine is made even when the database is unreachable at start: every action
    tries it again, so the server recovers by itself when the database returns.
    """
    settings = get_settings()
    renderer = Renderer(settings.locales_dir)
    engine, ready = open_or_degraded(settings)
    if not ready:
        log.error("database unreachable at start; only emergency answers work until it returns")
    gazetteer = gazetteer_of(engine, settings)
    analyzer = build_analyzer(settings, gazetteer)
    warm_up(analyzer, renderer)
    catalog, examples = OfferCatalog(engine), ExampleCatalog(engine)
    return Runtime(analyzer, renderer, settings.effective_secret(), engine, catalog, examples)


def _message(tracker: Tracker) -> dict[str, Any]:
    """The latest message, or an empty one when Rasa sent something else."""
    latest = tracker.latest_message
    return latest if isinstance(latest, dict) else {}


def _text(tracker: Tracker) -> str:
    """The user's text, at most `MAX_TEXT` characters."""
    text = _message(tracker).get("text")
    return text[:MAX_TEXT] if isinstance(text, str) else ""


def _slot_text(tracker: Tracker, name: str, limit: int) -> str | None:
    """A slot that must be a short string; anything else counts as unset."""
    value = tracker.get_slot(name)
    return value.strip() if isinstance(value, str) and 0 < len(value.strip()) <= limit else None


def _needs(value: Any) -> list[str]:
    """Known need ids from a slot that may hold one id, a list of them, or anything else."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return list(dict.fromkeys(n for n in items if isinstance(n, str) and n in NEED_IDS))


def valid_phone(value: Any) -> str | None:
    """A call-back number by the chat's rule that fits the hand-off column, or None."""
    if not isinstance(value, str) or len(value.strip()) > PHONE_COLUMN:
        return None
    number = value.strip()
    return number if is_reachable_phone(number) else None


def _language(tracker: Tracker, analysis: Analysis | None = None) -> str:
    """Language from the slot, the message metadata, or detection."""
    slot = tracker.get_slot("language")
    if isinstance(slot, str) and slot in SUPPORTED:
        return slot
    metadata = _message(tracker).get("metadata")
    if isinstance(metadata, dict):
        given = metadata.get("language") or metadata.get("language_code")
        code = given[:2].lower() if isinstance(given, str) else ""
        if code in SUPPORTED:
            return code
    return analysis.language if analysis else "de"


def _say(dispatcher: CollectingDispatcher, rt: Runtime, message: str, lang: str, **p: Any) -> None:
    dispatcher.utter_message(text=rt.renderer.text(Msg(message, p), lang))


def _key(tracker: Tracker, rt: Runtime) -> str:
    return user_key(rt.secret, CHANNEL, str(tracker.sender_id))


Events = list[EventType]


class SafeAction(Action, abc.ABC):
    """An action whose failures never reach rasa_sdk: logged by type, answered politely."""

    @abc.abstractmethod
    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """What the action does (may raise)."""

    # what a failure answers: the apology (with 112 and 110), or the emergency numbers
    emergency_fallback = False

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """Run `act`; on any error answer with `fallback` instead."""
        try:
            return await self.act(dispatcher, tracker, domain)
        except Exception as error:
            log.error("%s failed: %s", self.name(), type(error).__name__)
            dispatcher.messages.clear()
            return fallback(dispatcher, tracker, emergency=self.emergency_fallback)


def fallback(dispatcher: CollectingDispatcher, tracker: Tracker, emergency: bool) -> Events:
    """The generic apology (with 112 and 110), or the emergency numbers; never raises."""
    try:
        rt = runtime()
        language = _language(tracker)
        if emergency:
            dispatcher.utter_message(text=rt.renderer.emergency(None, language))
        else:
            _say(dispatcher, rt, m.ERROR_GENERIC, language)
    except Exception as error:
        log.error("fallback answer failed: %s", type(error).__name__)
        dispatcher.utter_message(text=LAST_RESORT)
    return [ActiveLoop(None)] if not emergency else []


LAST_RESORT = "Notruf / Emergency: 112 (Rettungsdienst / ambulance), 110 (Polizei / police)."


class ActionLotseEmergency(SafeAction):
    """The emergency numbers for the kind of crisis, in the user's language; no database."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_emergency"

    emergency_fallback = True  # if anything fails, still the general emergency numbers

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """Utter the numbers and the gentle follow-up."""
        rt = runtime()
        analysis = rt.understand(_text(tracker))
        language = _language(tracker, analysis)
        dispatcher.utter_message(
            text=rt.renderer.emergency(analysis.crisis_kind, language, analysis.pregnant)
        )
        _say(dispatcher, rt, m.CRISIS_AFTER, language)
        return [SlotSet("language", language)]


class ActionLotseUnanswered(SafeAction):
    """Keep the question (masked) for coordinator review and say what Lotse can do."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_unanswered"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
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
                    mask_personal_data(text[:4096]),
                    language,
                    _slot_text(tracker, "lotse_place", MAX_PLACE),
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
    entities = _message(tracker).get("entities")
    names = [
        e.get("value")
        for e in (entities if isinstance(entities, list) else [])
        if isinstance(e, dict) and e.get("entity") == "location"
    ]
    names += [_slot_text(tracker, "lotse_place", MAX_PLACE)]
    for name in names:
        if isinstance(name, str) and 0 < len(name) <= MAX_PLACE:
            found = index.gazetteer.resolve(str(name))
            if found is None:
                match = rt.analyzer.places.find(str(name), str(name).lower().split())
                found = (match.place, match.postcode) if match and match.place else None
            if found:
                return PlaceQuery(*found)
    if analysis.place is not None:
        return PlaceQuery(analysis.place, analysis.postcode)
    return None


class ActionLotseFindOffers(SafeAction):
    """Up to three offer cards for the recognised needs and place, in the user's language."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_lotse_find_offers"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """Rank, render and set the slots needs, place, language and offer ids."""
        rt = runtime()
        analysis = rt.understand(_text(tracker))
        language = _language(tracker, analysis)
        if analysis.crisis:
            return await ActionLotseEmergency().run(dispatcher, tracker, domain)
        intent = _message(tracker).get("intent")
        named = intent.get("name") if isinstance(intent, dict) else None
        needs = _needs(tracker.get_slot("lotse_needs"))
        for need in [named, *analysis.needs]:
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


def _network_of(index: OfferIndex, place_name: str | None) -> tuple[str | None, str | None]:
    """The network responsible for a place name, and the place's own name."""
    place = index.gazetteer.get(place_name) if place_name else None
    network = index.network_for(PlaceQuery(place)) if place is not None else None
    return (network.id, place.name) if network and place else (None, None)


def _network_id(index: OfferIndex, place_name: str | None) -> str | None:
    return _network_of(index, place_name)[0]


class ValidateLotseHandoffForm(FormValidationAction):
    """Consent, contact preference and phone, with the same rules as the other channels."""

    def name(self) -> str:
        """The validation action of `lotse_handoff_form`."""
        return "validate_lotse_handoff_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """Validate as rasa_sdk does; on any error apologise and end the form."""
        try:
            return list(await super().run(dispatcher, tracker, domain))
        except Exception as error:
            log.error("%s failed: %s", self.name(), type(error).__name__)
            dispatcher.messages.clear()
            return fallback(dispatcher, tracker, emergency=False)

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
                _network_id(rt.index(), _slot_text(tracker, "lotse_place", MAX_PLACE)) or ""
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
        number = valid_phone(value)
        if number is not None:
            return {"lotse_phone": number}
        _say(dispatcher, runtime(), m.PHONE_INVALID, _language(tracker))
        return {"lotse_phone": None}


class ActionLotseSubmitHandoff(SafeAction):
    """Store the approved hand-off and confirm it with its reference."""

    def name(self) -> str:
        """Runs when `lotse_handoff_form` is complete."""
        return "action_lotse_submit_handoff"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        """Store consent and hand-off before confirming; nothing without consent.

        The slots are checked again here (the form may have been skipped or the slots
        set by a story): a phone number by the chat's rule and the column's length.
        """
        rt = runtime()
        language = _language(tracker)
        if tracker.get_slot("lotse_consent") is not True:
            return [ActiveLoop(None)]
        method = "phone" if tracker.get_slot("lotse_contact_method") == "phone" else "chat"
        phone = valid_phone(tracker.get_slot("lotse_phone")) if method == "phone" else None
        if method == "phone" and phone is None:
            _say(dispatcher, rt, m.PHONE_INVALID, language)
            return [ActiveLoop(None), SlotSet("lotse_phone", None)]
        index = rt.index()
        network, place = _network_of(index, _slot_text(tracker, "lotse_place", MAX_PLACE))
        if network is None:
            _say(dispatcher, rt, m.NO_NETWORK, language)
            return [ActiveLoop(None)]
        state = ConversationState(
            language=language,
            needs=_needs(tracker.get_slot("lotse_needs")),
            place=place,
            network=network,
            contact_method=method,
            phone=phone,
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


# --- the HTTP server (rasa_sdk's Sanic app) ---------------------------------------------

_hookimpl = pluggy.HookimplMarker("rasa_sdk")


async def error_answer(request: Request, exception: Exception) -> HTTPResponse:
    """An error as its status and phrase: never the request body, logged by type only."""
    status = exception.status_code if isinstance(exception, SanicException) else 500
    if status >= 500:
        log.error("action server error: %s", type(exception).__name__)
    return response.json({"error": HTTPStatus(status).phrase}, status=status)


async def healthz(_request: Request) -> HTTPResponse:
    """The process is alive."""
    return response.json({"alive": True})


async def readyz(_request: Request) -> HTTPResponse:
    """200 when the recogniser is loaded and the database answers, else 503."""
    loaded = runtime.cache_info().currsize > 0
    database = loaded and await asyncio.to_thread(database_ready, runtime().engine)
    checks = {"database": database, "recogniser": loaded}
    return response.json(checks, status=200 if all(checks.values()) else 503)


async def _load_runtime(_app: Any) -> None:
    """Load the recogniser before the first request (and so before `/readyz` says ready)."""
    await asyncio.to_thread(runtime)


class ServerHardening:
    """rasa_sdk plugin: our error handler, a body size limit, health routes, a quick stop.

    Sanic waits `GRACEFUL_SHUTDOWN_TIMEOUT` (15 s) for open connections after SIGTERM;
    an action takes milliseconds, so 1 s drains it and the server exits within 2 s.
    """

    @_hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:  # type: ignore[type-arg]
        """Cap the body, replace the handler that echoes the body, add health routes."""
        app.config.REQUEST_MAX_SIZE = MAX_BODY
        app.config.GRACEFUL_SHUTDOWN_TIMEOUT = SHUTDOWN_SECONDS
        app.config.KEEP_ALIVE_TIMEOUT = 2
        if "healthz" not in {route.name.rsplit(".", 1)[-1] for route in app.router.routes}:
            app.add_route(healthz, "/healthz", methods=["GET"], name="healthz")
            app.add_route(readyz, "/readyz", methods=["GET"], name="readyz")
            app.register_listener(_load_runtime, "before_server_start")
        handlers = app.error_handler.cached_handlers
        for key in [k for k in handlers if k[0] is Exception]:
            del handlers[key]
        app.error_handler.add(Exception, error_answer)


def _register_plugin() -> None:
    manager = plugin_manager()
    if manager.get_plugin("lotse-hardening") is None:
        manager.register(ServerHardening(), name="lotse-hardening")


_register_plugin()
