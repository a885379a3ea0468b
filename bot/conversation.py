"""Carry out the dialogue's effects for any channel: storage, rendering, safety net.

`ConversationService.handle` loads the user's state, roles and open case, runs one
`step`, executes the effects in order (a hand-off is stored before its confirmation is
rendered), saves the state and returns channel-neutral `Reply` objects. When the
database is unreachable, a crisis message still gets the emergency numbers; anything
else gets an apology that names the emergency numbers too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.casework import counting
from bot.casework import service as casework
from bot.dialogue import messages as m
from bot.dialogue.effects import (
    Ask,
    Effect,
    EraseUserData,
    HandoffDraft,
    Lines,
    Msg,
    OpenHandoff,
    RecordUnmetNeed,
    RedeemInvitation,
    Relay,
    Say,
    ShowEmergency,
    ShowOffers,
    StoreQuestion,
    Verbatim,
)
from bot.dialogue.emergency import SAFETY_KIND
from bot.dialogue.engine import Context, Turn, step
from bot.dialogue.state import ConversationState
from bot.domain import report
from bot.domain.cases import Case
from bot.domain.index import OfferIndex
from bot.domain.privacy import log_key, mask_personal_data, user_key
from bot.domain.roles import COORDINATOR, PROFESSIONAL, Roles
from bot.i18n.render import PLAIN, Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage import cases_repo, inbox_repo, outbox_repo, roles_repo, stats_repo
from bot.storage import conversations_repo as repo
from bot.storage.catalog import OfferCatalog
from bot.storage.db import transaction
from bot.storage.examples_catalog import ExampleCatalog

log = logging.getLogger(__name__)
CONSENT_WORDING = "handoff-v1"
# channels whose users Lotse can write to later (claim notices, relayed messages)
DELIVERABLE = frozenset({"telegram", "web"})


@dataclass(frozen=True)
class Option:
    """A choice as the channel shows it: the id to send back and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Reply:
    """One message to send, with options (buttons) if any.

    `offer_id`: the message is an offer card that a professional may share.
    `request_location`: the channel may offer to share the location with it.
    `close_keyboard`: a location keyboard shown before is no longer needed.
    `card`: an offer card (kept as a message of its own, so that it can be forwarded).
    `outbox`: this turn queued something for the outbox (a hand-off, a relayed message).
    """

    text: str
    options: tuple[Option, ...] = ()
    language: str = "de"
    offer_id: str | None = None
    request_location: bool = False
    close_keyboard: bool = False
    card: bool = False
    outbox: bool = False


@dataclass
class Settings:
    """Retention and identity settings the service needs."""

    secret: str
    conversation_days: int = 30
    handoff_days: int = 90
    question_days: int = 180


@dataclass(frozen=True)
class Who:
    """The user of one turn: pseudonymous key, channel and (for replies later) address."""

    key: str
    channel: str
    address: str | None


@dataclass
class ConversationService:
    """One instance per process; `handle` is called once per incoming turn."""

    engine: Engine
    analyzer: Analyzer
    catalog: OfferCatalog
    renderer: Renderer
    settings: Settings
    examples: ExampleCatalog | None = None  # questions coordinators assigned to a need
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    purge_every: dt.timedelta = dt.timedelta(hours=1)
    _purged_at: dt.datetime | None = None

    def purge_if_due(self) -> dict[str, int] | None:
        """Apply the retention limits, at most once per `purge_every`."""
        now = self.clock()
        if self._purged_at is not None and now - self._purged_at < self.purge_every:
            return None
        self._purged_at = now
        retention = repo.Retention(
            self.settings.conversation_days,
            self.settings.handoff_days,
            self.settings.question_days,
        )
        with transaction(self.engine) as session:
            counts = repo.purge_expired(session, retention, now)
        if any(counts.values()):
            log.info("retention purge: %s", counts)
        return counts

    def key(self, channel: str, user_id: str) -> str:
        """The pseudonymous key of a channel's user."""
        return user_key(self.settings.secret, channel, user_id)

    def grant_professional(self, channel: str, user_id: str) -> None:
        """Give a user the professional role (quick search, reasons, sharing cards)."""
        with transaction(self.engine) as session:
            roles_repo.grant(
                session, self.key(channel, user_id), PROFESSIONAL, None, None, "local", self.clock()
            )

    def roles(self, channel: str, user_id: str) -> Roles:
        """The roles of a channel's user."""
        with transaction(self.engine) as session:
            return roles_repo.roles_of(session, self.key(channel, user_id))

    def language_of(self, channel: str, user_id: str, hint: str | None = None) -> str:
        """The language Lotse speaks with a user (their conversation's, else the hint's)."""
        try:
            with transaction(self.engine) as session:
                stored = repo.load_state(session, self.key(channel, user_id))
        except SQLAlchemyError:
            stored = None
        language = ConversationState.from_dict(stored).language if stored else None
        return language or hint or "de"

    def set_active(self, channel: str, user_id: str, active: bool) -> None:
        """Mark a user as (un)reachable: blocked the bot, or came back.

        The state is read locked, so a turn of the same user in another process cannot
        overwrite the change (or be overwritten by it).
        """
        key = self.key(channel, user_id)
        with transaction(self.engine) as session:
            stored = repo.load_state(session, key, lock=True)
            if stored is not None:
                state = ConversationState.from_dict(stored)
                state.active = active
                repo.save_state(session, key, state.to_dict(), self.clock())
            repo.set_family_reachable(session, key, active)

    def delivered(self, once: str, count: int) -> None:
        """`count` more replies of the update `once` reached the user (not sent again).

        Without the database the count is lost: a re-run would send those replies again,
        which is better than not sending the rest now.
        """
        try:
            with transaction(self.engine) as session:
                inbox_repo.delivered(session, once, count)
        except SQLAlchemyError:
            log.warning("database unreachable: a delivery was not counted")

    def handle(
        self, channel: str, user_id: str, turn: Turn, once: str | None = None
    ) -> list[Reply]:
        """Answer one turn of one user.

        The state is read locked and saved in one transaction (`repo.lock_state` says
        why): turns of one user handled by several processes at once follow each other.
        `once`: the channel's id of the update (an inbox row); a turn handled before is
        not run again — its stored replies not yet `delivered` are returned, to be sent.
        """
        who = Who(self.key(channel, user_id), channel, user_id if channel in DELIVERABLE else None)
        try:
            self.purge_if_due()
            index = self.catalog.current()
            memory = self.examples.current() if self.examples is not None else None
        except SQLAlchemyError:
            log.error("database unreachable (user %s)", log_key(who.key))
            return self._safety_net(turn)
        stage, state = "load", ConversationState()
        new_state, effects = state, list[Effect]()
        try:
            with transaction(self.engine) as session:
                now = self.clock()
                stored = repo.lock_state(session, who.key, now)
                previous = inbox_repo.answered(session, once) if once else None
                if previous is not None:
                    return [_reply_of(data) for data in previous]
                roles = roles_repo.roles_of(session, who.key)
                state = ConversationState.from_dict(stored) if stored else ConversationState()
                state.active = True
                stage = "step"
                new_state, effects = step(state, turn, self._context(who, index, roles, memory))
                stage = "store"
                replies = self._carry_out(session, who, roles, new_state, effects, index)
                if replies and state.location_offered and not new_state.location_offered:
                    replies[0] = dataclasses.replace(replies[0], close_keyboard=True)
                if once:
                    inbox_repo.record(session, once, [dataclasses.asdict(r) for r in replies], now)
            return replies
        except SQLAlchemyError:
            if stage == "load":
                log.error("database unreachable (user %s)", log_key(who.key))
                return self._safety_net(turn)
            if stage == "step":
                log.exception("unexpected error in the dialogue (user %s)", log_key(who.key))
                return self._safety_net(turn, state.language)
            log.exception("storage failed (user %s)", log_key(who.key))
        except Exception:
            if stage != "store":
                log.exception("unexpected error in the dialogue (user %s)", log_key(who.key))
                return self._safety_net(turn, state.language if stage == "step" else None)
            log.exception("unexpected error (user %s)", log_key(who.key))
        # the step's emergency numbers never depend on storing anything
        language = new_state.language or turn.language_hint or "de"
        emergency = [
            Reply(self.renderer.emergency(e.kind, language, new_state.pregnant), language=language)
            for e in effects
            if isinstance(e, ShowEmergency)
        ]
        return [*emergency, self._error(language)]

    def _context(self, who: Who, index: OfferIndex, roles: Roles, memory: Any) -> Context:
        return Context(
            self.analyzer,
            index,
            self.settings.conversation_days,
            self.settings.handoff_days,
            today=lambda: self.clock().date(),
            roles=roles,
            memory=memory,
            case_lookup=lambda: self._open_case(who.key),
            translate=lambda message, lang: self.renderer.plain_text(Msg(message), lang),
        )

    def _error(self, language: str) -> Reply:
        return Reply(self.renderer.text(Msg(m.ERROR_GENERIC), language), language=language)

    def _open_case(self, key: str) -> Case | None:
        with transaction(self.engine) as session:
            return cases_repo.latest_open_case(session, key)

    def _safety_net(self, turn: Turn, language: str | None = None) -> list[Reply]:
        """Without the database (or after a fault): emergency numbers when needed, an apology."""
        hint = language or turn.language_hint or None
        result = self.analyzer.analyze(turn.text or "", language_hint=hint)
        language = result.language if turn.text else (hint or "de")
        kind = result.crisis_kind if result.crisis else SAFETY_KIND if result.safety else None
        if result.crisis or result.safety:
            return [
                Reply(self.renderer.emergency(kind, language, result.pregnant), language=language),
                Reply(self.renderer.text(Msg(m.CRISIS_AFTER), language), language=language),
            ]
        return [self._error(language)]

    def _carry_out(
        self,
        session: Session,
        who: Who,
        roles: Roles,
        state: ConversationState,
        effects: list[Effect],
        index: OfferIndex,
    ) -> list[Reply]:
        language = state.language or "de"
        replies: list[Reply] = []
        now = self.clock()
        erased = False

        def say(msg: Msg) -> None:
            replies.append(Reply(self.renderer.text(msg, language), language=language))

        network = counting.network_of_state(state, index)
        # in the turn's transaction (`handle`), under the conversation's lock
        for effect in effects:
            if isinstance(effect, ShowEmergency):
                text = self.renderer.emergency(effect.kind, language, state.pregnant)
                replies.append(Reply(text, language=language))
            elif isinstance(effect, Say):
                say(effect.msg)
            elif isinstance(effect, Ask):
                options = tuple(
                    Option(c.id, self.renderer.choice(c, language)) for c in effect.choices
                )
                text = self.renderer.text(effect.msg, language)
                replies.append(Reply(text, options, language, request_location=effect.location))
            elif isinstance(effect, ShowOffers):
                replies.extend(self._cards(effect, index, language))
            elif isinstance(effect, OpenHandoff):
                say(store_handoff(session, self.renderer, who, effect.draft, index, now))
                replies[-1] = dataclasses.replace(replies[-1], outbox=True)
            elif isinstance(effect, StoreQuestion):
                repo.store_question(
                    session,
                    who.key,
                    mask_personal_data(effect.text[:4096]),
                    effect.language,
                    effect.place,
                    dict(effect.guesses),
                    now,
                    network,
                )
            elif isinstance(effect, RecordUnmetNeed):
                repo.record_unmet_need(
                    session, effect.needs, effect.place, effect.language, now, network
                )
            elif isinstance(effect, EraseUserData):
                repo.erase_user(session, who.key)
                erased = True
            elif isinstance(effect, RedeemInvitation):
                say(self._redeem(session, who.key, effect, index, now))
            elif isinstance(effect, Relay):
                actor = casework.Actor(who.key, roles, address=who.address)
                answer = casework.relay_in(session, effect.reference, actor, effect.text, now)
                say(_relay_message(answer))
                replies[-1] = dataclasses.replace(replies[-1], outbox=True)
        if not erased:
            counting.count_turn(session, state, effects, roles, now, network)
            repo.save_state(session, who.key, state.to_dict(), now)
        return replies

    def _cards(self, effect: ShowOffers, index: OfferIndex, language: str) -> list[Reply]:
        replies = []
        for ranked in effect.offers:
            if effect.contacts_only:
                text = self.renderer.contact_card(ranked.offer, language)
                replies.append(Reply(text, language=language, card=True))
                continue
            text = self.renderer.card(ranked, index.data, language, effect.with_reasons)
            if effect.bilingual and language != "de":
                german = self.renderer.card(ranked, index.data, "de")
                text = f"{text}\n\n— Deutsch —\n{german}"
            offer_id = ranked.offer.id if effect.shareable else None
            replies.append(Reply(text, language=language, offer_id=offer_id, card=True))
        return replies

    def _redeem(
        self,
        session: Session,
        key: str,
        effect: RedeemInvitation,
        index: OfferIndex,
        now: dt.datetime,
    ) -> Msg:
        grant = roles_repo.redeem(session, effect.code, effect.role, key, now)
        if grant is None:
            log.info("an invitation link was refused (user %s)", log_key(key))
            return Msg(m.INVITATION_INVALID)
        log.info("user %s became %s", log_key(key), grant.role)
        if grant.role == COORDINATOR and grant.network:
            network = index.data.network(grant.network)
            return Msg(
                m.INVITED_COORDINATOR,
                {
                    "name": Verbatim(grant.name or ""),
                    "network": Verbatim(network.name if network else grant.network),
                },
            )
        return Msg(m.INVITED_PROFESSIONAL)


def store_handoff(
    session: Session,
    renderer: Renderer,
    who: Who,
    draft: HandoffDraft,
    index: OfferIndex,
    now: dt.datetime,
) -> Msg:
    """Store consent and hand-off (merging a recent one); return the confirmation."""
    summary_de = renderer.with_style(PLAIN).param(Lines(draft.summary, language="de"), "de")
    repo.add_consent(session, who.key, "handoff", CONSENT_WORDING, draft.language, now)
    fields: dict[str, Any] = {
        "network_id": draft.network,
        "needs": ",".join(draft.needs),
        "place": draft.place,
        "child_age_months": draft.child_age_months,
        "pregnant": draft.pregnant,
        "language": draft.language,
        "contact_method": draft.contact_method,
        "phone": draft.phone,
        "times": draft.times,
        "summary_de": summary_de,
        "channel": who.channel if who.address else None,
        "address": who.address,
    }
    stored = repo.save_handoff(session, who.key, fields, now)
    log.info("hand-off %s stored for network %s", stored.reference, draft.network)
    if stored.merged:
        outbox_repo.enqueue(
            session, "case_update", casework.COORDINATOR_CHANNEL, stored.reference, {}, now
        )
        return Msg(m.HANDOFF_MERGED, {"reference": Verbatim(stored.reference)})
    casework.announce_new(session, stored.reference, now)
    stats_repo.count(
        session, now, draft.network, report.HANDOFF_OPENED, draft.language, draft.place or ""
    )
    network = index.data.network(draft.network)
    contact = network.handoff_contact if network else None
    who_name = (contact.name or contact.department) if contact else None
    name = who_name or (network.name if network else "")
    return Msg(m.HANDOFF_SENT, {"contact": Verbatim(name), "reference": Verbatim(stored.reference)})


def _reply_of(data: dict[str, Any]) -> Reply:
    """A reply stored as a dict (`dataclasses.asdict`) again."""
    options = tuple(Option(**option) for option in data.get("options", ()))
    return Reply(**{**data, "options": options})


def _relay_message(answer: casework.CaseAnswer) -> Msg:
    """What the writer of a passed-on message is told."""
    case = answer.case
    if answer.status == casework.UNREACHABLE:
        return Msg(m.RELAY_UNDELIVERABLE)
    if not answer.ok or case is None:
        return Msg(m.RELAY_REFUSED)
    if answer.by_family:
        return Msg(m.RELAYED_TO_PERSON, {"name": Verbatim(case.claimed_by or "")})
    return Msg(m.RELAYED_TO_FAMILY)
