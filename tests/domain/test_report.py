"""The monthly report: sums, small counts suppressed alike on the page and in the CSV."""

from __future__ import annotations

from bot.casework.reports import as_csv
from bot.domain.report import CountIn, build_report


def counts() -> list[CountIn]:
    return [
        CountIn("conversation", "de", "", "", 9),
        CountIn("conversation", "ar", "", "", 3),
        CountIn("need", "ar", "Musterstadt", "midwife", 6),
        CountIn("need", "de", "Musterstadt", "midwife", 2),
        CountIn("need", "de", "Beispielhausen", "money", 1),
        CountIn("unmet", "uk", "Beispielhausen", "housing", 2),
        CountIn("handoff_opened", "ar", "Musterstadt", "", 7),
        CountIn("handoff_claimed", "ar", "", "", 5),
        CountIn("handoff_resolved", "ar", "", "reached", 4),
    ]


def test_sums_and_suppression() -> None:
    report = build_report("musterstadt", "2026-12", counts(), [30, 60, 90, 120, 600], 5)
    assert report.conversations.shown == "12"
    assert report.handoffs_opened.shown == "7"
    assert report.handoffs_resolved["reached"].shown == "< 5"
    by_language = {(n, lang): c.shown for n, lang, c in report.needs_by_language}
    assert by_language == {("midwife", "ar"): "6", ("midwife", "de"): "< 5", ("money", "de"): "< 5"}
    by_town = {(n, town): c.shown for n, town, c in report.needs_by_town}
    assert by_town[("midwife", "Musterstadt")] == "8"
    assert report.unmet[0][2].shown == "< 5" and report.unmet[0][2].bar == 0
    assert report.median_claim == "1.5 h"


def test_too_few_claims_hide_the_median() -> None:
    report = build_report("musterstadt", "2026-12", counts(), [30, 60], 5)
    assert report.median_claim == "–"


def test_the_csv_holds_exactly_the_rows_of_the_page() -> None:
    report = build_report("musterstadt", "2026-12", counts(), [], 5)
    lines = as_csv(report).strip().splitlines()
    assert lines[0] == "network,month,section,key,subkey,value"
    body = lines[1:-1]
    assert body == [
        f"musterstadt,2026-12,{r.section},{r.key},{r.subkey},{r.cell.shown}" for r in report.rows()
    ]
    assert "1" not in [line.rsplit(",", 1)[1] for line in body]  # never a bare small count
