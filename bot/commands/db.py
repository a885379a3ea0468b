"""`lotse db upgrade|status`: the database schema."""

from __future__ import annotations

import argparse
from typing import Any

from bot.commands import add_command, add_group


def register(commands: Any) -> None:
    """Add the `db` sub-commands."""
    sub = add_group(commands, "db", "database schema", "lotse db status")
    add_command(
        sub, "upgrade", "migrate the schema to the newest version", "lotse db upgrade"
    ).set_defaults(handler=run_upgrade)
    add_command(sub, "status", "show the schema version", "lotse db status").set_defaults(
        handler=run_status
    )


def run_upgrade(_args: argparse.Namespace) -> int:
    """Migrate the configured database to the newest schema."""
    from bot.settings import get_settings
    from bot.storage.db import make_engine
    from bot.storage.migrate import current_revision, upgrade

    engine = make_engine(get_settings().effective_database_url)
    try:
        upgrade(engine)
        shown = engine.url.render_as_string(hide_password=True)
        print(f"database schema at {current_revision(engine)} ({shown})")
    finally:
        engine.dispose()
    return 0


def run_status(_args: argparse.Namespace) -> int:
    """Print the schema version of the configured database."""
    from bot.settings import get_settings
    from bot.storage.db import make_engine
    from bot.storage.migrate import current_revision, head_revision

    engine = make_engine(get_settings().effective_database_url)
    try:
        current, head = current_revision(engine), head_revision(engine)
        state = "current" if current == head else "needs `lotse db upgrade`"
        print(f"schema {current or 'none'} of {head}: {state}")
    finally:
        engine.dispose()
    return 0
