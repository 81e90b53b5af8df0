"""Long fuzz runs: ``python benchmarks/fuzz.py --count 50000 --seed 7 --jobs 2 --save fuzz-failures``.

Mutates the example data (YAML, JSON, workbook, draft .docx) and runs every input through
``validate``/``render``/``check``/``update`` in workers limited to 1 GiB and 10 s per case
(see tests/helpers/fuzzing/runner.py). Prints the outcome counts, the slowest case and the largest
peak memory, and every failure with its seed and index; ``--start N --count 1`` reruns one.
Exit status 1 when any case failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "helpers"))

from fuzzing.runner import MEMORY_LIMIT, TIMEOUT, cases, run_cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--start", type=int, default=0, help="index of the first case (to rerun one)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--memory", type=int, default=MEMORY_LIMIT // 2**20, help="MiB of address space per worker")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    start = time.perf_counter()
    summary = run_cases(
        cases(args.seed, args.count, start=args.start),
        jobs=args.jobs,
        timeout=args.timeout,
        memory_limit=args.memory * 2**20,
        save=args.save,
    )
    print(summary.report())
    print(f"seed {args.seed}, {args.count} cases in {time.perf_counter() - start:.0f} s with {args.jobs} workers")
    return 1 if summary.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
