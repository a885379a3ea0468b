"""Start-up of the `lotse` commands: import time, wall time and memory per command.

    python benchmarks/commands.py [--runs 5]

Runs each command in a fresh process against a temporary data dir (set up once first,
so the figures are warm starts): `python -X importtime` gives the time spent importing
(sum of the top-level cumulative times), then `--runs` plain runs give the median wall
time, the median CPU time (user + system: less affected by other load) and the largest
max RSS. Targets on an idle 2-core machine: `--help` ≤ 0.3 s,
`analyze` ≤ 1 s. A loaded machine shows larger figures; `os.getloadavg()` is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS: list[tuple[str, list[str], str | None, float | None]] = [
    ("lotse --help", ["--help"], None, 0.3),
    ("lotse analyze", ["analyze", "hamileyim, hebamme lazım"], None, 1.0),
    (
        "lotse offers list",
        ["offers", "list", "--need", "midwife", "--place", "Gummersbach"],
        None,
        None,
    ),
    ("lotse chat (1 piped message)", ["chat"], "Hebamme gesucht in Gummersbach\n", None),
]


def environment(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "LOTSE_DATA_DIR": str(data_dir), "COLUMNS": "120"}
    env.pop("LOTSE_DATABASE_URL", None)
    return env


def import_seconds(args: list[str], stdin: str | None, env: dict[str, str]) -> float:
    """Seconds spent importing: the sum of the top-level modules' cumulative times."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    total_us = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if cumulative.strip().isdecimal() and not name[1:].startswith(" "):
            total_us += int(cumulative)
    return total_us / 1e6


def one_run(
    args: list[str], stdin: str | None, env: dict[str, str]
) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, max RSS in MB and the exit status of one plain run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=env, cwd=ROOT, text=True,
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(stdin or "")
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="plain runs per command (median)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder))
        subprocess.run(  # first use: database, demo offers (and a model cache if needed)
            [sys.executable, "-m", "bot", "analyze", "hallo"],
            env=env, cwd=ROOT, capture_output=True, check=True,
        )  # fmt: skip
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average {load} on {os.cpu_count()} cores; {options.runs} runs each\n")
        heads = f"{'imports':>8} {'wall p50':>9} {'CPU p50':>8} {'max RSS':>8}"
        print(f"{'command':30} {heads}  target")
        for label, args, stdin, target in COMMANDS:
            imports = import_seconds(args, stdin, env)
            runs = [one_run(args, stdin, env) for _ in range(options.runs)]
            failed = [r[3] for r in runs if r[3] != 0]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            goal = f"≤ {target:.1f} s" if target else ""
            if target and wall > target:
                goal += " (missed)"
            if failed:
                goal += f" exit {failed[0]}!"
            print(f"{label:30} {imports:7.2f}s {wall:8.2f}s {cpu:7.2f}s {rss:6.0f}MB  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
