"""`lotse invite` and `lotse roles`: who may work as a professional or a coordinator."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from sqlalchemy import select

from bot.domain.roles import COORDINATOR, PROFESSIONAL, invitation_payload
from bot.settings import get_settings
from bot.storage import roles_repo
from bot.storage.bootstrap import open_database
from bot.storage.db import transaction
from bot.storage.models import NetworkRow


def register(commands: Any) -> None:
    """Add `invite` and `roles`."""
    invite = commands.add_parser("invite", help="create an invitation link for Telegram")
    invite.add_argument("role", choices=(PROFESSIONAL, COORDINATOR))
    invite.add_argument("--network", required=True, help="network id (see offers_data/)")
    invite.add_argument("--name", help="the coordinator's name, shown to families (required)")
    invite.add_argument("--uses", type=int, default=1, help="how many people may use it")
    invite.add_argument("--days", type=int, default=14, help="days the link stays valid")
    invite.add_argument("--bot", default=None, help="the bot's username (LOTSE_TELEGRAM_USERNAME)")
    invite.set_defaults(handler=run_invite)
    roles = commands.add_parser("roles", help="list or revoke roles")
    sub = roles.add_subparsers(dest="roles_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="every grant").set_defaults(handler=run_list)
    revoke = sub.add_parser("revoke", help="remove one grant")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=run_revoke)


def run_invite(args: argparse.Namespace) -> int:
    """Print a one-time (or N-time) invitation deep link."""
    if args.role == COORDINATOR and not args.name:
        print("lotse invite: a coordinator invitation needs --name", file=sys.stderr)
        return 2
    if args.uses < 1 or args.days < 1:
        print("lotse invite: --uses and --days must be at least 1", file=sys.stderr)
        return 2
    settings = get_settings()
    engine = open_database(settings)
    try:
        with transaction(engine) as session:
            if session.get(NetworkRow, args.network) is None:
                known = ", ".join(session.scalars(select(NetworkRow.id).order_by(NetworkRow.id)))
                print(
                    f"lotse invite: unknown network {args.network!r}; known: {known}",
                    file=sys.stderr,
                )
                return 2
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
    engine = open_database(get_settings())
    try:
        with transaction(engine) as session:
            found = roles_repo.revoke(session, args.id)
    finally:
        engine.dispose()
    print(f"revoked {args.id}" if found else f"no grant {args.id}")
    return 0 if found else 1
