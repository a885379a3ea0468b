"""Benchmark the German municipalities table: load time, memory, lookups.

Run: .venv/bin/python benchmarks/places.py
Prints figures; asserts nothing. Each figure comes from a fresh process, so the table
is read from the package as at a real start.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from bot.domain.places import Place  # pydantic and the domain, as the bot has them anyway
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
from bot.domain.germany import german_places
places = german_places()
loaded = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
names = ["Bielefeld", "Koeln", "Frankfurt (Main)", "Halle an der Saale", "Atlantis"] * 2000
t0 = time.perf_counter()
for name in names:
    places.by_name(name)
by_name = (time.perf_counter() - t0) / len(names)
codes = ["33602", "50667", "04103", "00000"] * 2500
t0 = time.perf_counter()
for code in codes:
    places.by_postcode(code)
by_code = (time.perf_counter() - t0) / len(codes)
print(json.dumps({"municipalities": len(places), "load_s": loaded,
                  "rss_added_mb": (after - before) / 1024, "rss_total_mb": after / 1024,
                  "by_name_us": by_name * 1e6, "by_postcode_us": by_code * 1e6}))
"""


def main() -> None:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out))
    best = min(runs, key=lambda r: r["load_s"])
    data = ROOT / "bot" / "domain" / "data" / "de_places.tsv.gz"
    print(f"municipalities        {best['municipalities']}")
    print(f"shipped file          {data.stat().st_size / 1024:.0f} KiB")
    print(f"load (best of 3)      {best['load_s'] * 1000:.0f} ms")
    added, total = best["rss_added_mb"], best["rss_total_mb"]
    print(f"memory added (RSS)    {added:.1f} MB (process {total:.0f} MB)")
    print(f"by_name               {best['by_name_us']:.1f} µs")
    print(f"by_postcode           {best['by_postcode_us']:.1f} µs")


if __name__ == "__main__":
    main()
