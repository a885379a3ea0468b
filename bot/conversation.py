"""Carry out the dialogue's effects for any channel: storage, rendering, safety net.

`ConversationService.handle` loads the user's state, runs one `step`, executes the
effects in order (a hand-off is stored before its confirmation is rendered), saves the
state and returns channel-neutral `Reply` objects. When the database is unreachable, a
crisis message still gets the emergency numbers; anything else gets an apology that
names the emergency numbers too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

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
    Say,
    ShowEmergency,
    ShowOffers,
    StoreQuestion,
    Verbatim,
)
from bot.dialogue.engine import Context, Turn, step
from bot.dialogue.state import ConversationState
from bot.domain.index import OfferIndex
from bot.domain.privacy import log_key, mask_personal_data, user_key
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage import conversations_repo as repo
from bot.storage.catalog import OfferCatalog
from bot.storage.db import transaction

log = logging.getLogger(__name__)
CONSENT_WORDING = "handoff-v1"


@dataclass(frozen=True)
class Option:
    """A choice as the channel shows it: the id to send back and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Reply:
    """One message to send, with options (buttons) if any."""

    text: str
    options: tuple[Option, ...] = ()
    language: str = "de"


@dataclass
class Settings:
    """Retention and identity settings the service needs."""

    secret: str
    conversation_days: int = 30
    handoff_days: int = 90
    question_days: int = 180


@dataclass
class ConversationService:
    """One instance per process; `handle` is called once per incoming turn."""

    engine: Engine
    analyzer: Analyzer
    catalog: OfferCatalog
    renderer: Renderer
    settings: Settings
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
        """Switch a user to professional mode (more results, reasons shown)."""
        key = self.key(channel, user_id)
        with transaction(self.engine) as session:
            stored = repo.load_state(session, key)
            state = ConversationState.from_dict(stored) if stored else ConversationState()
            state.professional = True
            repo.save_state(session, key, state.to_dict(), self.clock())

    def handle(self, channel: str, user_id: str, turn: Turn) -> list[Reply]:
        """Answer one turn of one user."""
        key = self.key(channel, user_id)
        try:
            self.purge_if_due()
            with transaction(self.engine) as session:
                stored = repo.load_state(session, key)
            index = self.catalog.current()
        except SQLAlchemyError:
            log.error("database unreachable (user %s)", log_key(key))
            return self._without_database(turn)
        state = ConversationState.from_dict(stored) if stored else ConversationState()
        context = Context(
            self.analyzer,
            index,
            self.settings.conversation_days,
            self.settings.handoff_days,
            today=lambda: self.clock().date(),
        )
        try:
            new_state, effects = step(state, turn, context)
            return self._carry_out(key, new_state, effects, index)
        except SQLAlchemyError:
            log.exception("storage failed (user %s)", log_key(key))
        except Exception:
            log.exception("unexpected error (user %s)", log_key(key))
        language = state.language or turn.language_hint or "de"
        return [Reply(self.renderer.text(Msg(m.ERROR_GENERIC), language), language=language)]

    def _without_database(self, turn: Turn) -> list[Reply]:
        hint = turn.language_hint or None
        result = self.analyzer.analyze(turn.text or "", language_hint=hint)
        language = result.language if turn.text else (hint or "de")
        if result.crisis:
            return [
                Reply(
                    self.renderer.emergency(result.crisis_kind, language, result.pregnant),
                    language=language,
                ),
                Reply(self.renderer.text(Msg(m.CRISIS_AFTER), language), language=language),
            ]
        return [Reply(self.renderer.text(Msg(m.ERROR_GENERIC), language), language=language)]

    def _carry_out(
        self, key: str, state: ConversationState, effects: list[Effect], index: OfferIndex
    ) -> list[Reply]:
        language = state.language or "de"
        replies: list[Reply] = []
        now = self.clock()
        erased = False
        with transaction(self.engine) as session:
            for effect in effects:
                if isinstance(effect, ShowEmergency):
                    text = self.renderer.emergency(effect.kind, language, state.pregnant)
                    replies.append(Reply(text, language=language))
                elif isinstance(effect, Say):
                    replies.append(
                        Reply(self.renderer.text(effect.msg, language), language=language)
                    )
                elif isinstance(effect, Ask):
                    options = tuple(
                        Option(c.id, self.renderer.choice(c, language)) for c in effect.choices
                    )
                    replies.append(
                        Reply(self.renderer.text(effect.msg, language), options, language)
                    )
                elif isinstance(effect, ShowOffers):
                    for ranked in effect.offers:
                        text = self.renderer.card(ranked, index.data, language, effect.with_reasons)
                        if effect.bilingual and language != "de":
                            german = self.renderer.card(ranked, index.data, "de")
                            text = f"{text}\n\n— Deutsch —\n{german}"
                        replies.append(Reply(text, language=language))
                elif isinstance(effect, OpenHandoff):
                    replies.append(
                        Reply(
                            self.renderer.text(
                                store_handoff(
                                    session, self.renderer, key, effect.draft, index, now
                                ),
                                language,
                            ),
                            language=language,
                        )
                    )
                elif isinstance(effect, StoreQuestion):
                    repo.store_question(
                        session,
                        key,
                        mask_personal_data(effect.text)[:2000],
                        effect.language,
                        effect.place,
                        dict(effect.guesses),
                        now,
                    )
                elif isinstance(effect, RecordUnmetNeed):
                    repo.record_unmet_need(
                        session, effect.needs, effect.place, effect.language, now
                    )
                elif isinstance(effect, EraseUserData):
                    repo.erase_user(session, key)
                    erased = True
            if not erased:
                repo.save_state(session, key, state.to_dict(), now)
        return replies


def store_handoff(
    session: Session,
    renderer: Renderer,
    key: str,
    draft: HandoffDraft,
    index: OfferIndex,
    now: dt.datetime,
) -> Msg:
    """Store consent and hand-off (merging a recent one); return the confirmation message."""
    summary_de = renderer.param(Lines(draft.summary, language="de"), "de")
    repo.add_consent(session, key, "handoff", CONSENT_WORDING, draft.language, now)
    stored = repo.save_handoff(
        session,
        key,
        {
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
        },
        now,
    )
    log.info("hand-off %s stored for network %s", stored.reference, draft.network)
    if stored.merged:
        return Msg(m.HANDOFF_MERGED, {"reference": Verbatim(stored.reference)})
    network = index.data.network(draft.network)
    contact = network.handoff_contact if network else None
    who = (contact.name or contact.department) if contact else (network.name if network else "")
    return Msg(
        m.HANDOFF_SENT, {"contact": Verbatim(who or ""), "reference": Verbatim(stored.reference)}
    )
