"""How long a report's version history takes with 300 versions (every field change is a
version): the first visit of a page (each of its versions checked once), a second visit
(changes cached per version pair), the compare page and one version's page.

Prints figures; asserts nothing.
Run: python benchmarks/history_speed.py [VERSIONS]
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient

from reportgen.data.sources import read_data
from reportgen.web.app import create_app
from reportgen.web.history import PER_PAGE

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lingling-2022" / "data.yaml"


def ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder, TestClient(create_app(Path(folder))) as client:
        store = client.app.state.workspace.store  # type: ignore[attr-defined]
        data = dict(read_data(EXAMPLE).data)
        version = store.create(data, "上传 data.yaml")
        for number in range(2, count + 1):
            data = copy.deepcopy(data)
            data["budget"]["executed"] = Decimal("16905537.09") - number
            version = store.save(version.report_id, data, version.number, "修改全年执行数")
        base = f"/reports/{version.report_id}"
        pages = -(-count // PER_PAGE)
        first = [ms(lambda p=p: client.get(f"{base}/history?page={p}")) for p in range(1, pages + 1)]
        again = [ms(lambda p=p: client.get(f"{base}/history?page={p}")) for p in range(1, pages + 1)]
        compare = [ms(lambda: client.get(f"{base}/compare?a=1&b={count}")) for _ in range(20)]
        one = [ms(lambda: client.get(f"{base}/versions/{count // 2}")) for _ in range(20)]
    print(f"{count} versions, {pages} pages of {PER_PAGE}")
    print(f"history page, first visit: median {statistics.median(first):.0f} ms, max {max(first):.0f} ms")
    print(f"history page, again:       median {statistics.median(again):.0f} ms, max {max(again):.0f} ms")
    print(f"compare first and last:    median {statistics.median(compare):.0f} ms")
    print(f"one version's page:        median {statistics.median(one):.0f} ms")


if __name__ == "__main__":
    main()
