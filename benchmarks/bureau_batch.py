"""The bureau's batch in memory: N approved units → one zip with reports, 汇总.xlsx, 汇总报告.docx.

Times :func:`reportgen.features.batch.bundle.bundle_batch` (what the web application's batch
job runs) for N = 200 and 1000 synthetic units with 1 and 2 worker processes, each run in a
fresh process from the units' data to the zip's bytes (summaries and zip included), and
with 2 workers as the web application's job starts them (spawned, 10 steps nicer). Prints
seconds, units per second, ms per unit, the zip's size and the process's peak memory, how
long the summaries alone take (made again from the run's result), the ratios 1 → 2 workers
and 200 → 1000 units, and whether 1000 units meet the goal of 20 s. Asserts nothing.

Run: python benchmarks/bureau_batch.py [--sizes 200 1000] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOAL_UNITS, GOAL_SECONDS = 1000, 20.0

RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from synthetic import unit_data
from reportgen.api import Renderer
from reportgen.features.batch.bundle import BundleUnit, bundle_batch
from reportgen.features.batch.summary import summary_files
import multiprocessing
size, workers, spawned = int(sys.argv[1]), int(sys.argv[2]), sys.argv[4] == "spawn"
units = [BundleUnit(f"单位{i:04d}", unit_data(i), source=f"第{i}号单位 第1版") for i in range(1, size + 1)]
how = {"context": multiprocessing.get_context("spawn"), "nice": 10} if spawned else {}
start = time.perf_counter()
bundle = bundle_batch(units, workers=workers, **how)
seconds = time.perf_counter() - start
again = time.perf_counter()
summary_files(bundle.result, Renderer().stylesheet)
summaries = time.perf_counter() - again
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": seconds, "summaries": summaries, "zip_mb": len(bundle.content) / 1e6,
                  "peak_mb": peak / 1024, "failed": len(bundle.failed)}))
"""


def run(size: int, workers: int, how: str = "default") -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(size), str(workers), str(HERE), how], check=True, capture_output=True, text=True
    )
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(
        f"{'units':>6} {'workers':>7} {'seconds':>8} {'units/s':>8} {'ms/unit':>8} {'summaries s':>11} "
        f"{'zip MB':>7} {'peak MB':>8} failed"
    )
    seconds: dict[tuple[int, int], float] = {}
    for size in args.sizes:
        for workers in [*args.workers, "2 web"]:
            count, how = (2, "spawn") if workers == "2 web" else (int(workers), "default")
            r = run(size, count, how)
            if how == "default":
                seconds[size, count] = r["seconds"]
            print(
                f"{size:>6} {workers:>7} {r['seconds']:>8.2f} {size / r['seconds']:>8.1f} "
                f"{1000 * r['seconds'] / size:>8.2f} {r['summaries']:>11.2f} {r['zip_mb']:>7.1f} "
                f"{r['peak_mb']:>8.0f} {r['failed']}"
            )
    print("(2 web: as the web application's job runs it — 2 spawned workers, 10 steps nicer)")
    print()
    for size in args.sizes:
        if (size, 1) in seconds and (size, 2) in seconds:
            print(f"{size} units: 1 worker / 2 workers = {seconds[size, 1] / seconds[size, 2]:.2f}×")
    small, large = min(args.sizes), max(args.sizes)
    for workers in args.workers:
        if small != large:
            ratio = (seconds[large, workers] / large) / (seconds[small, workers] / small)
            print(f"{workers} worker(s): time per unit at {large} / at {small} units = {ratio:.2f}")
    for workers in args.workers:
        if (GOAL_UNITS, workers) in seconds:
            took = seconds[GOAL_UNITS, workers]
            verdict = "meets" if took <= GOAL_SECONDS else "MISSES"
            print(
                f"goal {GOAL_UNITS} units ≤ {GOAL_SECONDS:.0f} s with {workers} worker(s): {took:.1f} s, {verdict} it"
            )


if __name__ == "__main__":
    main()
