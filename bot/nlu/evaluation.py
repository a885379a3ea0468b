"""Score the understanding against labelled JSON Lines (format: docs/needs.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.nlu.analyzer import Analysis
from bot.nlu.labelled import Labelled


@dataclass
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Every figure `lotse nlu evaluate` prints, and the misses."""

    total: int = 0
    exact: int = 0
    per_need: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_language: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    per_language_needs: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counts))
    )
    crisis: Counts = field(default_factory=Counts)
    violence: Counts = field(default_factory=Counts)
    negatives: int = 0
    language: list[int] = field(default_factory=lambda: [0, 0])
    location: list[int] = field(default_factory=lambda: [0, 0])
    age: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """The mean F1 over the needs that occur in labels or predictions."""
        return _macro(self.per_need)

    def language_macro_f1(self, lang: str) -> float:
        """Macro-F1 of the needs within one language."""
        return _macro(self.per_language_needs[lang])

    @property
    def crisis_false_positive_rate(self) -> float:
        """Share of non-crisis messages flagged as crisis."""
        return self.crisis.fp / self.negatives if self.negatives else 0.0

    def as_json(self) -> dict[str, Any]:
        """All figures as one JSON-able dict."""
        return {
            "messages": self.total,
            "needs_macro_f1": round(self.macro_f1, 3),
            "exact_match": round(self.exact / self.total, 3) if self.total else 0.0,
            "crisis_recall": round(self.crisis.recall, 3),
            "crisis_false_positive_rate": round(self.crisis_false_positive_rate, 3),
            "violence_recall": round(self.violence.recall, 3),
            "violence_precision": round(self.violence.precision, 3),
            "language_accuracy": _rate(self.language),
            "location_accuracy": _rate(self.location),
            "child_age_accuracy": _rate(self.age),
            "per_need": {
                need: {
                    "precision": round(c.precision, 3),
                    "recall": round(c.recall, 3),
                    "f1": round(c.f1, 3),
                    "support": c.tp + c.fn,
                }
                for need, c in sorted(self.per_need.items())
            },
            "per_language": {
                lang: {
                    "messages": counts[1],
                    "exact_match": round(counts[0] / counts[1], 3) if counts[1] else 0.0,
                    "needs_macro_f1": round(self.language_macro_f1(lang), 3),
                }
                for lang, counts in sorted(self.per_language.items())
            },
        }


def _macro(per_need: dict[str, Counts]) -> float:
    used = [c for c in per_need.values() if c.tp + c.fp + c.fn]
    return sum(c.f1 for c in used) / len(used) if used else 0.0


def _rate(pair: list[int]) -> float | None:
    return round(pair[0] / pair[1], 3) if pair[1] else None


def evaluate(
    items: Iterable[Labelled], analyze: Callable[[str], Analysis], keep_misses: int = 200
) -> Report:
    """Analyse every labelled message and count hits and misses."""
    report = Report()
    for item in items:
        result = analyze(item.text)
        predicted = set(result.needs)
        report.total += 1
        lang = item.lang or "?"
        report.per_language[lang][1] += 1
        for need in predicted | item.needs:
            for table in (report.per_need, report.per_language_needs[lang]):
                counts = table[need]
                if need in predicted and need in item.needs:
                    counts.tp += 1
                elif need in predicted:
                    counts.fp += 1
                else:
                    counts.fn += 1
        exact = predicted == item.needs and result.crisis == item.crisis
        report.exact += exact
        report.per_language[lang][0] += exact
        if item.crisis:
            report.crisis.tp += result.crisis
            report.crisis.fn += not result.crisis
        elif not item.violence:
            # a violence message shown the emergency numbers is no false alarm
            report.negatives += 1
            report.crisis.fp += result.crisis
        warned = result.crisis or result.safety is not None
        if item.violence:
            report.violence.tp += warned
            report.violence.fn += not warned
        elif not item.crisis:
            report.violence.fp += result.safety is not None
        problems = []
        if item.violence and not warned:
            problems.append("violence")
        if not exact:
            problems.append("needs/crisis")
        if item.lang:
            report.language[1] += 1
            report.language[0] += result.language == item.lang
            if result.language != item.lang:
                problems.append("language")
        if item.location:
            report.location[1] += 1
            report.location[0] += result.location == item.location
            if result.location != item.location:
                problems.append("location")
        if item.child_age_months is not None:
            report.age[1] += 1
            report.age[0] += result.child_age_months == item.child_age_months
        if problems and len(report.misses) < keep_misses:
            report.misses.append(
                {
                    "line": item.line,
                    "text": item.text,
                    "problems": problems,
                    "expected": {
                        "needs": sorted(item.needs),
                        "crisis": item.crisis,
                        "violence": item.violence,
                        "lang": item.lang,
                        "location": item.location,
                    },
                    "got": {
                        "needs": list(result.needs),
                        "crisis": result.crisis,
                        "safety": result.safety,
                        "lang": result.language,
                        "location": result.location,
                    },
                }
            )
    return report
