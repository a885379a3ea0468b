"""`lotse chat`: talk to Lotse in the terminal; `lotse purge`: apply retention limits."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from bot.commands import add_command

# bot.nlu.language.SUPPORTED, without loading the language detector (a test compares them)
LANGUAGES = ("de", "en", "ar", "tr", "ru", "uk", "fa", "pl", "ro", "bg", "fr", "sq")


def register(commands: Any) -> None:
    """Add `chat` and `purge`."""
    chat = add_command(
        commands,
        "chat",
        "talk to Lotse in the terminal",
        "printf 'Hebamme gesucht\\nGummersbach\\n' | lotse chat   # one message per line",
        description="Talk to Lotse in the terminal: numbered options, one message per line "
        "when the input is piped (each line is echoed as `> …`).",
    )
    chat.add_argument("--lang", choices=LANGUAGES, help="start in this language")
    chat.add_argument("--professional", action="store_true", help="professional mode")
    chat.add_argument("--user", default="terminal", help="who is talking (for several chats)")
    chat.set_defaults(handler=run_chat)
    purge = add_command(
        commands, "purge", "delete data older than the retention limits", "lotse purge"
    )
    purge.set_defaults(handler=run_purge)


def run_chat(args: argparse.Namespace) -> int:
    """Converse on stdin/stdout; interactive on a terminal, one message per line otherwise."""
    from bot.channels.cli import TerminalChat
    from bot.dialogue.engine import Turn
    from bot.runtime import build_service, open_or_degraded
    from bot.settings import get_settings

    settings = get_settings()
    engine, ready = open_or_degraded(settings)
    if not ready:
        print(
            "lotse: the database is not reachable; Lotse answers emergencies and retries it "
            "with every message",
            file=sys.stderr,
        )
    try:
        interactive = sys.stdin.isatty()
        if interactive:
            print("Lotse – loading …", file=sys.stderr)
        service = build_service(settings, engine)
        chat = TerminalChat(service, sys.stdout, user=args.user)
        if args.professional and ready:
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
    from bot.storage.conversations_repo import Retention, purge_expired
    from bot.storage.db import transaction

    retention = Retention(settings.conversation_days, settings.handoff_days, settings.question_days)
    with transaction(engine) as session:
        return purge_expired(session, retention, dt.datetime.now(dt.UTC))


def run_purge(_args: argparse.Namespace) -> int:
    """Delete expired conversations, hand-offs, consents and review questions."""
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database

    settings = get_settings()
    engine = open_database(settings)
    try:
        counts = run_purge_quietly(engine, settings)
    finally:
        engine.dispose()
    print("purged: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0
