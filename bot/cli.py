"""The `lotse` command: one place that wires the sub-commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import __version__
from bot.commands import chat, console, coordination, db, nlu, offers, rasa, roles, telegram
from bot.settings import get_settings
from bot.storage.bootstrap import DatabaseNotReady

MODULES = (chat, db, offers, nlu, rasa, telegram, roles, console, coordination)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="lotse",
        description="Lotse guides families to the early-help offers (Frühe Hilfen) of their town.",
    )
    parser.add_argument("--version", action="version", version=f"lotse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `lotse`; returns the exit code."""
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL, and Telegram's URLs carry the bot token
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.root.level))
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except DatabaseNotReady as error:
        print(f"lotse: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code
