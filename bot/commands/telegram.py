"""`lotse telegram`: run the Telegram bot (long polling)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.channels.telegram import ALLOWED_UPDATES, HTML_STYLE, build_application
from bot.channels.turns import ProcessRunner
from bot.runtime import build_service
from bot.settings import get_settings
from bot.storage.bootstrap import open_database


def register(commands: Any) -> None:
    """Add `telegram`."""
    parser = commands.add_parser("telegram", help="run the Telegram bot (polling or webhook)")
    parser.add_argument("--webhook", metavar="URL", help="public HTTPS URL; webhook mode")
    parser.add_argument("--listen", default="127.0.0.1", help="address of the webhook server")
    parser.add_argument("--port", type=int, default=8443, help="port of the webhook server")
    parser.add_argument("--path", default="telegram", help="URL path of the webhook")
    parser.set_defaults(handler=run_telegram)


def run_telegram(args: argparse.Namespace) -> int:
    """Poll Telegram (or LOTSE_TELEGRAM_API_URL), or serve a webhook, until interrupted."""
    settings = get_settings()
    if not settings.telegram_token:
        print("lotse telegram: set LOTSE_TELEGRAM_TOKEN (from @BotFather)", file=sys.stderr)
        return 2
    engine = open_database(settings)
    try:
        service = build_service(settings, engine, HTML_STYLE)
        app = build_application(
            service,
            settings.telegram_token,
            settings.telegram_api_url,
            remind_after_days=settings.handoff_reminder_days,
            turns=ProcessRunner(settings.telegram_workers, "html")
            if settings.telegram_workers > 1
            else None,
        )
        updates = ALLOWED_UPDATES
        if args.webhook:
            if not settings.telegram_secret:
                print("lotse telegram: webhook mode needs LOTSE_TELEGRAM_SECRET", file=sys.stderr)
                return 2
            app.run_webhook(
                listen=args.listen, port=args.port, url_path=args.path,
                secret_token=settings.telegram_secret, webhook_url=args.webhook,
                allowed_updates=updates,
            )  # fmt: skip
        else:
            app.run_polling(allowed_updates=updates)
    finally:
        engine.dispose()
    return 0
