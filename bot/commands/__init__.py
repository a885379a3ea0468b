"""Sub-commands of `lotse`, one module per topic; each has `register(subparsers)`.

A module's top level defines only its arguments (argparse), so `lotse --help` starts fast;
each handler imports the stack it needs (storage, Telegram, the console, Rasa) itself.
Expected failures are raised as `CommandError` and printed by `bot/cli.py` as one line.
"""

from __future__ import annotations

import argparse
from typing import Any

SUPPRESS = argparse.SUPPRESS
USAGE = 2  # exit code of a wrong argument: an unknown id, a missing file, a missing option
FAILURE = 1  # exit code of a failure: the work could not be done


class CommandError(Exception):
    """An expected failure: `lotse: error: MESSAGE` on stderr, then exit `code`."""

    def __init__(self, message: str, code: int = FAILURE) -> None:
        super().__init__(message)
        self.code = code


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default (when it has one) and keeps the example's line breaks."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        if text is None or "%(default)" in text or action.default in (None, False, [], SUPPRESS):
            return text
        if action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
            return f"{text} (default: %(default)s)"
        return text


def add_command(commands: Any, name: str, help: str, example: str, **options: Any) -> Any:
    """A sub-command parser whose help shows defaults and ends with one example."""
    parser = commands.add_parser(
        name,
        help=help,
        description=options.pop("description", help[0].upper() + help[1:] + "."),
        epilog=f"example:\n  {example}",
        formatter_class=HelpFormatter,
        **options,
    )
    return parser


def add_group(commands: Any, name: str, help: str, example: str) -> Any:
    """A sub-command with actions of its own (`lotse offers …`); returns its subparsers."""
    parser = add_command(commands, name, help, example)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)
