"""`lotse invite` and `lotse roles`: who may work as a professional or a coordinator."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from bot.commands import USAGE, CommandError, add_command, add_group
from bot.domain.roles import COORDINATOR, PROFESSIONAL


def register(commands: Any) -> None:
    """Add `invite` and `roles`."""
    invite = add_command(
        commands,
        "invite",
        "create an invitation link for Telegram",
        'lotse invite coordinator --network gummersbach --name "Thomas Schulte" --bot LotseBot',
    )
    invite.add_argument("role", choices=(PROFESSIONAL, COORDINATOR), help="the role it grants")
    invite.add_argument("--network", required=True, help="network id (see offers_data/)")
    invite.add_argument(
        "--name", help="the coordinator's name, shown to families (needed for a coordinator)"
    )
    invite.add_argument("--uses", type=int, default=1, help="how many people may use it")
    invite.add_argument("--days", type=int, default=14, help="days the link stays valid")
    invite.add_argument(
        "--bot", default=None, help="the bot's username (default: LOTSE_TELEGRAM_USERNAME)"
    )
    invite.set_defaults(handler=run_invite)
    sub = add_group(commands, "roles", "list or revoke roles", "lotse roles list")
    add_command(sub, "list", "every grant", "lotse roles list").set_defaults(handler=run_list)
    revoke = add_command(sub, "revoke", "remove one grant", "lotse roles revoke 3")
    revoke.add_argument("id", type=int, help="the grant's id (first column of `roles list`)")
    revoke.set_defaults(handler=run_revoke)


def run_invite(args: argparse.Namespace) -> int:
    """Print a one-time (or N-time) invitation deep link."""
    from bot.commands.common import require_network
    from bot.domain.roles import invitation_payload
    from bot.settings import get_settings
    from bot.storage import roles_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    if args.role == COORDINATOR and not args.name:
        raise CommandError("a coordinator invitation needs --name", USAGE)
    if args.uses < 1 or args.days < 1:
        raise CommandError("--uses and --days must be at least 1", USAGE)
    settings = get_settings()
    engine = open_database(settings)
    try:
        require_network(engine, args.network)
        with transaction(engine) as session:
            code = roles_repo.create_invitation(
                session,
                args.role,
                args.network,
                args.name,
                args.uses,
                args.days,
                "cli",
                dt.datetime.now(dt.UTC),
            )
    finally:
        engine.dispose()
    payload = invitation_payload(args.role, code)
    bot = args.bot or settings.telegram_username
    print(f"https://t.me/{bot}?start={payload}" if bot else f"/start {payload}")
    print(
        f"valid for {args.days} days, {args.uses} use(s); the code is not shown again",
        file=sys.stderr,
    )
    return 0


def run_list(_args: argparse.Namespace) -> int:
    """Print every grant (users only as short pseudonyms)."""
    from bot.settings import get_settings
    from bot.storage import roles_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            listing = roles_repo.list_roles(session)
    finally:
        engine.dispose()
    for grant in listing:
        print(
            f"{grant.id}\t{grant.role}\t{grant.network or '-'}\t{grant.name or '-'}\t"
            f"{grant.user}\t{grant.granted_at:%Y-%m-%d}\t{grant.granted_by}"
        )
    if not listing:
        print("no roles granted")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Remove one grant by its id."""
    from bot.settings import get_settings
    from bot.storage import roles_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            found = roles_repo.revoke(session, args.id)
    finally:
        engine.dispose()
    if not found:
        raise CommandError(f"no grant {args.id} (see `lotse roles list`)", USAGE)
    print(f"revoked {args.id}")
    return 0
