"""How long the web preview takes: check + HTML preview of the example and of a 1000-indicator report.

Goal (issue 11): under 150 ms. Prints figures; asserts nothing.
Run: python benchmarks/preview_speed.py [RUNS]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic import many_indicators

from reportgen.api import Renderer, load
from reportgen.render.html import preview_html

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lingling-2022" / "data.yaml"
GOAL_MS = 150


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    renderer = Renderer()
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "synthetic-1000.json"
        large.write_text(json.dumps(many_indicators(1000), default=float, ensure_ascii=False), encoding="utf-8")
        checked_example, checked_large = load(EXAMPLE), load(large)
        if not checked_large.ok:
            raise SystemExit("\n".join(str(issue) for issue in checked_large.issues[:5]))
        document_large = renderer.document(checked_large)
        renderer.preview(checked_example)  # warm-up: templates compiled, style loaded
        cases: dict[str, Callable[[], object]] = {
            "example: read + check + preview": lambda: renderer.preview(load(EXAMPLE)),
            "example: preview only": lambda: renderer.preview(checked_example),
            "1000 indicators: read + check + preview": lambda: renderer.preview(load(large)),
            "1000 indicators: preview only": lambda: renderer.preview(checked_large),
            "1000 indicators: narratives → blocks": lambda: renderer.document(checked_large),
            "1000 indicators: blocks → HTML": lambda: preview_html(document_large, renderer.stylesheet),
        }
        print(f"median of {runs} runs (goal < {GOAL_MS} ms for read + check + preview)")
        for name, action in cases.items():
            ms = median_ms(action, runs)
            print(f"  {name:<40} {ms:8.1f} ms{'' if ms < GOAL_MS else '  over the goal'}")
        html = renderer.preview(checked_large)
        print(f"  1000-indicator preview: {len(html) / 1024:.0f} KiB of HTML")


if __name__ == "__main__":
    main()
