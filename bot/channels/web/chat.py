"""One web chat turn: check the request, count it, hand it to the conversation service.

The browser keeps a random session token in its storage (no cookie). Lotse never stores
the token: the chat's user id is its SHA-256 (the "address" that later messages are
delivered to), and the conversation's key is the HMAC pseudonym of that id, as for every
channel. Texts longer than `MAX_TEXT` characters are refused with a translated answer.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from babel import negotiate_locale

from bot.casework.notices import NoticeRenderer
from bot.channels.web import mailbox
from bot.channels.web.limits import Limits, RateLimiter
from bot.conversation import ConversationService, Reply
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.dialogue.engine import COMMANDS, Turn
from bot.i18n.catalogs import is_rtl
from bot.nlu.language import SUPPORTED
from bot.storage import conversations_repo
from bot.storage.db import transaction

CHANNEL = "web"
MAX_TEXT = 4096
MAX_CHOICE = 200
TOKEN = re.compile(r"[A-Za-z0-9_-]{32,128}")
NETWORK = re.compile(r"[a-z0-9_-]{1,60}")
OK, INVALID, LIMITED, TOO_LONG = 200, 400, 429, 422


@dataclass(frozen=True)
class WebConfig:
    """How the web chat behaves: who may embed it, the rate limits, the retention."""

    embed_origins: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    retention_days: int = 30


@dataclass(frozen=True)
class Answer:
    """The HTTP status and the JSON body of one turn."""

    status: int
    body: dict[str, Any]


def address_of(token: str) -> str:
    """The chat's user id and delivery address: the SHA-256 of its token (hex)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def valid_token(token: str | None) -> bool:
    """Whether a session token has the form the page creates (random, URL-safe)."""
    return token is not None and TOKEN.fullmatch(token) is not None


def negotiate(accept_language: str | None) -> str | None:
    """The best of Lotse's languages for an `Accept-Language` header (babel's negotiation)."""
    preferred = []
    for part in (accept_language or "")[:500].split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag and weight > 0:
            preferred.append((weight, tag.strip().replace("_", "-")))
    ordered = [tag for _, tag in sorted(preferred, key=lambda p: -p[0])]
    found = negotiate_locale(ordered, list(SUPPORTED), sep="-")
    return found.split("-")[0] if found else None


def direction(language: str) -> str:
    """`rtl` for Arabic and Farsi, else `ltr`."""
    return "rtl" if is_rtl(language) else "ltr"


def reply_json(reply: Reply) -> dict[str, Any]:
    """A neutral reply as the browser gets it."""
    return {
        "text": reply.text,
        "options": [{"id": o.id, "label": o.label} for o in reply.options],
        "language": reply.language,
        "dir": direction(reply.language),
        "card": reply.card,
        "location": reply.request_location,
    }


def turn_of(request: Any, hint: str | None) -> Turn | str:
    """The turn a request body asks for, or why it is not one (INVALID / TOO_LONG)."""
    if not isinstance(request, dict):
        return "invalid"
    given = [k for k in ("text", "choice", "command", "location") if request.get(k) is not None]
    if len(given) != 1:
        return "invalid"
    kind = given[0]
    value = request[kind]
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            return "invalid"
        return "too_long" if len(value) > MAX_TEXT else Turn(text=value, language_hint=hint)
    if kind == "choice":
        if not isinstance(value, str) or not 0 < len(value) <= MAX_CHOICE:
            return "invalid"
        return Turn(choice=value, language_hint=hint)
    if kind == "command":
        return _command(value, hint)
    return _location(value, hint)


def _command(value: Any, hint: str | None) -> Turn | str:
    if not isinstance(value, str):
        return "invalid"
    words = value.lstrip("/").split()
    if not words or words[0] not in COMMANDS or len(words) > 2:
        return "invalid"
    if len(words) == 2:  # only `start net_<network>`: the network preselects the place
        network = words[1].removeprefix("net_")
        if words[0] != "start" or not words[1].startswith("net_"):
            return "invalid"
        if NETWORK.fullmatch(network) is None:
            return Turn(command="start", language_hint=hint)
    return Turn(command=" ".join(words), language_hint=hint)


def _location(value: Any, hint: str | None) -> Turn | str:
    if not isinstance(value, list) or len(value) != 2:
        return "invalid"
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return "invalid"
    latitude, longitude = float(value[0]), float(value[1])
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return "invalid"
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return "invalid"
    # kept rounded to about 1 km, like Telegram's (the page rounds before sending, too)
    return Turn(location=(round(latitude, 2), round(longitude, 2)), language_hint=hint)


@dataclass
class WebChat:
    """The web channel of one process: turns, labels, rate limits, the mailbox's renderer."""

    service: ConversationService
    config: WebConfig
    notices: NoticeRenderer
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(
            self.service.engine, self.service.settings.secret, self.config.limits
        )

    def text(self, message: str, language: str) -> str:
        """A family message in a language, without the outer direction marks."""
        return self.service.renderer.text(Msg(message), language, outer=False)

    def labels(self, language: str) -> dict[str, str]:
        """The page's own words in a language."""
        return {
            "title": self.text(m.WEB_TITLE, language),
            "message": self.text(m.WEB_MESSAGE_LABEL, language),
            "send": self.text(m.WEB_SEND, language),
            "location": self.text(m.CHOICE_SHARE_LOCATION, language),
            "location_failed": self.text(m.WEB_LOCATION_FAILED, language),
            "language": self.text(m.COMMAND_LANGUAGE, language),
            "privacy": self.text(m.COMMAND_PRIVACY, language),
            "delete": self.text(m.COMMAND_DELETE, language),
            "offline": self.text(m.WEB_OFFLINE, language),
        }

    def turn(self, token: str, client: str, request: Any, hint: str | None) -> Answer:
        """Answer one request of the page (blocking: run it in a thread)."""
        user = address_of(token)
        turn = turn_of(request, hint)
        if turn == "invalid":
            return Answer(INVALID, {"error": "invalid turn"})
        if not self.limiter.allow(user, client, self.service.clock()):
            return self._refused(user, hint, m.WEB_RATE_LIMITED, LIMITED, request)
        if turn == "too_long":
            return self._refused(user, hint, m.WEB_TOO_LONG, TOO_LONG, request)
        if not isinstance(turn, Turn):
            return Answer(INVALID, {"error": "invalid turn"})
        replies = self.service.handle(CHANNEL, user, turn)
        erased = turn.choice == "delete:yes" and self._erased(user)
        if erased:
            mailbox.erase(self.service.engine, user)
        language = replies[-1].language if replies else hint or "de"
        return Answer(
            OK,
            {
                "replies": [reply_json(r) for r in replies],
                "language": language,
                "dir": direction(language),
                "labels": self.labels(language),
                "erased": erased,
                "outbox": any(r.outbox for r in replies),
            },
        )

    def _erased(self, user: str) -> bool:
        with transaction(self.service.engine) as session:
            return conversations_repo.load_state(session, self.service.key(CHANNEL, user)) is None

    def _refused(
        self, user: str, hint: str | None, message: str, status: int, request: Any
    ) -> Answer:
        """A translated refusal; a message about acute danger still gets the numbers first."""
        language = self.service.language_of(CHANNEL, user, hint)
        replies = []
        text = request.get("text") if isinstance(request, dict) else None
        if isinstance(text, str):
            found = self.service.analyzer.analyze(text[:MAX_TEXT], language_hint=language)
            if found.crisis:
                emergency = self.service.renderer.emergency(
                    found.crisis_kind, language, found.pregnant
                )
                replies.append(Reply(emergency, language=language))
        replies.append(Reply(self.service.renderer.text(Msg(message), language), language=language))
        return Answer(
            status,
            {
                "replies": [reply_json(r) for r in replies],
                "language": language,
                "dir": direction(language),
                "labels": self.labels(language),
                "erased": False,
                "outbox": False,
            },
        )
