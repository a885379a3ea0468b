"""Monthly reports per network: the page, the CSV and `lotse report` show the same rows."""

from __future__ import annotations

import csv
import io

from sqlalchemy import Engine

from bot.casework.service import Actor
from bot.domain.report import CountIn, Report, build_report
from bot.storage import stats_repo
from bot.storage.db import transaction

CSV_HEADER = ("network", "month", "section", "key", "subkey", "value")


class Reports:
    """Reports of the networks an actor may see."""

    def __init__(self, engine: Engine, min_count: int = 5) -> None:
        self.engine = engine
        self.min_count = min_count

    def report(self, actor: Actor, network: str, month: str) -> Report | None:
        """One network's month, or None when the actor may not see that network."""
        if not actor.roles.coordinates(network):
            return None
        with transaction(self.engine) as session:
            counts = [
                CountIn(c.metric, c.language, c.place, c.detail, c.count)
                for c in stats_repo.counts_of(session, network, month)
            ]
            minutes = stats_repo.claim_minutes(session, network, month)
        return build_report(network, month, counts, minutes, self.min_count)

    def months(self, actor: Actor, network: str) -> list[str]:
        """Months with figures for a network (newest first)."""
        if not actor.roles.coordinates(network):
            return []
        with transaction(self.engine) as session:
            return stats_repo.months_with_counts(session, network)


def as_csv(report: Report) -> str:
    """The report as CSV: one line per figure, small counts suppressed as on the page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report.rows():
        writer.writerow(
            (report.network, report.month, row.section, row.key, row.subkey, row.cell.shown)
        )
    writer.writerow(
        (report.network, report.month, "handoffs", "median_hours_to_claim", "", report.median_claim)
    )
    return out.getvalue()
