"""The coordinators' monthly report, from anonymous counts; small counts suppressed.

A count below `min_count` (but above zero) is shown as "< 5", in the page and in the
CSV alike, so that no family can be recognised in a small town's figures. The page
and the CSV are both made from `Report.rows()`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

CONVERSATION = "conversation"
NEED = "need"
UNMET = "unmet"
UNANSWERED = "unanswered"
HANDOFF_OPENED = "handoff_opened"
HANDOFF_CLAIMED = "handoff_claimed"
HANDOFF_RESOLVED = "handoff_resolved"
METRICS = (CONVERSATION, NEED, UNMET, UNANSWERED, HANDOFF_OPENED, HANDOFF_CLAIMED, HANDOFF_RESOLVED)


@dataclass(frozen=True)
class Cell:
    """One figure, shown or suppressed."""

    value: int
    min_count: int

    @property
    def suppressed(self) -> bool:
        """Too small to show."""
        return 0 < self.value < self.min_count

    @property
    def shown(self) -> str:
        """The figure as the report shows it."""
        return f"< {self.min_count}" if self.suppressed else str(self.value)

    @property
    def bar(self) -> int:
        """The length of its bar (0 when suppressed)."""
        return 0 if self.suppressed else self.value


@dataclass(frozen=True)
class Row:
    """One line of the report: a section, up to two keys, a figure."""

    section: str
    key: str
    subkey: str
    cell: Cell


@dataclass(frozen=True)
class CountIn:
    """A stored count, as the report reads it."""

    metric: str
    language: str
    place: str
    detail: str
    count: int


@dataclass
class Report:
    """One network's month."""

    network: str
    month: str
    min_count: int
    conversations: Cell
    unanswered: Cell
    handoffs_opened: Cell
    handoffs_claimed: Cell
    handoffs_resolved: dict[str, Cell] = field(default_factory=dict)
    needs_by_language: list[tuple[str, str, Cell]] = field(default_factory=list)
    needs_by_town: list[tuple[str, str, Cell]] = field(default_factory=list)
    unmet: list[tuple[str, str, Cell]] = field(default_factory=list)
    median_claim_hours: float | None = None
    claims_counted: int = 0

    def rows(self) -> list[Row]:
        """Every figure of the report, in the order the page shows them."""
        out = [
            Row("conversations", "", "", self.conversations),
            Row("unanswered", "", "", self.unanswered),
            Row("handoffs", "opened", "", self.handoffs_opened),
            Row("handoffs", "claimed", "", self.handoffs_claimed),
        ]
        out += [
            Row("handoffs", "resolved", o, c) for o, c in sorted(self.handoffs_resolved.items())
        ]
        out += [Row("needs_by_language", n, lang, c) for n, lang, c in self.needs_by_language]
        out += [Row("needs_by_town", n, town, c) for n, town, c in self.needs_by_town]
        out += [Row("unmet", n, town, c) for n, town, c in self.unmet]
        return out

    @property
    def median_claim(self) -> str:
        """The median time to claim, or "–" when too few were claimed to show it."""
        if self.median_claim_hours is None:
            return "–"
        return f"{self.median_claim_hours:.1f} h"


def build_report(
    network: str,
    month: str,
    counts: Iterable[CountIn],
    claim_minutes: list[float],
    min_count: int = 5,
) -> Report:
    """Sum the counts of one network's month into the report."""
    sums: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for c in counts:
        sums[(c.metric, c.language, c.place, c.detail)] += c.count

    def total(metric: str) -> Cell:
        return Cell(sum(v for k, v in sums.items() if k[0] == metric), min_count)

    def table(metric: str, by: int) -> list[tuple[str, str, Cell]]:
        grouped: dict[tuple[str, str], int] = defaultdict(int)
        for (m, language, place, detail), value in sums.items():
            if m == metric:
                grouped[(detail, (language, place)[by] or "–")] += value
        rows = [(need, key, Cell(v, min_count)) for (need, key), v in grouped.items()]
        return sorted(rows, key=lambda r: (-r[2].value, r[0], r[1]))

    resolved: dict[str, int] = defaultdict(int)
    for (m, _, _, detail), value in sums.items():
        if m == HANDOFF_RESOLVED:
            resolved[detail] += value
    enough = len(claim_minutes) >= min_count
    return Report(
        network=network,
        month=month,
        min_count=min_count,
        conversations=total(CONVERSATION),
        unanswered=total(UNANSWERED),
        handoffs_opened=total(HANDOFF_OPENED),
        handoffs_claimed=total(HANDOFF_CLAIMED),
        handoffs_resolved={o: Cell(v, min_count) for o, v in resolved.items()},
        needs_by_language=table(NEED, 0),
        needs_by_town=table(NEED, 1),
        unmet=table(UNMET, 1),
        median_claim_hours=statistics.median(claim_minutes) / 60 if enough else None,
        claims_counted=len(claim_minutes),
    )
