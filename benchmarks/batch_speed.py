"""Batch throughput: N synthetic units, 1 and 2 jobs, and docxtpl side by side.

Prints reports per second, ms per report and peak memory per process for N = 200 and
1000 with 1 and 2 jobs, then renders the same 200 units with docxtpl from an equivalent
template (``pip install -e ".[bench]"``) and prints the ratio. Asserts nothing.

Run: python benchmarks/batch_speed.py [--sizes 200 1000] [--jobs 1 2]
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
