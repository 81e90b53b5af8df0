"""How long a change in the data editor takes: one field posted, saved as a version, checked
and answered as a fragment (FastAPI's TestClient, one client, in process), for the example
data and a report of 200 indicators; also a row moved and the whole editor page.

Goal (issue 11): p95 ≤ 100 ms for a change (at 20 clients on 2 cores, measured over HTTP
by the web benchmark; this one shows what a single change costs). Prints figures; asserts nothing.
Run: python benchmarks/editor_speed.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "helpers"))

from editor_data import large_data, starter_data
from reportgen.web.app import create_app


def percentiles(action: Callable[[int], object], runs: int) -> tuple[float, float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def measure(name: str, data: dict[str, Any], runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder, TestClient(create_app(Path(folder))) as client:
        store = client.app.state.workspace.store  # type: ignore[attr-defined]
        report = store.create(data, name).report_id
        numbers = {"based_on": 1}
        client.get(f"/reports/{report}/edit")

        def change(run: int) -> None:
            value = "" if run % 2 else "330件"
            posted = {"based_on": numbers["based_on"], "path": "indicators[0].actual", "value": value}
            answer = client.post(f"/reports/{report}/edit", data=posted)
            assert answer.status_code == 200, answer.text
            numbers["based_on"] += 1

        def move(run: int) -> None:
            posted = {"based_on": numbers["based_on"], "path": "indicators", "op": "down", "index": 0}
            assert client.post(f"/reports/{report}/rows", data=posted).status_code == 200
            numbers["based_on"] += 1

        def page(run: int) -> None:
            assert client.get(f"/reports/{report}/edit").status_code == 200

        size = len(client.get(f"/reports/{report}/edit").content) // 1024
        for what, action in (("change a field", change), ("move a row", move), (f"editor page ({size} KB)", page)):
            p50, p95 = percentiles(action, runs)
            print(f"{name:<22} {what:<24} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    measure("example data", starter_data(), runs)
    measure("200 indicators", large_data(), runs)


if __name__ == "__main__":
    main()
