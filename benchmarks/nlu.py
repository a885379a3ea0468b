"""Benchmark the understanding: per-message latency, start-up, memory, quality.

Run: .venv/bin/python benchmarks/nlu.py
Prints figures; asserts nothing. The model cache is warmed first (training happens once
per change of the intents data), then a fresh process measures start to first analysis.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "nlu_eval.jsonl"
HOLDOUT = ROOT / "tests" / "data" / "nlu_crisis_holdout.jsonl"

CHILD = """
import resource, sys, time, json
started = time.perf_counter()
from pathlib import Path
from bot.curation.load import load_curated
from bot.domain.places import Gazetteer
from bot.nlu.analyzer import Analyzer
root = Path(sys.argv[1])
gazetteer = Gazetteer(load_curated([root / "offers_data"]).places)
analyzer = Analyzer.from_training_data(root / "intents", Path(sys.argv[2]), gazetteer)
analyzer.analyze("Mein Baby schreit die ganze Nacht, wir wohnen in Gummersbach")
first = time.perf_counter() - started
texts = [json.loads(line)["text"] for line in open(sys.argv[3], encoding="utf-8")]
samples = []
for _ in range(3):
    for text in texts:
        t0 = time.perf_counter()
        analyzer.analyze(text)
        samples.append(time.perf_counter() - t0)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first": first, "samples": samples, "rss_mb": rss}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT), cache, str(EVAL)],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        print(f"training on first use (cold cache): {time.perf_counter() - started:.1f} s")
        out = subprocess.run(
            ["taskset", "-c", "0", sys.executable, "-c", CHILD, str(ROOT), cache, str(EVAL)],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip
    figures = json.loads(out.stdout)
    samples = sorted(figures["samples"])
    q = statistics.quantiles(samples, n=100)
    print(f"process start to first analysis (warm cache): {figures['first']:.2f} s")
    print(f"analyze per message on one core: p50 {q[49] * 1e3:.2f} ms, p99 {q[98] * 1e3:.2f} ms "
          f"({len(samples)} analyses)")  # fmt: skip
    print(f"resident memory (max RSS): {figures['rss_mb']:.0f} MB")
    for label, path in (("evaluation set", EVAL), ("crisis hold-out set", HOLDOUT)):
        report = subprocess.run(
            [sys.executable, "-m", "bot", "nlu", "evaluate", str(path), "--json"],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        data = json.loads(report.stdout)
        print(
            f"{label}: needs macro-F1 {data['needs_macro_f1']:.3f}, "
            f"exact {data['exact_match']:.3f}, "
            f"crisis recall {data['crisis_recall']:.3f}, false alarms "
            f"{data['crisis_false_positive_rate']:.3f}, language {data['language_accuracy']}"
        )
        worst = min(data["per_language"].items(), key=lambda kv: kv[1]["needs_macro_f1"])
        print(f"  lowest language macro-F1: {worst[0]} {worst[1]['needs_macro_f1']:.3f}")


if __name__ == "__main__":
    main()
