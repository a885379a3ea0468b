"""Benchmark the understanding: per-message latency, start-up, memory, quality.

Run: .venv/bin/python benchmarks/nlu.py
Prints figures; asserts nothing. The models ship with the package (`lotse nlu train`), so
a fresh process measures start to first analysis and `lotse chat` on a new data folder.
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
DATA = ROOT / "tests" / "data"
LABELLED = ROOT / "intents" / "labelled"  # evaluation sets first, training data since session 7
HOLDOUT = LABELLED / "crisis_holdout.jsonl"

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


SETS = (
    (
        "v28 set (measured once near the end of session 22 at 25e1aa2, misses read since)",
        DATA / "nlu_v28_test.jsonl",
    ),
    (
        "v27 set (measured once near the end of session 21 at 0a585ab, misses read since)",
        DATA / "nlu_v27_test.jsonl",
    ),
    (
        "v26 set (measured once in session 20's review, code as at 7000529, misses read)",
        DATA / "nlu_v26_test.jsonl",
    ),
    (
        "v25 set (measured once at the end of session 20 at 7000529, misses read since)",
        DATA / "nlu_v25_test.jsonl",
    ),
    (
        "v24 set (measured once at the start of session 20 at 046fe77, misses read since)",
        DATA / "nlu_v24_test.jsonl",
    ),
    (
        "v23 set (measured once in session 19 at c3cca31, misses read since)",
        DATA / "nlu_v23_test.jsonl",
    ),
    (
        "v22 set (measured once at the end of session 18 at 9deef96, misses read since)",
        DATA / "nlu_v22_test.jsonl",
    ),
    (
        "v21 set (measured once at the end of session 17 at 1b7289e, misses read since)",
        DATA / "nlu_v21_test.jsonl",
    ),
    (
        "v20 set (measured once at the end of session 15 at 86e8341, misses read since)",
        DATA / "nlu_v20_test.jsonl",
    ),
    (
        "v19 set (measured once at the end of session 14 at 5352b2d, misses read since)",
        DATA / "nlu_v19_test.jsonl",
    ),
    (
        "v18 set (measured once at the end of session 14 at 1706c96, misses read since)",
        DATA / "nlu_v18_test.jsonl",
    ),
    (
        "v17 set (measured once in session 14, t17 in training, misses read since)",
        DATA / "nlu_v17_test.jsonl",
    ),
    (
        "v16 set (measured once at the end of session 13 at d3e98e9, misses read since)",
        DATA / "nlu_v16_test.jsonl",
    ),
    (
        "v15 set (measured once at the end of session 13 at 3c05b4c, misses read since)",
        DATA / "nlu_v15_test.jsonl",
    ),
    (
        "v14 test split (measured once in session 13 at f1d7ced, misses read since)",
        DATA / "nlu_v14_test.jsonl",
    ),
    ("v14 dev split (measured once, then tuned on in session 13)", DATA / "nlu_v14_dev.jsonl"),
    (
        "v13 safety set (measured once in session 12, training data since)",
        LABELLED / "v13_safety.jsonl",
    ),
    (
        "v12 test split (measured once in session 12, training data since)",
        LABELLED / "v12_test.jsonl",
    ),
    ("v12 dev split (tuned on in sessions 11-12, training data since)", LABELLED / "v12_dev.jsonl"),
    ("v11 set (measured once in session 10, training data since)", LABELLED / "v11_test.jsonl"),
    (
        "v10 test split (measured once in session 10, training data since)",
        LABELLED / "v10_test.jsonl",
    ),
    ("v10 dev split (tuned on in session 10, training data since)", LABELLED / "v10_dev.jsonl"),
    ("v9 set (measured once at the end of session 9, training data since)", LABELLED / "v9.jsonl"),
    ("v8 set (measured once in session 9, training data since)", LABELLED / "v8.jsonl"),
    ("v7 set (measured once in session 8, training data since)", LABELLED / "v7.jsonl"),
    ("v6 set (measured once in session 7, training data since)", LABELLED / "v6.jsonl"),
    ("v2 test split (its one crisis miss mended in session 22)", DATA / "nlu_v2_test.jsonl"),
    ("first evaluation set (older label conventions)", EVAL),
    ("v5 set (training data since session 7)", LABELLED / "v5.jsonl"),
    ("v4 test split (training data)", LABELLED / "v4_test.jsonl"),
    ("v4 dev split (training data)", LABELLED / "v4_dev.jsonl"),
    ("v3 set (training data)", LABELLED / "v3.jsonl"),
    ("v2 dev split (training data)", LABELLED / "v2_dev.jsonl"),
    ("crisis hold-out set (training data)", HOLDOUT),
)


def first_answer() -> float:
    """Seconds from starting `lotse chat` on a new data folder to its first answer line.

    What the family waits for; the process then still takes about half a second to exit
    (freeing what it loaded), which nobody waits for and this does not count.
    """
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "LOTSE_DATA_DIR": data}
        started = time.perf_counter()
        chat = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )  # fmt: skip
        assert chat.stdin is not None and chat.stdout is not None
        chat.stdin.write("Ich brauche eine Hebamme\n")
        chat.stdin.close()
        line = chat.stdout.readline()
        while line.startswith(">"):  # the echoed message comes with the answer
            line = chat.stdout.readline()
        answered = time.perf_counter() - started
        chat.stdout.read()
        assert chat.wait() == 0 and line.strip(), "no answer"
        return answered


def main() -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run(
            ["taskset", "-c", "0", sys.executable, "-c", CHILD, str(ROOT), cache, str(EVAL)],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip
    figures = json.loads(out.stdout)
    samples = sorted(figures["samples"])
    q = statistics.quantiles(samples, n=100)
    print(f"process start to first analysis (shipped models): {figures['first']:.2f} s")
    answers = sorted(first_answer() for _ in range(5))
    print(f"`lotse chat` on a new data folder to its first answer: median {answers[2]:.2f} s "
          f"(of {', '.join(f'{a:.2f}' for a in answers)})")  # fmt: skip
    print(f"analyze per message on one core: p50 {q[49] * 1e3:.2f} ms, p99 {q[98] * 1e3:.2f} ms "
          f"({len(samples)} analyses)")  # fmt: skip
    print(f"resident memory (max RSS): {figures['rss_mb']:.0f} MB")
    for label, path in SETS:
        report = subprocess.run(
            [sys.executable, "-m", "bot", "nlu", "evaluate", str(path), "--json"],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        data = json.loads(report.stdout)
        print(
            f"{label}: needs macro-F1 {data['needs_macro_f1']:.3f}, "
            f"exact {data['exact_match']:.3f}, crisis recall {data['crisis_recall']:.3f}, "
            f"false alarms {data['crisis_false_positive_rate']:.3f}, "
            f"violence recall {data['violence_recall']:.3f}, "
            f"language {data['language_accuracy']}"
        )
        worst = min(data["per_language"].items(), key=lambda kv: kv[1]["needs_macro_f1"])
        print(f"  lowest language macro-F1: {worst[0]} {worst[1]['needs_macro_f1']:.3f}")


if __name__ == "__main__":
    main()
