"""A new embedded database starts as a copy of the demo database built into the package.

Creating the schema and importing the shipped offers takes about a third of a second on
first start, before the family's first answer; copying a file takes milliseconds. The
copy (`data/demo.sqlite.z`, written by `lotse offers snapshot`) begins with the digest of
the offer files and of the code that builds it; when the configured offer folder or the
code differs, nothing is copied and the database is built and imported as before. A test
fails while the copy is older than its sources. After copying, the import's moments are
set to now and its file list to the configured folder's, as an import would have.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine, update

from bot import compiled
from bot.curation.load import curated_files

log = logging.getLogger(__name__)

SNAPSHOT = files("bot.storage") / "data" / "demo.sqlite.z"
# the moment written while building; replaced by the first start's own
BUILT_AT = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# the code whose change changes what a fresh database holds
_CODE_PACKAGES = ("bot.storage", "bot.curation")
_CODE_FILES = (("bot.domain", "offers.py"), ("bot.domain", "needs.py"), ("bot.domain", "places.py"))


def _sources(offers_dir: Path) -> Iterator[Path]:
    for path in sorted(offers_dir.rglob("*")):
        if path.is_file():
            yield path
    for package in _CODE_PACKAGES:
        root = Path(str(files(package)))
        yield from sorted(root.glob("*.py"))
        yield from sorted((root / "migrations" / "versions").glob("*.py"))
    for package, name in _CODE_FILES:
        yield Path(str(files(package) / name))


def snapshot_digest(offers_dir: Path) -> str:
    """A fingerprint of the offer folder's files and the code that fills a database."""
    return compiled.digest_of(_sources(offers_dir))


def snapshot_current(offers_dir: Path) -> bool:
    """Whether the shipped copy was built from this offer folder and today's code."""
    return compiled.current(SNAPSHOT, snapshot_digest(offers_dir))


def write_snapshot(offers_dir: Path) -> int:
    """Build a database from `offers_dir` and store it as the shipped copy; its offer count."""
    from bot.storage.db import make_engine
    from bot.storage.importing import import_offers
    from bot.storage.migrate import create_fresh
    from bot.storage.models import ImportRow

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite"
        engine = make_engine(f"sqlite:///{path}")
        try:
            create_fresh(engine)
            result = import_offers(engine, [offers_dir], now=BUILT_AT)
            if result.summary is None:
                problems = "; ".join(str(p) for p in result.curated.problems[:5])
                raise ValueError(f"the offers do not validate: {problems}")
            names = json.dumps([p.name for p in result.curated.files])  # no path of this machine
            with engine.begin() as connection:
                connection.execute(update(ImportRow).values(files=names))
            with engine.connect() as connection:
                connection.exec_driver_sql("VACUUM")
        finally:
            engine.dispose()
        compiled.write(SNAPSHOT, snapshot_digest(offers_dir), path.read_bytes())
    return result.summary.added


def start_from_snapshot(engine: Engine, offers_dir: Path) -> bool:
    """Copy the shipped database to the engine's new SQLite file, if it is current.

    Only for a file that does not exist yet; False (and nothing written) otherwise.
    """
    database = engine.url.database
    if not database or database == ":memory:" or not offers_dir.is_dir():
        return False
    target = Path(database)
    if target.exists():
        return False
    raw = compiled.read(SNAPSHOT, snapshot_digest(offers_dir), bytes)
    if not isinstance(raw, bytes):
        return False
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.write_bytes(raw)
    try:
        os.link(partial, target)  # fails if another process created the database meanwhile
    except OSError:  # that, or a file system without links: build it as before
        return False
    finally:
        partial.unlink()
    _as_if_imported_now(engine, offers_dir)
    log.info("started the new database from the shipped demo offers")
    return True


def _as_if_imported_now(engine: Engine, offers_dir: Path) -> None:
    from bot.storage.db import transaction
    from bot.storage.models import DataVersion, ImportRow, ServiceRow

    now = dt.datetime.now(dt.UTC)
    shown = json.dumps([str(p) for p in curated_files([offers_dir])], ensure_ascii=False)
    with transaction(engine) as session:
        session.execute(update(ImportRow).values(imported_at=now, files=shown))
        session.execute(update(ServiceRow).values(updated_at=now))
        session.execute(update(DataVersion).values(changed_at=now))
