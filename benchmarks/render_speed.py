"""How long rendering the example takes: per stage and per report in one process, and as a
whole process (next to ``python -c pass``, the interpreter's own start-up).

Figures are the fastest of RUNS runs (the machine is shared; minima are what repeat). The
warm pipeline against its goal and against docxtpl, pandoc and the raw-XML lower bound on
identical content is ``benchmarks/peers.py``. Prints figures; asserts nothing.
Run: python benchmarks/render_speed.py [RUNS]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportgen.api import Renderer, load, template_context
from reportgen.docx import write_docx
from reportgen.render.narrative import assemble
from reportgen.render.tables import TableFrame, report_tables

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lingling-2022" / "data.yaml"


def best_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def whole_process(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        command = [sys.executable, "-m", "reportgen", "render", str(EXAMPLE), "-o", str(out), "--force"]
        return best_ms(lambda: subprocess.run(command, check=True, capture_output=True), runs)


def bare_interpreter(runs: int) -> float:
    return best_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    renderer = Renderer()
    checked = load(EXAMPLE)
    document = renderer.document(checked)
    renderer.render(checked)  # warm-up: caches the styled base document
    assert checked.report is not None and checked.figures is not None
    report, figures, warnings = checked.report, checked.figures, checked.warnings
    context = template_context(report, figures, warnings)
    chapters = renderer.narratives.render(context)
    frame = TableFrame.of(renderer.stylesheet)
    tables = report_tables(report, figures, warnings, frame)
    stages = {
        "read + validate + compute + checks": lambda: load(EXAMPLE),
        "chapter templates → Markdown": lambda: renderer.narratives.render(context),
        "tables (columns fitted)": lambda: report_tables(report, figures, warnings, frame),
        "Markdown + tables → blocks": lambda: assemble(chapters, tables),
        "blocks → .docx": lambda: write_docx(document, renderer.stylesheet),
        "one report in a warm process (all stages)": lambda: renderer.render(load(EXAMPLE)),
    }
    print(f"example: {EXAMPLE.relative_to(EXAMPLE.parents[2])}, fastest of {runs} runs")
    for name, action in stages.items():
        print(f"  {name:<45} {best_ms(action, runs):8.2f} ms")
    process_runs = max(3, runs // 4)
    print(f"  {'`reportgen render` as a whole process':<45} {whole_process(process_runs):8.1f} ms")
    print(f"  {'`python -c pass` (the interpreter alone)':<45} {bare_interpreter(process_runs):8.1f} ms")


if __name__ == "__main__":
    main()
