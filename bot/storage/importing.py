"""`lotse offers import`: validate everything first, then write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from bot.curation.load import Curated, load_curated
from bot.domain.offers import Offer
from bot.storage.db import transaction
from bot.storage.offers_repo import ImportSummary, replace_offers


@dataclass
class ImportResult:
    """The validation result and, when it was clean, what the import changed."""

    curated: Curated
    summary: ImportSummary | None


def import_offers(
    engine: Engine,
    paths: Sequence[Path],
    today: dt.date | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_offer: Callable[[Offer], None] | None = None,
    base: Path | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Import curated files: all or nothing. With any problem the database is untouched."""
    curated = load_curated(paths, today=today, on_file=on_file, base=base)
    if not curated.ok:
        return ImportResult(curated, None)
    shown = [str(p) for p in curated.files]
    with transaction(engine) as session:
        summary = replace_offers(
            session, curated.data, curated.places, shown, now=now, on_offer=on_offer
        )
    return ImportResult(curated, summary)
