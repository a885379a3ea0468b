"""`lotse telegram`: run the Telegram bot (long polling)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.channels.telegram import HTML_STYLE, build_application
from bot.runtime import build_service
from bot.settings import get_settings
from bot.storage.bootstrap import open_database


def register(commands: Any) -> None:
    """Add `telegram`."""
    parser = commands.add_parser("telegram", help="run the Telegram bot (long polling)")
    parser.set_defaults(handler=run_telegram)


def run_telegram(_args: argparse.Namespace) -> int:
    """Poll Telegram (or LOTSE_TELEGRAM_API_URL) until interrupted."""
    settings = get_settings()
    if not settings.telegram_token:
        print("lotse telegram: set LOTSE_TELEGRAM_TOKEN (from @BotFather)", file=sys.stderr)
        return 2
    engine = open_database(settings)
    try:
        service = build_service(settings, engine, HTML_STYLE)
        app = build_application(service, settings.telegram_token, settings.telegram_api_url)
        app.run_polling(allowed_updates=["message", "callback_query"])
    finally:
        engine.dispose()
    return 0
