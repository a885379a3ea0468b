"""`lotse web`: the web chat for families without Telegram (a page, an embed, a JSON API)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from bot.commands import USAGE, CommandError, add_command

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.channels.web.chat import WebChat
    from bot.settings import Settings

ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def register(commands: Any) -> None:
    """Add `web`."""
    web = add_command(
        commands,
        "web",
        "serve the web chat for families (a page, an embeddable frame and its API)",
        "lotse web --port 8090   # then open http://127.0.0.1:8090/chat?net=gummersbach",
    )
    web.add_argument("--host", default="127.0.0.1", help="address to listen on")
    web.add_argument("--port", type=int, default=8090, help="port to listen on")
    web.set_defaults(handler=run_web)


def embed_origins(value: str) -> tuple[str, ...]:
    """The origins of `LOTSE_WEB_EMBED_ORIGINS`; a malformed one is a usage error."""
    origins = tuple(o.rstrip("/") for o in re.split(r"[\s,]+", value.strip()) if o)
    wrong = [o for o in origins if ORIGIN.fullmatch(o) is None]
    if wrong:
        raise CommandError(
            f"LOTSE_WEB_EMBED_ORIGINS: not an origin like https://www.example.de: {wrong[0]!r}",
            USAGE,
        )
    return origins


def build_web_chat(settings: Settings, engine: Engine) -> WebChat:
    """The web channel over the conversation service of every channel."""
    from bot.casework.notices import NoticeRenderer
    from bot.channels.web.chat import WebChat, WebConfig
    from bot.channels.web.limits import Limits
    from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES
    from bot.i18n.render import Renderer
    from bot.runtime import build_service, warm_up

    service = build_service(settings, engine)
    warm_up(service.analyzer, service.renderer)
    staff = Renderer(service.renderer.locales, domain=STAFF_DOMAIN, languages=STAFF_LANGUAGES)
    config = WebConfig(
        embed_origins=embed_origins(settings.web_embed_origins),
        limits=Limits(settings.web_session_turns, settings.web_address_turns),
        retention_days=settings.conversation_days,
    )
    return WebChat(service, config, NoticeRenderer(service.renderer, staff))


def run_web(args: argparse.Namespace) -> int:
    """Serve the web chat until interrupted."""
    import uvicorn

    from bot.channels.web.app import create_app
    from bot.runtime import open_or_degraded
    from bot.settings import get_settings

    settings = get_settings()
    embed_origins(settings.web_embed_origins)  # a wrong setting fails before any work
    engine, ready = open_or_degraded(settings)
    try:
        app = create_app(build_web_chat(settings, engine))
        if not ready:
            print("database not ready: answering with the emergency numbers", file=sys.stderr)
        base = f"http://{args.host}:{args.port}"
        print(f"Lotse web chat on {base}/chat  (embed: {base}/embed.js)", file=sys.stderr)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    finally:
        engine.dispose()
    return 0
