"""The per-user conversation state: plain data, stored as JSON by the channel's storage."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# stages of the conversation (see docs in bot/dialogue/README.md)
LISTENING = "listening"
ASK_PLACE = "ask_place"
ASK_AGE = "ask_age"
OFFERED = "offered"
CONSENT = "consent"
CONTACT_METHOD = "contact_method"
PHONE = "phone"
TIMES = "times"
CONFIRM = "confirm"
DELETE = "delete"
LANGUAGE = "language"
RELAY = "relay"
STAGES = (
    LISTENING,
    ASK_PLACE,
    ASK_AGE,
    OFFERED,
    CONSENT,
    CONTACT_METHOD,
    PHONE,
    TIMES,
    CONFIRM,
    DELETE,
    LANGUAGE,
    RELAY,
)


@dataclass
class ConversationState:
    """Everything Lotse remembers about one conversation (no message text)."""

    language: str | None = None
    language_confirmed: bool = False
    stage: str = LISTENING
    greeted: bool = False
    needs: list[str] = field(default_factory=list)
    place: str | None = None
    postcode: str | None = None
    child_age_months: int | None = None
    pregnant: bool = False
    age_asked: bool = False
    network: str | None = None
    contact_method: str | None = None
    phone: str | None = None
    times: str | None = None
    choices: list[str] = field(default_factory=list)
    page: int = 0
    shown: list[str] = field(default_factory=list)
    # a shared location, rounded to about 1 km; only used to sort offers by distance
    near: list[float] | None = None
    location_offered: bool = False
    # the case reference a message is being written for (family or coordinator)
    relay: str | None = None
    # not understood in a row: the second time brings the whole need menu
    fallbacks: int = 0
    # the family showed distress: a nationwide helpline is shown with local offers
    distress: bool = False
    # a professional's last quick search, for paging
    search: dict[str, Any] | None = None
    # False after the user blocked the bot: nothing is sent unasked
    active: bool = True
    # what this conversation already added to the monthly counts (no text, no user)
    stats_month: str | None = None
    stats_network: str | None = None
    stats_language: str | None = None
    stats_needs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationState:
        """Read a stored dict; unknown keys (from older versions) are ignored."""
        known = {f.name for f in dataclasses.fields(cls)}
        state = cls(**{k: v for k, v in data.items() if k in known})
        if state.stage not in STAGES:
            state.stage = LISTENING
        return state

    def restarted(self) -> ConversationState:
        """A fresh state that keeps only the language."""
        return ConversationState(
            language=self.language, language_confirmed=self.language_confirmed, greeted=True
        )
