"""Repository for console accounts and their browser sessions (only hashes are stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.db import aware
from bot.storage.models import AccountNetworkRow, AccountRow, WebSessionRow


@dataclass(frozen=True)
class Account:
    """A console user: name, role and networks (administrators see all)."""

    id: int
    username: str
    display_name: str
    role: str
    networks: tuple[str, ...]


def as_account(row: AccountRow) -> Account:
    """The plain view of a stored account."""
    networks = tuple(n.network_id for n in row.networks)
    return Account(row.id, row.username, row.display_name, row.role, networks)


def add_account(
    session: Session,
    username: str,
    display_name: str,
    password_hash: str,
    role: str,
    networks: Sequence[str],
    now: dt.datetime,
) -> Account:
    """Create an account; the username must be new."""
    if session.scalar(select(AccountRow.id).where(AccountRow.username == username)):
        raise ValueError(f"the user name {username!r} is taken")
    row = AccountRow(
        username=username,
        display_name=display_name,
        password_hash=password_hash,
        role=role,
        failed_logins=0,
        created_at=now,
    )
    row.networks = [AccountNetworkRow(network_id=n) for n in dict.fromkeys(networks)]
    session.add(row)
    session.flush()
    return as_account(row)


def by_username(session: Session, username: str) -> AccountRow | None:
    """The stored account with this user name."""
    return session.scalar(select(AccountRow).where(AccountRow.username == username))


def list_accounts(session: Session) -> list[Account]:
    """Every account, by user name."""
    return [
        as_account(r) for r in session.scalars(select(AccountRow).order_by(AccountRow.username))
    ]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class WebSession:
    """A logged-in browser: whose, its CSRF token and its language."""

    account: Account
    csrf_token: str
    language: str


def open_session(
    session: Session, account_id: int, language: str, now: dt.datetime, lifetime: dt.timedelta
) -> str:
    """Start a browser session; returns the cookie value (stored only as a hash)."""
    token = secrets.token_urlsafe(32)
    session.add(
        WebSessionRow(
            id=_hash(token),
            account_id=account_id,
            csrf_token=secrets.token_urlsafe(24),
            language=language,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    return token


def find_session(session: Session, token: str, now: dt.datetime) -> WebSession | None:
    """The live session of a cookie value, or None."""
    row = session.get(WebSessionRow, _hash(token))
    if row is None or aware(row.expires_at) <= now:
        return None
    account = session.get(AccountRow, row.account_id)
    if account is None:
        return None
    return WebSession(as_account(account), row.csrf_token, row.language)


def set_session_language(session: Session, token: str, language: str) -> None:
    """Remember a session's console language."""
    row = session.get(WebSessionRow, _hash(token))
    if row is not None:
        row.language = language


def close_session(session: Session, token: str) -> None:
    """Log a browser out."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.id == _hash(token)))


def purge_sessions(session: Session, now: dt.datetime) -> int:
    """Delete expired sessions."""
    result = session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)
