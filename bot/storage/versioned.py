"""Data every message reads, kept in memory and reloaded when a counter in the database moves.

Each change (an import, an approval) bumps a counter; a worker checks the counter at
most once per `check_seconds` and reloads when it changed, so every worker sees the
change at once without reading everything for each message.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.storage.db import session_factory

T = TypeVar("T")


class VersionedCache(Generic[T]):
    """Hands out the current value, reloaded when the database's version changed."""

    def __init__(
        self,
        engine: Engine,
        version: Callable[[Session], int],
        load: Callable[[Session, int], T],
        check_seconds: float = 1.0,
    ) -> None:
        self._sessions = session_factory(engine)
        self._version = version
        self._load = load
        self._check_seconds = check_seconds
        self._value: tuple[int, T] | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def current(self) -> T:
        """The value of the newest version."""
        now = time.monotonic()
        cached = self._value
        if cached is not None and now - self._checked_at < self._check_seconds:
            return cached[1]
        with self._lock, self._sessions() as session:
            version = self._version(session)
            if self._value is None or self._value[0] != version:
                self._value = (version, self._load(session, version))
            self._checked_at = now
            return self._value[1]
