"""The `lotse` command: one place that wires the sub-commands and reports their failures.

The sub-command modules define only their arguments at import time, so `lotse --help`
loads no database, Telegram, console or Rasa code. Expected failures (a `CommandError`,
an unreachable or old database, a missing file, the end of input at a prompt) print one
line `lotse: error: …` and exit 1 (2 for a wrong argument); `LOTSE_LOG_LEVEL=DEBUG`
shows the traceback instead.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from bot import __version__
from bot.commands import (
    FAILURE,
    USAGE,
    CommandError,
    HelpFormatter,
    chat,
    console,
    coordination,
    db,
    nlu,
    offers,
    rasa,
    roles,
    telegram,
    web,
)

MODULES = (chat, db, offers, nlu, rasa, telegram, web, roles, console, coordination)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="lotse",
        description="Lotse guides families to the early-help offers (Frühe Hilfen) of their town.",
        epilog="example:\n  lotse offers list --need midwife --place Gummersbach\n"
        "`lotse COMMAND --help` shows each command's options and an example.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lotse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `lotse`; returns the exit code."""
    args = build_parser().parse_args(argv)
    level = os.environ.get("LOTSE_LOG_LEVEL", "WARNING").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "WARNING",
        format="%(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL, and Telegram's URLs carry the bot token
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.root.level))
    # without a terminal getpass reads stdin; its warning would be a second line
    warnings.filterwarnings("ignore", category=getpass.GetPassWarning)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        found = expected_failure(error)
        if found is None or logging.root.level <= logging.DEBUG:
            raise
        message, code = found
        print(f"lotse: error: {message}", file=sys.stderr)
    return code


def expected_failure(error: BaseException) -> tuple[str, int] | None:
    """The one-line message and exit code for an expected failure; None for a bug."""
    if isinstance(error, CommandError):
        return str(error), error.code
    if isinstance(error, EOFError):
        return "the input ended before the answer was given", FAILURE
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.strerror or error}: {error.filename}", USAGE
    # only loaded when a command used them; an error cannot be of a type never imported
    bootstrap = sys.modules.get("bot.storage.bootstrap")
    if bootstrap is not None and isinstance(error, bootstrap.DatabaseNotReady):
        return str(error), USAGE
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is not None and isinstance(error, sqlalchemy_exc.OperationalError):
        return f"database unreachable: {database_shown()}", FAILURE
    return None


def database_shown() -> str:
    """The configured database URL without its password."""
    from sqlalchemy.engine import make_url

    from bot.settings import get_settings

    return make_url(get_settings().effective_database_url).render_as_string(hide_password=True)
