"""Logging in to the console: hashed passwords, lock-out, sessions, CSRF tokens.

Passwords are hashed with Argon2id (argon2-cffi). After `MAX_FAILURES` wrong
passwords an account is locked for `LOCK_MINUTES`, whatever is typed meanwhile — also
when the attempts arrive in parallel (see `log_in`); a disabled account cannot log in.
`LoginLimiter` also limits the attempts per client address. The
session cookie is HttpOnly, Secure and SameSite=Strict; every form carries the
session's CSRF token and a post without it is refused.
"""

from __future__ import annotations

import datetime as dt
import hmac
import threading
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from bot.casework.service import Actor
from bot.domain.roles import ADMIN, COORDINATOR, Grant, Roles
from bot.storage import accounts_repo
from bot.storage.accounts_repo import Account
from bot.storage.db import transaction

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


def log_in(engine: Engine, username: str, password: str, now: dt.datetime) -> Login:
    """Check a user name and password, counting failures and locking after too many.

    The lock-out must hold when many attempts arrive at once (threads of one console,
    or several consoles on one database). A read-modify-write of `failed_logins` does
    not: every attempt read the same count. Each attempt therefore first counts itself,
    in its own short transaction, with one conditional `UPDATE … SET failed_logins =
    failed_logins + 1 WHERE failed_logins < 5 AND not locked RETURNING …`: PostgreSQL
    re-checks the WHERE on the row a concurrent UPDATE left behind, SQLite runs one
    writer at a time, so at most `MAX_FAILURES` attempts are ever counted and only
    those get their password checked; the others are refused as locked. A right
    password takes the count back to 0 — with a conditional UPDATE that fails if the
    account was locked meanwhile, so no login succeeds once the lock is reached. This
    was chosen over `SELECT … FOR UPDATE`, which SQLite lacks and which would hold a
    lock (on SQLite the whole database) during the slow Argon2 check.

    An attempt counts as a failure from the moment its password is checked, until it
    turns out right: when `MAX_FAILURES` are counted (also while some are still being
    checked) the next wrong password or the next attempt locks the account.
    """
    with transaction(engine) as db:
        target = accounts_repo.login_target(db, username.strip())
    if target is None or target.disabled:
        _verify(_DUMMY, password)
        return Login(None)
    until = now + dt.timedelta(minutes=LOCK_MINUTES)
    with transaction(engine) as db:
        claimed = accounts_repo.claim_attempt(db, target.id, MAX_FAILURES, now)
        if not claimed:
            accounts_repo.lock_if_exhausted(db, target.id, MAX_FAILURES, until, now)
    if not claimed:
        return Login(None, locked=True)
    if not _verify(target.password_hash, password):
        with transaction(engine) as db:
            locked = accounts_repo.lock_if_exhausted(db, target.id, MAX_FAILURES, until, now)
        return Login(None, locked=locked)
    with transaction(engine) as db:
        account = accounts_repo.complete_login(db, target.id, now)
        if account is not None and _HASHER.check_needs_rehash(target.password_hash):
            accounts_repo.set_password_hash(db, target.id, _HASHER.hash(password))
    if account is None:  # locked (or disabled) while the password was checked
        with transaction(engine) as db:
            again = accounts_repo.login_target(db, username.strip())
        return Login(None, locked=again is not None and not again.disabled)
    return Login(account)


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


class LoginLimiter:
    """At most `limit` login attempts per client address within `window` (sliding).

    `lotse console` serves from one process (one uvicorn worker), so a window kept in
    memory is exact and needs no extra server; the per-account lock-out, which must also
    hold across processes, lives in the database (`log_in`). Behind a reverse proxy on
    this machine uvicorn takes the address from `X-Forwarded-For`.
    """

    def __init__(self, limit: int, window: dt.timedelta, max_addresses: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_addresses = max_addresses
        self._lock = threading.Lock()
        self._seen: dict[str, deque[dt.datetime]] = {}

    def allow(self, address: str, now: dt.datetime) -> bool:
        """Count an attempt from `address`; False (and not counted) beyond the limit."""
        with self._lock:
            times = self._seen.setdefault(address, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            if len(self._seen) > self.max_addresses:
                self._forget(now)
            return True

    def _forget(self, now: dt.datetime) -> None:
        """Drop addresses without recent attempts (and the oldest, if still too many)."""
        fresh = {k: v for k, v in self._seen.items() if v and v[-1] > now - self.window}
        if len(fresh) > self.max_addresses:
            newest = sorted(fresh.items(), key=lambda kv: kv[1][-1])[-self.max_addresses // 2 :]
            fresh = dict(newest)
        self._seen = fresh


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
