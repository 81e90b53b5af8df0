"""Batch throughput: N synthetic units, 1 and 2 jobs.

Prints reports per second, ms per report and peak memory per process for N = 200 and
1000 with 1 and 2 jobs. Asserts nothing. reportgen against its peers (docxtpl, pandoc, the
raw-XML lower bound) on identical content is ``benchmarks/peers.py``.

Run: python benchmarks/batch_speed.py [--sizes 200 1000] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import write_units  # noqa: E402

RUN = """
import json, sys, time
from pathlib import Path
from reportgen.features.batch.run import run_batch
start = time.perf_counter()
result = run_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]), force=True)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "ok": sum(u.status == "ok" for u in result.units),
                  "failed": len(result.failed)}))
"""


def run_reportgen(folder: Path, jobs: int) -> dict[str, Any]:
    """One batch in a fresh process; peak RSS is the largest of that process and its workers."""
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(folder), out, str(jobs)], check=True, capture_output=True, text=True
        )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures: dict[str, Any] = json.loads(done.stdout)
    figures["peak_mb"] = max(peak, before) / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        print(f"{'units':>6} {'jobs':>4} {'seconds':>8} {'reports/s':>10} {'ms/report':>10} {'peak MB':>8}  ok/failed")
        for size in args.sizes:
            folder = Path(work) / f"n{size}"
            write_units(folder, size, broken_every=100)
            for jobs in args.jobs:
                r = run_reportgen(folder, jobs)
                rate = size / r["seconds"]
                print(
                    f"{size:>6} {jobs:>4} {r['seconds']:>8.2f} {rate:>10.1f} {1000 / rate:>10.2f} "
                    f"{r['peak_mb']:>8.0f}  {r['ok']}/{r['failed']}"
                )
    print("\nreportgen against docxtpl, pandoc and the raw-XML lower bound on identical content: benchmarks/peers.py")


if __name__ == "__main__":
    main()
