"""`lotse console` and `lotse coordinators`: the coordinators' web console and its accounts."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.commands import add_command, add_group
from bot.domain.roles import ADMIN, COORDINATOR

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.console.web import ConsoleConfig
    from bot.settings import Settings
    from bot.storage.accounts_repo import Account


def register(commands: Any) -> None:
    """Add `console` and `coordinators`."""
    console = add_command(
        commands,
        "console",
        "serve the coordinators' web console",
        "lotse console --port 8080   # then open http://127.0.0.1:8080/",
    )
    console.add_argument("--host", default="127.0.0.1", help="address to listen on")
    console.add_argument("--port", type=int, default=8080, help="port to listen on")
    console.set_defaults(handler=run_console)
    sub = add_group(
        commands,
        "coordinators",
        "console accounts",
        'lotse coordinators add erika --name "Erika Beispiel" --network gummersbach',
    )
    add = add_command(
        sub,
        "add",
        "create an account (the password is asked for)",
        'lotse coordinators add erika --name "Erika Beispiel" --network gummersbach',
    )
    add.add_argument("username", help="the name to log in with")
    add.add_argument("--name", required=True, help="the name colleagues and families see")
    add.add_argument("--network", action="append", default=[], help="a network (repeatable)")
    add.add_argument("--admin", action="store_true", help="may see and work every network")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(handler=run_add)
    add_command(sub, "list", "every account", "lotse coordinators list").set_defaults(
        handler=run_list
    )
    for name, handler, text in (
        ("disable", run_disable, "refuse the account's logins and end its sessions at once"),
        ("enable", run_enable, "allow a disabled account to log in again"),
        ("reset-password", run_reset, "set a new password (asked for) and end the sessions"),
        ("remove", run_remove, "delete the account and end its sessions"),
    ):
        action = add_command(sub, name, text, f"lotse coordinators {name} erika")
        action.add_argument("username", help="the account's log-in name")
        if name == "reset-password":
            action.add_argument(
                "--password-stdin", action="store_true", help="read the password from stdin"
            )
        action.set_defaults(handler=handler)


def console_config(settings: Settings) -> ConsoleConfig:
    """The console's behaviour from the settings."""
    from bot.console.web import ConsoleConfig

    return ConsoleConfig(
        secure_cookies=settings.console_secure_cookies,
        session_hours=settings.console_session_hours,
        fresh_months=settings.offer_fresh_months,
        report_min_count=settings.report_min_count,
    )


def run_console(args: argparse.Namespace) -> int:
    """Serve the console until interrupted."""
    import uvicorn

    from bot.console.app import create_app
    from bot.console.web import Console
    from bot.runtime import open_or_degraded
    from bot.settings import get_settings
    from bot.storage import accounts_repo
    from bot.storage.db import transaction

    settings = get_settings()
    engine, ready = open_or_degraded(settings)
    if not ready:
        print(
            "lotse: the database is not reachable; the console reports not ready (/readyz) "
            "and works again when it returns",
            file=sys.stderr,
        )
    try:
        if ready:
            with transaction(engine) as session:
                if not accounts_repo.list_accounts(session):
                    print(
                        "no console account yet: create the first one with\n"
                        '  lotse coordinators add admin --name "Your Name" --admin',
                        file=sys.stderr,
                    )
        app = create_app(Console(engine, settings.locales_dir, console_config(settings)))
        print(f"Lotse console on http://{args.host}:{args.port}/", file=sys.stderr)
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
    finally:
        engine.dispose()
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Create a coordinator or administrator account."""
    from bot.console.auth import hash_password
    from bot.settings import get_settings
    from bot.storage import accounts_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction
    from bot.storage.models import NetworkRow

    if not args.admin and not args.network:
        print("lotse coordinators add: give --network (or --admin)", file=sys.stderr)
        return 2
    password = ask_password(args.password_stdin)
    if password is None:
        return 1
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


class _PasswordError(Exception):
    """The new password could not be read."""


def _ask(prompt: str) -> str:
    """One answer: without echo on a terminal, else the next line of stdin (no prompt)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _read_password(from_stdin: bool) -> str:
    """The new password: a line of stdin, or asked twice (without echo on a terminal)."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise _PasswordError("no password on stdin")
        return line.rstrip("\n")
    try:
        password = _ask("Password (at least 12 characters): ")
        again = _ask("Again: ")
    except EOFError:
        if sys.stdin.isatty():
            print(file=sys.stderr)  # end the prompt's line
        raise _PasswordError("no password given") from None
    if again != password:
        raise _PasswordError("the passwords differ")
    return password


def ask_password(from_stdin: bool) -> str | None:
    """The new password, or None after printing why there is none."""
    try:
        return _read_password(from_stdin)
    except _PasswordError as error:
        print(f"lotse: error: {error}", file=sys.stderr)
        return None


def _change(username: str, change: Callable[[Session], Account | None]) -> Account | None:
    """Run a change of one account; print the error when there is no such account."""
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            account = change(session)
    finally:
        engine.dispose()
    if account is None:
        print(f"lotse: error: no account {username!r}", file=sys.stderr)
    return account


def run_disable(args: argparse.Namespace) -> int:
    """Disable an account: no more logins, its sessions end at once."""
    from bot.storage import accounts_repo

    now = dt.datetime.now(dt.UTC)
    found = _change(args.username, lambda s: accounts_repo.set_disabled(s, args.username, now))
    if found is None:
        return 1
    print(f"account {found.username} disabled; its sessions have ended")
    return 0


def run_enable(args: argparse.Namespace) -> int:
    """Enable a disabled account again."""
    from bot.storage import accounts_repo

    found = _change(args.username, lambda s: accounts_repo.set_disabled(s, args.username, None))
    if found is None:
        return 1
    print(f"account {found.username} enabled")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    """Give an account a new password; its sessions end and a lock-out is lifted."""
    from bot.console.auth import hash_password
    from bot.settings import get_settings
    from bot.storage import accounts_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            known = accounts_repo.by_username(session, args.username) is not None
    finally:
        engine.dispose()
    if not known:
        print(f"lotse: error: no account {args.username!r}", file=sys.stderr)
        return 1
    password = ask_password(args.password_stdin)
    if password is None:
        return 1
    try:
        hashed = hash_password(password)
    except ValueError as error:
        print(f"lotse: error: {error}", file=sys.stderr)
        return 1
    found = _change(args.username, lambda s: accounts_repo.reset_password(s, args.username, hashed))
    if found is None:
        return 1
    print(f"new password set for {found.username}; its sessions have ended")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Delete an account; its sessions end at once."""
    from bot.storage import accounts_repo

    found = _change(args.username, lambda s: accounts_repo.remove_account(s, args.username))
    if found is None:
        return 1
    print(f"account {found.username} removed")
    return 0


def run_list(_args: argparse.Namespace) -> int:
    """Print every account."""
    from bot.settings import get_settings
    from bot.storage import accounts_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            found = accounts_repo.list_accounts(session)
    finally:
        engine.dispose()
    for account in found:
        networks = ", ".join(account.networks) or "all"
        state = "\tdisabled" if account.disabled else ""
        print(f"{account.username}\t{account.display_name}\t{account.role}\t{networks}{state}")
    if not found:
        print("no accounts")
    return 0
