"""How long rendering the example takes: as a whole process and per report in one process.

Prints figures; asserts nothing. Run: python benchmarks/render_speed.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportgen.api import Renderer, load
from reportgen.docx import write_docx

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lingling-2022" / "data.yaml"


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def whole_process(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        command = [sys.executable, "-m", "reportgen", "render", str(EXAMPLE), "-o", str(out), "--force"]
        return median_ms(lambda: subprocess.run(command, check=True, capture_output=True), runs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    renderer = Renderer()
    checked = load(EXAMPLE)
    document = renderer.document(checked)
    renderer.render(checked)  # warm-up: caches the styled base document
    stages = {
        "read + validate + compute + checks": lambda: load(EXAMPLE),
        "narratives + Markdown → blocks": lambda: renderer.document(checked),
        "blocks → .docx": lambda: write_docx(document, renderer.stylesheet),
        "one report in a warm process (all stages)": lambda: renderer.render(load(EXAMPLE)),
    }
    print(f"example: {EXAMPLE.relative_to(EXAMPLE.parents[2])}, median of {runs} runs")
    for name, action in stages.items():
        print(f"  {name:<45} {median_ms(action, runs):8.1f} ms")
    print(f"  {'`reportgen render` as a whole process':<45} {whole_process(max(3, runs // 4)):8.1f} ms")


if __name__ == "__main__":
    main()
