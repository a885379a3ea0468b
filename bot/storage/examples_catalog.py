"""The approved examples every message consults, reloaded when a coordinator approves more.

Like the offer catalog: a counter in the database (`data_version.examples`) is checked
at most once per `check_seconds`; when it changed, the examples are read again, so a
question assigned in the console is understood by every worker at once.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine

from bot.nlu.memory import ExampleMemory
from bot.storage.db import session_factory
from bot.storage.review_repo import approved_examples, examples_version


class ExampleCatalog:
    """Hands out the current example memory of one database."""

    def __init__(self, engine: Engine, check_seconds: float = 1.0) -> None:
        self._sessions = session_factory(engine)
        self._check_seconds = check_seconds
        self._memory: ExampleMemory | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def current(self) -> ExampleMemory:
        """The memory of the newest approvals."""
        now = time.monotonic()
        memory = self._memory
        if memory is not None and now - self._checked_at < self._check_seconds:
            return memory
        with self._lock, self._sessions() as session:
            version = examples_version(session)
            if self._memory is None or self._memory.version != version:
                self._memory = ExampleMemory(version, tuple(approved_examples(session)))
            self._checked_at = now
            return self._memory
