"""The Alembic migrations create exactly the tables the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from bot.storage.migrate import downgrade, is_current, upgrade
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
