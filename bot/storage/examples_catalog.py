"""The approved examples every message consults, reloaded when a coordinator approves more.

Like the offer catalog: the counter `data_version.examples` is checked at most once per
`check_seconds`; when it changed, the examples are read again, so a question assigned in
the console is understood by every worker at once.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.nlu.memory import ExampleMemory
from bot.storage.review_repo import approved_examples, examples_version
from bot.storage.versioned import VersionedCache


def _memory(session: Session, version: int) -> ExampleMemory:
    return ExampleMemory(version, tuple(approved_examples(session)))


class ExampleCatalog(VersionedCache[ExampleMemory]):
    """Hands out the current example memory of one database."""

    def __init__(self, engine: Engine, check_seconds: float = 1.0) -> None:
        super().__init__(engine, examples_version, _memory, check_seconds)
