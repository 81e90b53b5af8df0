"""Batch runs for bureaus: many units in, one report each plus a summary, in parallel.

Inputs are data files, folders of them, or multi-unit workbooks. Each unit is a job; a
process pool runs the jobs with templates and styles loaded once per worker. A unit that
fails is reported with its errors and never stops the others. A unit whose input, options
and reportgen version are unchanged since its report was written is skipped (the manifest
``.reportgen-batch.json`` in the output folder remembers), unless ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportgen._version import __version__
from reportgen.api import Checked, Renderer, RenderOptions, check_data, write_atomic
from reportgen.errors import DataError, ReportgenError
from reportgen.filenames import safe_stem
from reportgen.fmt import pct, score
from reportgen.scoring import Status
from reportgen.sources import RawData, read_data

MANIFEST = ".reportgen-batch.json"
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


@dataclass(frozen=True)
class Job:
    """One unit to render: a file, or one unit of a multi-unit workbook (``raw`` given)."""

    source: str
    output: str
    fingerprint: str
    raw: RawData | None = None


@dataclass
class UnitResult:
    """What happened to one unit; also the row of the summary."""

    source: str
    output: str
    status: str  # ok | skipped | failed
    unit: str = ""
    year: int | None = None
    total: str = ""
    grade: str = ""
    execution_rate: str = ""
    execution_low: bool = False
    warnings: int = 0
    unmet: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    """Every unit's result, in input order."""

    units: list[UnitResult]
    outdir: Path

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if u.status == "failed"]


def expand_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their data files (sorted, not recursive)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def plan(inputs: Iterable[Path], options: RenderOptions) -> tuple[list[Job], list[UnitResult]]:
    """Jobs for every unit, and failures found while listing them (unreadable workbooks)."""
    jobs: list[Job] = []
    failures: list[UnitResult] = []
    names: set[str] = set()
    salt = _options_salt(options)
    for path in expand_inputs(inputs):
        if not path.exists():
            failures.append(UnitResult(str(path), "", "failed", problems=["文件不存在，请检查路径。"]))
            continue
        if path.suffix.lower() == ".xlsx" and _multi_unit(path):
            try:
                units = _read_units(path)
            except DataError as exc:
                failures.append(UnitResult(str(path), "", "failed", problems=_messages(exc)))
                continue
            for raw in units:
                digest = _digest(json.dumps(raw.data, default=str, sort_keys=True).encode(), salt)
                name = _unique(_safe(raw.file.rsplit("#", 1)[-1]), names)
                jobs.append(Job(raw.file, f"{name}.docx", digest, raw))
        else:
            name = _unique(_safe(path.stem), names)
            jobs.append(Job(str(path), f"{name}.docx", _digest(path.read_bytes(), salt)))
    return jobs, failures


def _multi_unit(path: Path) -> bool:
    from reportgen.excel import is_multi_unit

    return is_multi_unit(path)


def _read_units(path: Path) -> list[RawData]:
    from reportgen.excel import read_units

    return read_units(path)


def _options_salt(options: RenderOptions) -> bytes:
    return json.dumps([__version__, str(options)], sort_keys=True).encode()


def _digest(data: bytes, salt: bytes) -> str:
    return hashlib.sha256(salt + b"\0" + data).hexdigest()


def _safe(name: str) -> str:
    return safe_stem(name)


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _messages(exc: ReportgenError) -> list[str]:
    if isinstance(exc, DataError):
        return [issue.describe() for issue in exc.issues]
    return [exc.message]


# --- workers -----------------------------------------------------------------------------

_RENDERER: Renderer | None = None


def _init_worker(options: RenderOptions) -> None:
    global _RENDERER
    _RENDERER = Renderer(options)


def _run_job(job: Job, outdir: str, force: bool) -> UnitResult:
    """Render one unit (in a worker); never raises for bad input."""
    assert _RENDERER is not None
    output = Path(outdir) / job.output
    result = UnitResult(job.source, job.output, "failed")
    try:
        raw = job.raw or read_data(Path(job.source))
        checked = check_data(raw)
        _fill(result, checked)
        if not checked.ok:
            result.problems = [issue.describe() for issue in checked.errors]
            return result
        write_atomic(output, _RENDERER.render(checked), force=force)
        result.status = "ok"
    except ReportgenError as exc:
        result.problems = _messages(exc)
    return result


def _fill(result: UnitResult, checked: Checked) -> None:
    if checked.report is None or checked.figures is None:
        return
    fig, report = checked.figures, checked.report
    result.unit = report.unit.name
    result.year = report.year
    result.total = score(fig.total)
    result.grade = fig.grade or ""
    result.execution_rate = pct(fig.budget.rate)
    result.execution_low = fig.budget.rate is not None and fig.budget.rate < 90
    result.warnings = len(checked.warnings)
    result.unmet = [r.indicator.name for r in fig.indicators if r.status is Status.UNMET]


# --- the run -----------------------------------------------------------------------------

Progress = Callable[[UnitResult], None]


def run_batch(inputs: Iterable[Path], outdir: Path, options: RenderOptions | None = None,
              jobs: int | None = None, force: bool = False, progress: Progress | None = None,
              on_plan: Callable[[int], None] | None = None) -> BatchResult:
    """Render every unit of ``inputs`` into ``outdir``; see the module docstring."""
    options = options or RenderOptions()
    outdir.mkdir(parents=True, exist_ok=True)
    planned, failures = plan(inputs, options)
    manifest = _read_manifest(outdir)
    todo, results = _skip_unchanged(planned, manifest, outdir, force)
    if on_plan:
        on_plan(len(planned) + len(failures))
    for result in failures + results:
        if progress:
            progress(result)
    overwrite = {job.output for job in todo if job.output in manifest}  # the batch's own earlier output
    done = list(_execute(todo, outdir, options, jobs or os.cpu_count() or 1, force, overwrite, progress))
    by_output = {r.output: r for r in results + done}
    ordered = failures + [by_output[job.output] for job in planned]
    _write_manifest(outdir, manifest, planned, by_output)
    return BatchResult(ordered, outdir)


def _skip_unchanged(planned: list[Job], manifest: dict[str, Any], outdir: Path,
                    force: bool) -> tuple[list[Job], list[UnitResult]]:
    todo: list[Job] = []
    skipped: list[UnitResult] = []
    for job in planned:
        entry = manifest.get(job.output)
        if not force and entry and entry.get("fingerprint") == job.fingerprint and (outdir / job.output).exists():
            result = UnitResult(**{**entry["result"], "status": "skipped"})
            skipped.append(result)
        else:
            todo.append(job)
    return todo, skipped


def _execute(todo: list[Job], outdir: Path, options: RenderOptions, workers: int, force: bool,
             overwrite: set[str], progress: Progress | None) -> Iterator[UnitResult]:
    args = [(job, str(outdir), force or job.output in overwrite) for job in todo]
    if workers <= 1 or len(todo) <= 1:
        _init_worker(options)
        results: Iterable[UnitResult] = (_run_job(*a) for a in args)
        yield from _reported(results, progress)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(options,)) as pool:
        chunk = max(1, min(32, len(args) // (workers * 4)))
        yield from _reported(pool.map(_run_star, args, chunksize=chunk), progress)


def _run_star(args: tuple[Job, str, bool]) -> UnitResult:
    return _run_job(*args)


def _reported(results: Iterable[UnitResult], progress: Progress | None) -> Iterator[UnitResult]:
    for result in results:
        if progress:
            progress(result)
        yield result


def _read_manifest(outdir: Path) -> dict[str, Any]:
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    units = data.get("units") if isinstance(data, dict) else None
    return units if isinstance(units, dict) else {}


def _write_manifest(outdir: Path, manifest: dict[str, Any], planned: list[Job],
                    results: dict[str, UnitResult]) -> None:
    for job in planned:
        result = results[job.output]
        if result.status == "ok":
            manifest[job.output] = {"fingerprint": job.fingerprint, "result": asdict(result)}
        elif result.status == "failed":
            manifest.pop(job.output, None)
    text = json.dumps({"version": 1, "units": manifest}, ensure_ascii=False, indent=1, sort_keys=True)
    write_atomic(outdir / MANIFEST, text.encode("utf-8"), force=True)
