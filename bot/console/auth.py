"""Logging in to the console: hashed passwords, lock-out, sessions, CSRF tokens.

Passwords are hashed with Argon2id (argon2-cffi). After `MAX_FAILURES` wrong
passwords an account is locked for `LOCK_MINUTES`, whatever is typed meanwhile. The
session cookie is HttpOnly, Secure and SameSite=Strict; every form carries the
session's CSRF token and a post without it is refused.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from bot.casework.service import Actor
from bot.domain.roles import ADMIN, COORDINATOR, Grant, Roles
from bot.storage import accounts_repo
from bot.storage.accounts_repo import Account
from bot.storage.db import aware

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 12
_HASHER = PasswordHasher()
# compared against when the user name is unknown, so that both take the same time
_DUMMY = _HASHER.hash("lotse-no-such-user")


def hash_password(password: str) -> str:
    """An Argon2id hash of a password."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


@dataclass(frozen=True)
class Login:
    """The outcome of a login attempt."""

    account: Account | None
    locked: bool = False


def log_in(session: Session, username: str, password: str, now: dt.datetime) -> Login:
    """Check a user name and password, counting failures and locking after too many."""
    row = accounts_repo.by_username(session, username.strip())
    if row is None:
        _verify(_DUMMY, password)
        return Login(None)
    if row.locked_until is not None and aware(row.locked_until) > now:
        return Login(None, locked=True)
    if not _verify(row.password_hash, password):
        row.failed_logins += 1
        if row.failed_logins >= MAX_FAILURES:
            row.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            row.failed_logins = 0
            return Login(None, locked=True)
        return Login(None)
    row.failed_logins = 0
    row.locked_until = None
    row.last_login_at = now
    if _HASHER.check_needs_rehash(row.password_hash):
        row.password_hash = _HASHER.hash(password)
    return Login(accounts_repo.as_account(row))


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def same_token(expected: str, given: str | None) -> bool:
    """Compare CSRF tokens in constant time."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def actor_of(account: Account) -> Actor:
    """The case-work actor of a console account."""
    if account.role == ADMIN:
        grants: tuple[Grant, ...] = (Grant(ADMIN, None, account.display_name),)
    else:
        grants = tuple(Grant(COORDINATOR, n, account.display_name) for n in account.networks)
    return Actor(f"console:{account.id}", Roles(grants), name=account.display_name)
