"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys.

    `hide_parameters`: an error's text (and so every log of it) never holds the values of
    a statement, which may be a family's message, phone number or chat address; nor does
    PostgreSQL's DETAIL ("Failing row contains (…)"), which `_scrub_values` removes.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    event.listen(engine, "handle_error", _scrub_values)
    return engine


_VALUE_LINES = ("DETAIL:", "CONTEXT:")


def _scrub_values(context: ExceptionContext) -> None:
    """Drop the lines of a database error that quote values (PostgreSQL's DETAIL, CONTEXT)."""
    for error in (context.original_exception, context.sqlalchemy_exception):
        if error is not None and error.args and isinstance(error.args[0], str):
            lines = error.args[0].splitlines()
            kept = [line for line in lines if not line.lstrip().startswith(_VALUE_LINES)]
            if len(kept) != len(lines):
                error.args = ("\n".join(kept), *error.args[1:])


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose objects stay usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One session in one transaction: committed on success, rolled back on error."""
    with session_factory(engine).begin() as session:
        yield session


def aware(moment: dt.datetime) -> dt.datetime:
    """A stored moment as an aware UTC datetime (SQLite returns naive ones)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
