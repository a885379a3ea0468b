"""`lotse rasa-actions` (the action server) and `lotse rasa-init DIR` (a starter project)."""

from __future__ import annotations

import argparse
import sys
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
    """Serve `bot.channels.rasa_actions` (rasa-sdk's app) in one process until SIGTERM.

    One process, not Sanic's worker manager: the manager waits up to 15 s for its
    workers after SIGTERM; this stops within 2 s. More processes: run more instances.
    """
    try:
        from rasa_sdk import utils
        from rasa_sdk.endpoint import create_app, create_argument_parser
        from rasa_sdk.executor import ActionExecutor
        from rasa_sdk.plugin import plugin_manager
        from sanic import Sanic
    except ImportError:
        raise CommandError("rasa-sdk is not installed: pip install 'lotse[rasa]'", USAGE) from None
    parsed = create_argument_parser().parse_args(["--actions", "bot.channels.rasa_actions"])
    utils.configure_colored_logging(parsed.loglevel)
    executor = ActionExecutor()
    executor.register_package("bot.channels.rasa_actions")
    app = create_app(executor, cors_origins=parsed.cors)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    print(f"Lotse actions on http://{args.host}:{args.port}/webhook", file=sys.stderr)
    app.prepare(host=args.host, port=args.port, single_process=True, access_log=False, motd=False)
    Sanic.serve_single(app)
    return 0


def run_init(args: argparse.Namespace) -> int:
    """Write the starter project."""
    from bot.channels.rasa_project import write_starter_project
    from bot.settings import get_settings

    written = write_starter_project(get_settings().intents_dir, args.directory)
    print(f"wrote {len(written)} file(s) to {args.directory}; see its README.md")
    return 0
