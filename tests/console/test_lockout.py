"""The login lock-out holds when many attempts arrive at once (real threads, real databases)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from bot.console import auth
from bot.console.auth import LOCK_MINUTES, MAX_FAILURES, Login, LoginLimiter, hash_password
from bot.storage import accounts_repo
from bot.storage.db import aware, transaction
from bot.storage.models import AccountRow

PASSWORD = "ein-sehr-langes-passwort"
WRONG = "falsches-passwort"
NOW = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
THREADS = 40


@pytest.fixture
def account(engine: Engine) -> int:
    with transaction(engine) as session:
        made = accounts_repo.add_account(
            session, "erika", "Erika", hash_password(PASSWORD), "coordinator", ["x"], NOW
        )
    return made.id


def stored(engine: Engine, account_id: int) -> AccountRow:
    with transaction(engine) as session:
        row = session.get(AccountRow, account_id)
        assert row is not None
        session.expunge(row)
        return row


def count_checks(monkeypatch: pytest.MonkeyPatch, before: Callable[[str], None]) -> list[str]:
    """Record every password checked against a real account's hash (not the dummy)."""
    checked: list[str] = []
    lock = threading.Lock()
    real = auth._verify

    def verify(hashed: str, password: str) -> bool:
        if hashed != auth._DUMMY:
            with lock:
                checked.append(password)
            before(password)
        return real(hashed, password)

    monkeypatch.setattr(auth, "_verify", verify)
    return checked


def attempt(engine: Engine, password: str) -> Login:
    return auth.log_in(engine, "erika", password, NOW)


def test_parallel_wrong_passwords_lock_after_exactly_five_checks(
    engine: Engine, account: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = count_checks(monkeypatch, lambda _: None)
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda _: attempt(engine, WRONG), range(60)))
    assert len(checked) == MAX_FAILURES
    assert all(r.account is None for r in results)
    assert sum(r.locked for r in results) >= 60 - MAX_FAILURES  # refused unchecked
    row = stored(engine, account)
    assert row.locked_until is not None
    assert aware(row.locked_until) == NOW + dt.timedelta(minutes=LOCK_MINUTES)
    assert row.last_login_at is None
    assert attempt(engine, PASSWORD) == Login(None, locked=True)
    assert len(checked) == MAX_FAILURES  # a locked account checks no password at all


def test_a_right_password_checked_after_the_lock_was_reached_does_not_log_in(
    engine: Engine, account: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong_answered = threading.Event()

    def hold_the_right_one(password: str) -> None:
        if password == PASSWORD:  # checked only once all 39 wrong attempts were answered
            assert wrong_answered.wait(120)

    checked = count_checks(monkeypatch, hold_the_right_one)
    answered = 0
    lock = threading.Lock()

    def wrong(_: int) -> Login:
        nonlocal answered
        result = attempt(engine, WRONG)
        with lock:
            answered += 1
            if answered == 39:
                wrong_answered.set()
        return result

    with ThreadPoolExecutor(THREADS) as pool:
        right = pool.submit(attempt, engine, PASSWORD)
        results = list(pool.map(wrong, range(39)))
    assert right.result() == Login(None, locked=True)
    assert all(r.account is None for r in results)
    assert len(checked) <= MAX_FAILURES
    row = stored(engine, account)
    assert row.locked_until is not None and aware(row.locked_until) > NOW
    assert row.last_login_at is None


def test_four_wrong_then_the_right_password_logs_in_and_resets_the_count(
    engine: Engine, account: int
) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert attempt(engine, WRONG) == Login(None)
    assert stored(engine, account).failed_logins == MAX_FAILURES - 1
    logged_in = attempt(engine, PASSWORD)
    assert logged_in.account is not None and logged_in.account.username == "erika"
    row = stored(engine, account)
    assert row.failed_logins == 0 and row.locked_until is None
    assert row.last_login_at is not None


def test_the_lock_ends_after_fifteen_minutes(engine: Engine, account: int) -> None:
    for _ in range(MAX_FAILURES):
        attempt(engine, WRONG)
    assert attempt(engine, PASSWORD).locked
    later = NOW + dt.timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert auth.log_in(engine, "erika", PASSWORD, later).account is not None


def test_a_disabled_account_cannot_log_in(engine: Engine, account: int) -> None:
    with transaction(engine) as session:
        accounts_repo.set_disabled(session, "erika", NOW)
    assert attempt(engine, PASSWORD) == Login(None)
    with transaction(engine) as session:
        accounts_repo.set_disabled(session, "erika", None)
    assert attempt(engine, PASSWORD).account is not None


def test_the_address_limit_counts_a_sliding_window() -> None:
    limiter = LoginLimiter(3, dt.timedelta(minutes=15))
    assert [limiter.allow("10.0.0.1", NOW) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("10.0.0.2", NOW)  # another address has its own budget
    assert limiter.allow("10.0.0.1", NOW + dt.timedelta(minutes=15, seconds=1))


def test_the_address_limit_forgets_old_addresses() -> None:
    limiter = LoginLimiter(1, dt.timedelta(minutes=15), max_addresses=10)
    for n in range(25):
        assert limiter.allow(f"10.0.0.{n}", NOW + dt.timedelta(minutes=n))
    assert len(limiter._seen) <= 11
