"""Time of the bureau's list of units (GET /review) with hundreds of units, in process (FastAPI's
TestClient: the server's time, without a network): the first listing after the server started
(every report's latest version read and checked), then again (the summaries kept), sorted and
filtered, and after a tenth of the units saved a new version.

Units: benchmarks/synthetic.py's (a department report each, seeded); every fifth is left
未开始, the others are spread over 填报中 / 已提交 / 已退回 / 已通过. Asserts nothing.

Run: python benchmarks/review_list_speed.py [--units 200] [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "helpers"))

from synthetic import unit_data

from bureau import bureau_app, signed_in
from reportgen.web.workspace import Workspace

STATES = ("draft", "submitted", "returned", "approved")


def timed(get: Callable[[str], Any], url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.text[:500]
    return times


def line(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{label:<44} n={len(times):<3} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bureau = bureau_app(Path(folder))
        workspace: Workspace = bureau.app.state.workspace
        store = workspace.store
        for index in range(args.units):
            data = unit_data(index + 1)
            unit = bureau.unit(data["unit"]["name"], f"43{index:05d}")
            if index % 5 == 4:
                continue
            version = store.create(data, "", unit_id=unit.id)
            status = STATES[index % 4]
            if status != "draft":
                store.set_status(version.report_id, status, status, was={"draft"})
        bureau.user("reviewer", "reviewer")
        client = bureau.client()
        signed_in(client, "reviewer")
        print(f"{args.units} units, {len(store.reports())} reports")
        print(line("first listing (every version checked)", timed(client.get, "/review", 1)))
        print(line("again (summaries kept)", timed(client.get, "/review", args.repeat)))
        print(line("sorted by 综合得分, descending", timed(client.get, "/review?sort=score&order=desc", args.repeat)))
        print(line("filtered: 已提交, name search", timed(client.get, "/review?status=submitted&q=县", args.repeat)))
        reports = store.reports()
        for report in reports[: len(reports) // 10]:
            latest = store.latest(report.id)
            assert latest is not None
            data = unit_data(report.id)
            store.save(report.id, data, latest.number, "benchmark")
        print(line(f"after {len(reports) // 10} units saved (those checked)", timed(client.get, "/review", 1)))
        print(line("again", timed(client.get, "/review", args.repeat)))


if __name__ == "__main__":
    main()
