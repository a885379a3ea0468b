"""`lotse db upgrade|status`: the database schema."""

from __future__ import annotations

import argparse
from typing import Any

from bot.settings import get_settings
from bot.storage.db import make_engine
from bot.storage.migrate import current_revision, head_revision, upgrade


def register(commands: Any) -> None:
    """Add the `db` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser("db", help="database schema")
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    sub.add_parser("upgrade", help="migrate the schema to the newest version").set_defaults(
        handler=run_upgrade
    )
    sub.add_parser("status", help="show the schema version").set_defaults(handler=run_status)


def run_upgrade(_args: argparse.Namespace) -> int:
    """Migrate the configured database to the newest schema."""
    engine = make_engine(get_settings().effective_database_url)
    try:
        upgrade(engine)
        print(f"database schema at {current_revision(engine)} ({engine.url.render_as_string()})")
    finally:
        engine.dispose()
    return 0


def run_status(_args: argparse.Namespace) -> int:
    """Print the schema version of the configured database."""
    engine = make_engine(get_settings().effective_database_url)
    try:
        current, head = current_revision(engine), head_revision(engine)
        state = "current" if current == head else "needs `lotse db upgrade`"
        print(f"schema {current or 'none'} of {head}: {state}")
    finally:
        engine.dispose()
    return 0
