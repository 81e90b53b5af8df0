"""How long `update`, `check --data` and `finalize` take on a large draft (issue 16).

A report of 1000 indicators is rendered, edited with python-docx as an editor would (one
paragraph rewritten, one paragraph inserted) and saved; the data then changes (figures and
one indicator added). Timed warm (median of N runs in one process: the draft and data read,
merged or checked, the output's bytes made) and cold (one ``reportgen`` process each), each
against the goal (update ≤ 0.5 s warm). The peer is the least an update must do: parse the
draft's document.xml with lxml and write it back, with reportgen's ratio to it.

Prints figures; asserts nothing. Run: python benchmarks/update_speed.py [RUNS] [INDICATORS]
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from lxml import etree
from synthetic import many_indicators

from reportgen.api import Renderer, RenderOptions, check_report, load, update_report
from reportgen.api.finalizing import finalize_report

GOAL_S = 0.5


def median_s(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edited(report: bytes) -> bytes:
    """The report as an editor leaves it: a paragraph rewritten, one inserted, every 【待补充】
    filled in (so that it can be finalized), saved by python-docx."""
    document = docx.Document(io.BytesIO(report))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if "【待补充" in run.text:
                run.text = "已按要求补充。"
    body = [p for p in document.paragraphs if len(p.text) > 40]
    body[2].runs[0].text = "（编辑改写）" + body[2].text
    for run in body[2].runs[1:]:
        run.text = ""
    body[5].insert_paragraph_before("编辑新增的一段说明。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def changed(data: dict[str, Any]) -> dict[str, Any]:
    """The data a month later: every tenth figure up, one indicator more (its weight taken from another)."""
    indicators = [dict(item) for item in data["indicators"]]
    for number, item in enumerate(indicators):
        if number % 10 == 0 and item["actual"].endswith("件"):
            item["actual"] = f"{int(item['actual'].removesuffix('件')) + 3}件"
    first = indicators[0]
    first["weight"] = first["weight"] / 2
    indicators.insert(1, {**first, "name": "新增工作任务完成数量", "target": "20件", "actual": "21件"})
    return {**data, "indicators": indicators}


def lower_bound(draft: bytes) -> bytes:
    """The peer: document.xml parsed with lxml and serialised back (no zip written)."""
    with zipfile.ZipFile(io.BytesIO(draft)) as package:
        xml = package.read("word/document.xml")
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def cold_s(command: list[str], runs: int) -> float:
    """The fastest of ``runs`` runs of ``command`` as a process of its own (``check`` exits 1
    when it finds something; any other failure stops the benchmark)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return min(times)


def line(name: str, seconds: float, bound: float, goal: float | None = None) -> None:
    verdict = "" if goal is None else f"  (goal ≤ {goal:.1f} s: {'met' if seconds <= goal else 'over'})"
    print(f"  {name:<34} {seconds * 1000:8.1f} ms  {seconds / bound:5.1f}× the bound{verdict}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        old_data, new_data = folder / "old.json", folder / "new.json"
        data = many_indicators(count)
        old_data.write_text(json.dumps(data, default=float, ensure_ascii=False), encoding="utf-8")
        new_data.write_text(json.dumps(changed(data), default=float, ensure_ascii=False), encoding="utf-8")
        draft, output, final = folder / "draft.docx", folder / "updated.docx", folder / "final.docx"
        report = Renderer().render(load(old_data))
        draft.write_bytes(edited(report))
        options = RenderOptions(template="", style="")
        update_report(new_data, draft, output, options, force=True)  # warm-up: templates, style, base
        kilobytes = len(zipfile.ZipFile(draft).read("word/document.xml")) // 1024
        print(f"{count} indicators: draft {draft.stat().st_size // 1024} KiB, document.xml {kilobytes} KiB")
        bound = median_s(lambda: lower_bound(draft.read_bytes()), runs)
        warm: dict[str, tuple[Callable[[], object], float | None]] = {
            "update (warm)": (lambda: update_report(new_data, draft, output, options, force=True), GOAL_S),
            "check --data (warm)": (lambda: check_report(draft, new_data), None),
            "check (warm)": (lambda: check_report(draft), None),
            "finalize (warm)": (lambda: finalize_report(draft, final, others="accept", force=True), None),
        }
        print(f"median of {runs} runs in one process; the bound: document.xml parsed + written by lxml")
        print(f"  {'lower bound (lxml parse + write)':<34} {bound * 1000:8.1f} ms")
        for title, (action, goal) in warm.items():
            line(title, median_s(action, runs), bound, goal)
        cold_runs = max(1, runs // 3)
        baseline = cold_s([sys.executable, "-c", "pass"], cold_runs)
        print(f"one process each (min of {cold_runs}; `python -c pass` takes {baseline * 1000:.0f} ms):")
        commands = {
            "reportgen update": ["update", str(new_data), str(draft), "-o", str(output), "--force"],
            "reportgen check --data": ["check", str(draft), "--data", str(new_data)],
            "reportgen finalize": ["finalize", str(draft), "-o", str(final), "--force", "--accept-others"],
        }
        for title, arguments in commands.items():
            line(title, cold_s([sys.executable, "-m", "reportgen", *arguments], cold_runs), bound)


if __name__ == "__main__":
    main()
