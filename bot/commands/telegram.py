"""`lotse telegram`: run the Telegram bot (long polling, or a webhook server)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands import USAGE, CommandError, add_command


def register(commands: Any) -> None:
    """Add `telegram`."""
    parser = add_command(
        commands,
        "telegram",
        "run the Telegram bot (polling or webhook)",
        "LOTSE_TELEGRAM_TOKEN=123:abc lotse telegram   # long polling",
    )
    parser.add_argument("--webhook", metavar="URL", help="public HTTPS URL; webhook mode")
    parser.add_argument("--listen", default="127.0.0.1", help="address of the webhook server")
    parser.add_argument("--port", type=int, default=8443, help="port of the webhook server")
    parser.add_argument("--path", default="telegram", help="URL path of the webhook")
    parser.set_defaults(handler=run_telegram)


def run_telegram(args: argparse.Namespace) -> int:
    """Poll Telegram (or LOTSE_TELEGRAM_API_URL), or serve a webhook, until interrupted."""
    from bot.settings import get_settings

    settings = get_settings()
    if not settings.telegram_token:
        raise CommandError("set LOTSE_TELEGRAM_TOKEN (from @BotFather)", USAGE)
    if args.webhook and not settings.telegram_secret:
        raise CommandError("webhook mode needs LOTSE_TELEGRAM_SECRET", USAGE)
    import asyncio

    from bot.channels.telegram import ALLOWED_UPDATES, HTML_STYLE, build_application
    from bot.channels.telegram.server import Webhook, serve
    from bot.channels.turns import ProcessRunner
    from bot.runtime import build_service, open_or_degraded, warm_up

    engine, ready = open_or_degraded(settings)
    if not ready:
        print(
            "lotse: the database is not reachable; Lotse answers emergencies without it, "
            "reports not ready (/readyz) and recovers when it returns",
            file=sys.stderr,
        )
    try:
        service = build_service(settings, engine, HTML_STYLE)
        warm_up(service.analyzer, service.renderer)
        app = build_application(
            service,
            settings.telegram_token,
            settings.telegram_api_url,
            remind_after_days=settings.handoff_reminder_days,
            turns=ProcessRunner(settings.telegram_workers, "html")
            if settings.telegram_workers > 1
            else None,
        )
        webhook = None
        if args.webhook:
            secret = settings.telegram_secret or ""
            webhook = Webhook(args.webhook, secret, args.listen, args.port, args.path)
        asyncio.run(serve(app, engine, ALLOWED_UPDATES, webhook))
    finally:
        engine.dispose()
    return 0
