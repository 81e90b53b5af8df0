"""Batch throughput at 200, 1000 and 5000 units, the unchanged re-run and the summary's parts.

Each batch runs in a fresh process as ``reportgen batch`` runs it (folder of synthetic YAML
units from ``synthetic.py``, every 100th one not valid; reports AND the summaries 汇总.xlsx and
汇总报告.docx with its chart) into a new output folder, with 1 and 2 jobs. Prints seconds,
reports per second, ms per report, the peak memory of a process, and the 2-job 5000-unit
figure against issue 16's goal (≤ 40 s). Then, in the 2-job folder:

- the unchanged re-run as a person waits for it — ``python -m reportgen batch`` from process
  start to exit — the first time after the batch (汇总.xlsx is written again: every unit now
  says 未变化) and again (nothing is written at all), against the goal of 1.5 s; and the run's
  own part of it (in-process, without start-up);
- the summary's parts, each made on its own from the batch's result: 汇总.xlsx (before: 2.4 s
  at 5000 units, openpyxl with a style object per cell), the chart (first in a process, with
  matplotlib's import, and again; before: 0.55 s), 汇总报告.docx with its chart.

Asserts nothing. Wall-clock figures on a shared machine are noisy: take the minimum of a few
runs. reportgen against its peers (docxtpl, pandoc, the raw-XML lower bound) on identical
content is ``benchmarks/peers.py``.

Run: python benchmarks/batch_speed.py [--sizes 200 1000 5000] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import write_units  # noqa: E402

GOAL_UNITS, GOAL_JOBS, GOAL_SECONDS = 5000, 2, 40.0
RERUN_GOAL = 1.5
BEFORE_XLSX, BEFORE_CHART = 2.4, 0.55  # issue 16, 5000 units

RUN = """
import json, sys, time
from pathlib import Path
from reportgen.api import RenderOptions
from reportgen.features.batch.reports import batch_reports
start = time.perf_counter()
result = batch_reports([Path(sys.argv[1])], Path(sys.argv[2]), RenderOptions(), jobs=int(sys.argv[3]))
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "ok": sum(u.status == "ok" for u in result.units),
                  "skipped": sum(u.status == "skipped" for u in result.units), "failed": len(result.failed),
                  "summaries": len(result.summaries)}))
"""

PARTS = """
import json, sys, time
from pathlib import Path
from reportgen.api import Renderer, RenderOptions
from reportgen.features.batch.chart import bar_chart_png
from reportgen.features.batch.run import run_batch
from reportgen.features.batch.summary import DOCX_NAME, XLSX_NAME, Summary
result = run_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=2)  # unchanged: every unit skipped
summary = Summary(Renderer(RenderOptions()).stylesheet)
def timed(work):
    start = time.perf_counter()
    work()
    return time.perf_counter() - start
counts = [1000, 2500, 1200, 300]
print(json.dumps({
    "keys": timed(lambda: summary.keys(result)),
    "xlsx": timed(lambda: summary.make(result, XLSX_NAME)),
    "chart_first": timed(lambda: bar_chart_png(["优", "良", "中", "差"], counts, "单位数")),
    "chart": timed(lambda: bar_chart_png(["优", "良", "中", "差"], counts, "单位数")),
    "docx": timed(lambda: summary.make(result, DOCX_NAME)),
}))
"""


def peak_of_children() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_reportgen(folder: Path, out: Path, jobs: int) -> dict[str, Any]:
    """One batch (reports and summaries) in a fresh process; peak RSS is the largest of a process."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder), str(out), str(jobs)], check=True, capture_output=True, text=True
    )
    figures: dict[str, Any] = json.loads(done.stdout)
    figures["peak_mb"] = peak_of_children()
    return figures


def cli_seconds(folder: Path, out: Path, jobs: int) -> float:
    """``reportgen batch`` from process start to exit (its exit status is 1: some units are not valid)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reportgen", "batch", str(folder), "-o", str(out), "--jobs", str(jobs)],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def python_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def rerun(folder: Path, out: Path, jobs: int) -> None:
    """The unchanged re-run: the first after the batch, then one that finds nothing to do."""
    first = cli_seconds(folder, out, jobs)
    again = min(cli_seconds(folder, out, jobs) for _ in range(3))
    inner = min(run_reportgen(folder, out, jobs)["seconds"] for _ in range(3))
    verdict = "meets" if again <= RERUN_GOAL else "MISSES"
    print(
        f"  unchanged re-run, whole command: first {first:.2f} s (writes 汇总.xlsx again), then {again:.2f} s "
        f"(writes nothing) — goal ≤ {RERUN_GOAL} s: {verdict} it; the run itself {inner:.2f} s "
        f"(python -c pass: {python_start():.3f} s)"
    )


def parts(folder: Path, out: Path, size: int) -> None:
    command = [sys.executable, "-c", PARTS, str(folder), str(out)]
    t: dict[str, float] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    xlsx = f" (before {BEFORE_XLSX} s: {BEFORE_XLSX / t['xlsx']:.0f}× faster)" if size == GOAL_UNITS else ""
    chart = f" (before {BEFORE_CHART} s)" if size == GOAL_UNITS else ""
    print(
        f"  summary parts: keys {t['keys']:.3f} s; 汇总.xlsx {t['xlsx']:.2f} s{xlsx}; chart {t['chart_first']:.2f} s "
        f"first in a process (matplotlib's import), {t['chart']:.2f} s again{chart}; "
        f"汇总报告.docx with its chart {t['docx']:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        print(f"{'units':>6} {'jobs':>4} {'seconds':>8} {'reports/s':>10} {'ms/report':>10} {'peak MB':>8}  ok/failed")
        for size in args.sizes:
            folder = Path(work) / f"n{size}"
            write_units(folder, size, broken_every=100)
            for jobs in args.jobs:
                out = Path(work) / f"out{size}-{jobs}"
                r = run_reportgen(folder, out, jobs)
                rate = size / r["seconds"]
                goal = ""
                if (size, jobs) == (GOAL_UNITS, GOAL_JOBS):
                    goal = f"  goal ≤ {GOAL_SECONDS:.0f} s: {'meets' if r['seconds'] <= GOAL_SECONDS else 'MISSES'} it"
                print(
                    f"{size:>6} {jobs:>4} {r['seconds']:>8.2f} {rate:>10.1f} {1000 / rate:>10.2f} "
                    f"{r['peak_mb']:>8.0f}  {r['ok']}/{r['failed']}{goal}"
                )
            largest = max(args.jobs)
            out = Path(work) / f"out{size}-{largest}"
            rerun(folder, out, largest)
            parts(folder, out, size)


if __name__ == "__main__":
    main()
