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

Then the same 200 units rendered by reportgen and by docxtpl in one process. Asserts nothing.
Wall-clock figures on a shared machine are noisy: take the minimum of a few runs.

Run: python benchmarks/batch_speed.py [--sizes 200 1000 5000] [--jobs 1 2] [--no-docxtpl]
"""

from __future__ import annotations

import argparse
import io
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

from synthetic import unit_data, write_units  # noqa: E402

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


def docxtpl_template() -> bytes:
    """A docxtpl template equivalent to the standard report: same chapters, figures and tables."""
    import docx

    document = docx.Document()
    document.add_heading("{{ title }}", 0)
    chapters = {
        "一、基本情况": ["{{ unit.name }}内设机构{{ unit.departments|length }}个，实有人数{{ unit.staff.actual }}人。"],
        "二、支出情况": [
            "{{ year }}年全年预算数{{ adjusted }}万元，全年执行数{{ executed }}万元，预算执行率{{ rate }}。",
            "其中基本支出{{ basic }}万元，占{{ basic_share }}；项目支出{{ project }}万元，占{{ project_share }}。",
        ],
        "三、绩效情况": [
            "经自评，综合得分{{ total }}分，评价等级为“{{ grade }}”。",
            "{% for i in indicators %}“{{ i.name }}”年度指标值{{ i.target }}，实际完成{{ i.actual }}，"
            "得{{ i.score }}分。{% endfor %}",
            "{% for p in performance %}{{ p.title }}：{{ p.text }}{% endfor %}",
        ],
        "四、存在的问题及原因": ["{% for p in problems %}{{ p.title }}：{{ p.text }}原因：{{ p.cause }}{% endfor %}"],
        "五、下一步改进措施": ["{% for m in measures %}{{ m.title }}：{{ m.text }}{% endfor %}"],
    }
    for heading, lines in chapters.items():
        document.add_heading(heading, 1)
        for line in lines:
            document.add_paragraph(line)
    table = document.add_table(rows=3, cols=8)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
        strict=True,
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for i in indicators %}"
    for cell, text in zip(
        table.rows[2].cells,
        (
            "{{ i.level1 }}",
            "{{ i.level2 }}",
            "{{ i.name }}",
            "{{ i.target }}",
            "{{ i.actual }}",
            "{{ i.weight }}",
            "{{ i.score }}",
            "",
        ),
        strict=True,
    ):
        cell.text = text
    end = table.add_row()
    end.cells[0].text = "{%tr endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docxtpl_context(index: int) -> dict[str, Any]:
    """The figures reportgen computes, handed to docxtpl (computing is not timed on either side)."""
    from reportgen.api import check_data, template_context
    from reportgen.data.raw import RawData
    from reportgen.figures.fmt import amount, number, pct

    checked = check_data(RawData(f"unit{index}", unit_data(index)))
    assert checked.report is not None and checked.figures is not None
    report, fig = checked.report, checked.figures
    basic, project = fig.budget.nature("basic"), fig.budget.nature("project")
    assert basic is not None and project is not None
    return {
        "title": template_context(report, fig, [])["title"],
        "unit": report.unit,
        "year": report.year,
        "adjusted": amount(fig.budget.adjusted),
        "executed": amount(fig.budget.executed),
        "rate": pct(fig.budget.rate),
        "basic": amount(basic.amount),
        "basic_share": pct(basic.share),
        "project": amount(project.amount),
        "project_share": pct(project.share),
        "total": amount(fig.total),
        "grade": fig.grade,
        "indicators": [
            {
                "level1": r.indicator.level1,
                "level2": r.indicator.level2,
                "name": r.indicator.name,
                "target": r.indicator.target.text,
                "actual": r.indicator.actual.text if r.indicator.actual else "",
                "weight": number(r.weight),
                "score": number(r.score),
            }
            for r in fig.indicators
        ],
        "performance": report.performance,
        "problems": report.problems,
        "measures": report.measures,
    }


def docxtpl_ms(count: int) -> float | None:
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        print("docxtpl is not installed: pip install -e '.[bench]'")
        return None
    template = docxtpl_template()
    contexts = [docxtpl_context(i) for i in range(1, count + 1)]
    start = time.perf_counter()
    for context in contexts:
        document = DocxTemplate(io.BytesIO(template))
        document.render(context)
        document.save(io.BytesIO())
    return (time.perf_counter() - start) * 1000 / count


def reportgen_ms(count: int) -> float:
    """reportgen's render of the same units, in this process, figures included (from raw data)."""
    from reportgen.api import Renderer, check_data
    from reportgen.data.raw import RawData

    renderer = Renderer()
    raws = [RawData(f"unit{i}", unit_data(i)) for i in range(1, count + 1)]
    renderer.render(check_data(raws[0]))
    start = time.perf_counter()
    for raw in raws:
        renderer.render(check_data(raw))
    return (time.perf_counter() - start) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-docxtpl", action="store_true", help="skip the docxtpl comparison")
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
    if args.no_docxtpl:
        return
    ours = reportgen_ms(200)
    theirs = docxtpl_ms(200)
    print(f"\nsame 200 units in one process: reportgen {ours:.2f} ms/report (read from data, checked, rendered)")
    if theirs is not None:
        print(
            f"docxtpl (equivalent template, figures precomputed) {theirs:.2f} ms/report; "
            f"docxtpl / reportgen = {theirs / ours:.1f}×"
        )


if __name__ == "__main__":
    main()
