"""`lotse chat`: talk to Lotse in the terminal; `lotse purge`: apply retention limits."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from bot.channels.cli import TerminalChat
from bot.dialogue.engine import Turn
from bot.nlu.language import SUPPORTED
from bot.runtime import build_service
from bot.settings import get_settings
from bot.storage.bootstrap import open_database
from bot.storage.conversations_repo import Retention, purge_expired
from bot.storage.db import transaction


def register(commands: Any) -> None:
    """Add `chat` and `purge`."""
    chat = commands.add_parser("chat", help="talk to Lotse in the terminal")
    chat.add_argument("--lang", choices=SUPPORTED, help="start in this language")
    chat.add_argument("--professional", action="store_true", help="professional mode")
    chat.add_argument("--user", default="terminal", help="who is talking (for several chats)")
    chat.set_defaults(handler=run_chat)
    purge = commands.add_parser("purge", help="delete data older than the retention limits")
    purge.set_defaults(handler=run_purge)


def run_chat(args: argparse.Namespace) -> int:
    """Converse on stdin/stdout; interactive on a terminal, one message per line otherwise."""
    settings = get_settings()
    engine = open_database(settings)
    try:
        interactive = sys.stdin.isatty()
        if interactive:
            print("Lotse – loading …", file=sys.stderr)
        service = build_service(settings, engine)
        chat = TerminalChat(service, sys.stdout, user=args.user)
        if args.professional:
            service.grant_professional("cli", args.user)
        if args.lang:
            chat.send(Turn(choice=f"lang:{args.lang}"))
        elif interactive:
            chat.send(Turn(command="start"))
        prompt = "> " if interactive else ""
        if prompt:
            sys.stdout.write(prompt)
            sys.stdout.flush()
        chat.run(sys.stdin, prompt)
    except KeyboardInterrupt:
        return 130
    finally:
        engine.dispose()
    return 0


def run_purge_quietly(engine: Any, settings: Any) -> dict[str, int]:
    """Apply the retention limits now."""
    retention = Retention(settings.conversation_days, settings.handoff_days, settings.question_days)
    with transaction(engine) as session:
        return purge_expired(session, retention, dt.datetime.now(dt.UTC))


def run_purge(_args: argparse.Namespace) -> int:
    """Delete expired conversations, hand-offs, consents and review questions."""
    settings = get_settings()
    engine = open_database(settings)
    try:
        counts = run_purge_quietly(engine, settings)
    finally:
        engine.dispose()
    print("purged: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0
