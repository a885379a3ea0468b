"""Run the Alembic migrations programmatically (`lotse db upgrade`).

Alembic is imported only to migrate: telling whether a schema is current (every start)
reads the `alembic_version` row and the newest file name of `migrations/versions/`
(`NNNN_name.py` holds revision `NNNN`; a test checks this against Alembic's head).

An empty embedded database is created from the models and stamped with the newest
revision (`create_fresh`) instead of replaying every migration: a fresh data folder
answers its first message sooner. A test checks that both give the same schema.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def alembic_config(engine: Engine) -> Config:
    """An Alembic config for our migrations that reuses `engine`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema to `revision`."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision` ("base" empties it)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None when it is empty."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return None if revision is None else str(revision)


def head_revision(engine: Engine) -> str | None:
    """The newest revision of the migrations, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def newest_revision() -> str:
    """The newest revision by file name, without importing Alembic."""
    found = (_REVISION_FILE.match(p.name) for p in (MIGRATIONS / "versions").iterdir())
    return max(m.group(1) for m in found if m)


def is_current(engine: Engine) -> bool:
    """Tell whether the schema is at the newest revision."""
    return current_revision(engine) == newest_revision()


def create_fresh(engine: Engine) -> None:
    """Create the newest schema in an empty database and record its revision, as Alembic does."""
    from bot.storage.models import Base

    versions = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    with engine.begin() as connection:
        if inspect(connection).get_table_names():
            raise RuntimeError("create_fresh needs an empty database")
        Base.metadata.create_all(connection)
        versions.create(connection)
        connection.execute(versions.insert().values(version_num=newest_revision()))
