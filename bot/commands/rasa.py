"""`lotse rasa-actions` (the action server) and `lotse rasa-init DIR` (a starter project)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from bot.commands import USAGE, CommandError, add_command


def register(commands: Any) -> None:
    """Add the Rasa sub-commands."""
    actions = add_command(
        commands,
        "rasa-actions",
        "run Lotse's Rasa action server",
        "lotse rasa-actions --port 5055   # endpoints.yml: http://127.0.0.1:5055/webhook",
    )
    actions.add_argument("--port", type=int, default=5055, help="port to listen on")
    actions.add_argument("--host", default="127.0.0.1", help="address to listen on")
    actions.set_defaults(handler=run_actions)
    init = add_command(
        commands,
        "rasa-init",
        "write a Rasa starter project",
        "lotse rasa-init my-assistant && cd my-assistant && rasa train",
    )
    init.add_argument("directory", type=Path, help="the project folder to write")
    init.set_defaults(handler=run_init)


def run_actions(args: argparse.Namespace) -> int:
    """Run `python -m rasa_sdk --actions bot.channels.rasa_actions` on 127.0.0.1."""
    try:
        from rasa_sdk.__main__ import main_from_args
        from rasa_sdk.endpoint import create_argument_parser
    except ImportError:
        raise CommandError("rasa-sdk is not installed: pip install 'lotse[rasa]'", USAGE) from None
    os.environ["SANIC_HOST"] = args.host
    parsed = create_argument_parser().parse_args(
        ["--actions", "bot.channels.rasa_actions", "--port", str(args.port)]
    )
    main_from_args(parsed)
    return 0


def run_init(args: argparse.Namespace) -> int:
    """Write the starter project."""
    from bot.channels.rasa_project import write_starter_project
    from bot.settings import get_settings

    written = write_starter_project(get_settings().intents_dir, args.directory)
    print(f"wrote {len(written)} file(s) to {args.directory}; see its README.md")
    return 0
