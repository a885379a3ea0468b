"""The Alembic migrations create exactly the tables the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from bot.storage.db import make_engine
from bot.storage.migrate import (
    create_fresh,
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


def _schema(engine: Engine) -> dict[str, object]:
    """Every table's columns, keys, indexes and checks as the database reports them."""
    found = inspect(engine)
    return {
        table: (
            sorted(
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in found.get_columns(table)
            ),
            found.get_pk_constraint(table)["constrained_columns"],
            sorted(str(sorted(fk.items())) for fk in found.get_foreign_keys(table)),
            sorted(str(sorted(i.items())) for i in found.get_indexes(table)),
            sorted(str(sorted(u.items())) for u in found.get_unique_constraints(table)),
            sorted(str(sorted(c.items())) for c in found.get_check_constraints(table)),
        )
        for table in found.get_table_names()
    }


def test_a_fresh_database_made_from_the_models_equals_the_migrated_one(
    engine: Engine, tmp_path: Path
) -> None:
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrated = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    create_fresh(fresh)
    upgrade(migrated)
    assert _schema(fresh) == _schema(migrated)
    assert is_current(fresh) and current_revision(fresh) == head_revision(engine)
    upgrade(fresh)  # a later `lotse db upgrade` finds nothing to do
    assert current_revision(fresh) == head_revision(engine)
    fresh.dispose()
    migrated.dispose()
