"""The Alembic migrations create exactly the tables the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from bot.storage.migrate import (
    current_revision,
    downgrade,
    head_revision,
    is_current,
    newest_revision,
    upgrade,
)
from bot.storage.models import Base


def test_migrated_schema_equals_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_each_migration_can_be_undone_and_redone(engine: Engine) -> None:
    downgrade(engine, "base")
    assert not is_current(engine)
    upgrade(engine)
    assert is_current(engine)


def test_the_newest_migration_file_names_alembics_head(engine: Engine) -> None:
    """Starting reads the head from file names; they must agree with Alembic's own reading."""
    assert newest_revision() == head_revision(engine)
    assert current_revision(engine) == head_revision(engine)
    downgrade(engine, "0009")
    assert current_revision(engine) == "0009"
    assert not is_current(engine)
