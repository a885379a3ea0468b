"""Repository for console accounts and their browser sessions (only hashes are stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
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
    disabled: bool = False


def as_account(row: AccountRow) -> Account:
    """The plain view of a stored account."""
    networks = tuple(n.network_id for n in row.networks)
    disabled = row.disabled_at is not None
    return Account(row.id, row.username, row.display_name, row.role, networks, disabled)


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


@dataclass(frozen=True)
class LoginTarget:
    """What a login attempt needs to know of an account before checking the password."""

    id: int
    password_hash: str
    disabled: bool


def login_target(session: Session, username: str) -> LoginTarget | None:
    """The account a login attempt names, or None."""
    row = session.execute(
        select(AccountRow.id, AccountRow.password_hash, AccountRow.disabled_at).where(
            AccountRow.username == username
        )
    ).first()
    return None if row is None else LoginTarget(row[0], row[1], row[2] is not None)


def _unlocked(now: dt.datetime) -> Any:
    return or_(AccountRow.locked_until.is_(None), AccountRow.locked_until <= now)


def claim_attempt(session: Session, account_id: int, limit: int, now: dt.datetime) -> bool:
    """Count a login attempt before its password is checked (one atomic UPDATE).

    False, and nothing counted, when the account is locked or `limit` attempts are
    already counted; concurrent callers can never count more than `limit`.
    """
    claimed = session.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id, AccountRow.failed_logins < limit, _unlocked(now))
        .values(failed_logins=AccountRow.failed_logins + 1)
        .returning(AccountRow.failed_logins)
        .execution_options(synchronize_session=False)
    ).first()
    return claimed is not None


def lock_if_exhausted(
    session: Session, account_id: int, limit: int, until: dt.datetime, now: dt.datetime
) -> bool:
    """Lock the account until `until` if `limit` attempts are counted (atomic); True if so."""
    locked = session.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id, AccountRow.failed_logins >= limit, _unlocked(now))
        .values(locked_until=until, failed_logins=0)
        .returning(AccountRow.id)
        .execution_options(synchronize_session=False)
    ).first()
    return locked is not None


def complete_login(session: Session, account_id: int, now: dt.datetime) -> Account | None:
    """Reset the count after a right password, unless the account got locked or disabled."""
    done = session.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id, AccountRow.disabled_at.is_(None), _unlocked(now))
        .values(failed_logins=0, locked_until=None, last_login_at=now)
        .returning(AccountRow.id)
        .execution_options(synchronize_session=False)
    ).first()
    row = session.get(AccountRow, account_id) if done is not None else None
    return None if row is None else as_account(row)


def set_password_hash(session: Session, account_id: int, password_hash: str) -> None:
    """Store a new hash of the same password (after a hasher upgrade)."""
    session.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id)
        .values(password_hash=password_hash)
        .execution_options(synchronize_session=False)
    )


def end_sessions(session: Session, account_id: int) -> int:
    """Log every browser of an account out; return how many sessions ended."""
    result = session.execute(delete(WebSessionRow).where(WebSessionRow.account_id == account_id))
    return int(getattr(result, "rowcount", 0) or 0)


def set_disabled(session: Session, username: str, now: dt.datetime | None) -> Account | None:
    """Disable an account (`now`) and end its sessions, or enable it (None); None if unknown."""
    row = by_username(session, username)
    if row is None:
        return None
    if now is None:
        row.disabled_at = None
    else:
        row.disabled_at = row.disabled_at or now
        end_sessions(session, row.id)
    session.flush()
    return as_account(row)


def reset_password(session: Session, username: str, password_hash: str) -> Account | None:
    """Give an account a new password, lift a lock-out and end its sessions; None if unknown."""
    row = by_username(session, username)
    if row is None:
        return None
    row.password_hash = password_hash
    row.failed_logins = 0
    row.locked_until = None
    end_sessions(session, row.id)
    session.flush()
    return as_account(row)


def remove_account(session: Session, username: str) -> Account | None:
    """Delete an account with its networks and sessions; None if unknown."""
    row = by_username(session, username)
    if row is None:
        return None
    account = as_account(row)
    end_sessions(session, row.id)
    session.delete(row)
    session.flush()
    return account


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
    if account is None or account.disabled_at is not None:
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
