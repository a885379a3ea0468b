"""What the dialogue asks its channel to do: say, ask, show offers, store, erase.

The dialogue never performs I/O; `step` returns these effects and the channel (with
its storage) carries them out in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union

from bot.dialogue.messages import Plural
from bot.domain.matching import Ranked


@dataclass(frozen=True)
class LanguageName:
    """A language's name, rendered in the reader's language (or its own, `native`)."""

    code: str
    native: bool = False


@dataclass(frozen=True)
class Verbatim:
    """Text shown as it is (a phone number, a place name), never translated."""

    text: str


@dataclass(frozen=True)
class Lines:
    """Messages shown one per line, optionally always in one language (German summary)."""

    lines: tuple[Msg, ...]
    language: str | None = None


Param = Union[str, int, "Msg", LanguageName, Verbatim, Lines, tuple["Msg", ...]]


@dataclass(frozen=True)
class Msg:
    """A message id with its parameters, translated when rendered."""

    id: str | Plural
    params: Mapping[str, Param] = field(default_factory=dict)
    count: int | None = None


@dataclass(frozen=True)
class Choice:
    """One option: a stable id the channel sends back, and its label."""

    id: str
    label: Msg | LanguageName | Verbatim


@dataclass(frozen=True)
class Say:
    """Send a message."""

    msg: Msg


@dataclass(frozen=True)
class Ask:
    """Send a question with options (buttons, or numbered in the terminal).

    `location`: the channel may also offer to share the location (Telegram).
    """

    msg: Msg
    choices: tuple[Choice, ...]
    location: bool = False


@dataclass(frozen=True)
class ShowOffers:
    """Show offer cards (with reasons and a share button for professionals)."""

    offers: tuple[Ranked, ...]
    with_reasons: bool = False
    bilingual: bool = False
    shareable: bool = False
    contacts_only: bool = False  # name and how to reach it (a follow-up question)


@dataclass(frozen=True)
class ShowEmergency:
    """Send the emergency numbers for a kind of crisis. Needs no database."""

    kind: str | None


@dataclass(frozen=True)
class HandoffDraft:
    """A request for a person to contact the family, approved by the family."""

    network: str
    needs: tuple[str, ...]
    place: str | None
    child_age_months: int | None
    pregnant: bool
    language: str
    contact_method: str
    phone: str | None
    times: str | None
    summary: tuple[Msg, ...]


@dataclass(frozen=True)
class OpenHandoff:
    """Store the hand-off request, then confirm it to the family with its reference."""

    draft: HandoffDraft


@dataclass(frozen=True)
class StoreQuestion:
    """Keep a question Lotse could not answer for coordinator review (masked, anonymous)."""

    text: str
    language: str
    guesses: Mapping[str, float]
    place: str | None


@dataclass(frozen=True)
class RecordUnmetNeed:
    """Count that no local offer fits a need in a place."""

    needs: tuple[str, ...]
    place: str
    language: str


@dataclass(frozen=True)
class EraseUserData:
    """Delete every row of this user."""


@dataclass(frozen=True)
class RedeemInvitation:
    """Use an invitation link: the user becomes a professional or a coordinator."""

    role: str
    code: str


@dataclass(frozen=True)
class Relay:
    """Pass a message on between a family and the coordinator holding its case.

    The channel decides the direction from who writes, and refuses anyone else.
    """

    reference: str
    text: str


Effect = (
    Say
    | Ask
    | ShowOffers
    | ShowEmergency
    | OpenHandoff
    | StoreQuestion
    | RecordUnmetNeed
    | EraseUserData
    | RedeemInvitation
    | Relay
)
