"""`lotse console` and `lotse coordinators`: the coordinators' web console and its accounts."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from typing import Any

from bot.console.app import create_app
from bot.console.auth import hash_password
from bot.console.web import Console, ConsoleConfig
from bot.domain.roles import ADMIN, COORDINATOR
from bot.settings import Settings, get_settings
from bot.storage import accounts_repo
from bot.storage.bootstrap import open_database
from bot.storage.db import transaction
from bot.storage.models import NetworkRow


def register(commands: Any) -> None:
    """Add `console` and `coordinators`."""
    console = commands.add_parser("console", help="serve the coordinators' web console")
    console.add_argument("--host", default="127.0.0.1", help="address to listen on")
    console.add_argument("--port", type=int, default=8080)
    console.set_defaults(handler=run_console)
    accounts = commands.add_parser("coordinators", help="console accounts")
    sub = accounts.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="create an account (the password is asked for)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the name colleagues and families see")
    add.add_argument("--network", action="append", default=[], help="a network (repeatable)")
    add.add_argument("--admin", action="store_true", help="may see and work every network")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(handler=run_add)
    sub.add_parser("list", help="every account").set_defaults(handler=run_list)


def console_config(settings: Settings) -> ConsoleConfig:
    """The console's behaviour from the settings."""
    return ConsoleConfig(
        secure_cookies=settings.console_secure_cookies,
        session_hours=settings.console_session_hours,
        fresh_months=settings.offer_fresh_months,
        report_min_count=settings.report_min_count,
    )


def run_console(args: argparse.Namespace) -> int:
    """Serve the console until interrupted."""
    import uvicorn

    settings = get_settings()
    engine = open_database(settings)
    try:
        app = create_app(Console(engine, settings.locales_dir, console_config(settings)))
        print(f"Lotse console on http://{args.host}:{args.port}/", file=sys.stderr)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    finally:
        engine.dispose()
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Create a coordinator or administrator account."""
    if not args.admin and not args.network:
        print("lotse coordinators add: give --network (or --admin)", file=sys.stderr)
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("Again: ") != password:
            print("lotse coordinators add: the passwords differ", file=sys.stderr)
            return 2
    try:
        hashed = hash_password(password)
    except ValueError as error:
        print(f"lotse coordinators add: {error}", file=sys.stderr)
        return 2
    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            unknown = [n for n in args.network if session.get(NetworkRow, n) is None]
            if unknown:
                print(
                    f"lotse coordinators add: unknown network {', '.join(unknown)}", file=sys.stderr
                )
                return 2
            role = ADMIN if args.admin else COORDINATOR
            account = accounts_repo.add_account(
                session,
                args.username,
                args.name,
                hashed,
                role,
                args.network,
                dt.datetime.now(dt.UTC),
            )
    except ValueError as error:
        print(f"lotse coordinators add: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    where = "every network" if args.admin else ", ".join(account.networks)
    print(f"account {account.username} ({account.display_name}) for {where}")
    return 0


def run_list(_args: argparse.Namespace) -> int:
    """Print every account."""
    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            found = accounts_repo.list_accounts(session)
    finally:
        engine.dispose()
    for account in found:
        networks = ", ".join(account.networks) or "all"
        print(f"{account.username}\t{account.display_name}\t{account.role}\t{networks}")
    if not found:
        print("no accounts")
    return 0
