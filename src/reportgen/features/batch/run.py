"""Batch runs for bureaus: many units in, one report each plus a summary, in parallel.

Inputs are data files, folders of them, or multi-unit workbooks. Each unit is a job; a
process pool (:mod:`reportgen.features.batch.workers`) runs the jobs with templates and styles loaded once
per worker. Whatever goes wrong with one unit — bad data, a file that cannot be written,
a bug, a crashed worker — makes that unit a failed row of the summary and never stops the
others. A unit whose input, options and reportgen version are unchanged since its report was
written is skipped unless ``force``; so is a unit whose data was found not valid and has not
changed since (it fails again, with the same problems, without being checked again).

The output folder belongs to one batch at a time and remembers what it wrote
(:mod:`reportgen.features.batch.ledger`): each unit is recorded as it finishes, so a rerun after a kill
carries on where it stopped. A batch replaces only its own earlier outputs (see
:mod:`reportgen.support.output`): a report or summary whose recorded hash matches, a report
identical to the new one; other reportgen reports (an editor's draft) only with ``force``;
any other file never. The summary names (:data:`SUMMARY_NAMES`) are never given to a unit.

The same unit given twice (two files, or a workbook's row and a file) fails both, each
naming the other (:mod:`reportgen.features.batch.consistency`), so none is ranked twice.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reportgen._version import __version__
from reportgen.api import Checked, Renderer, RenderOptions, render_unit
from reportgen.data.raw import RawData
from reportgen.data.vocabulary import LOW_EXECUTION_RATE
from reportgen.errors import DataError, OutputError, ReportgenError
from reportgen.features.batch.consistency import mark_duplicates
from reportgen.features.batch.facts import in_wan, issue_notes, raw_name, raw_year
from reportgen.features.batch.ledger import JOURNAL, LOCK, MANIFEST, Ledger, folder_lock
from reportgen.features.batch.workers import run_jobs
from reportgen.features.pdf_server import pdf_pool
from reportgen.figures.fmt import pct, score
from reportgen.figures.scoring import Status
from reportgen.support.filenames import safe_stem
from reportgen.support.output import (
    ensure_writable,
    made_by_reportgen,
    make_durable,
    make_folder,
    recorded,
    sha256_of,
    stale_temps,
    write_atomic,
)

__all__ = [
    "JOURNAL",
    "LOCK",
    "MANIFEST",
    "SUMMARY_NAMES",
    "BatchResult",
    "UnitResult",
    "as_failed",
    "crash_problem",
    "plan",
    "rendered",
    "report_names",
    "run_batch",
]

SUMMARY_NAMES = ("汇总.xlsx", "汇总报告.docx")
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
REPORT_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"
MAX_OFFICES = 4  # each warm LibreOffice holds about 300 MB
# A report's name is cut to this many bytes (60 Chinese characters; the longest real unit
# names have about 40) so that it, its "_2" and its temporary file stay under the 255-byte
# limit of file names.
NAME_BYTES = 180
_MESSAGE_CHARS = 300
_READ_REASONS = {
    errno.EISDIR: "这是一个目录，不是数据文件",
    errno.EACCES: "没有读取权限，请检查文件权限",
    errno.ENOENT: "文件不存在或已被移走",
    errno.EIO: "读取出错（磁盘或网络故障），请检查后重试",
}


@dataclass(frozen=True)
class Job:
    """One unit to render: a file, or one unit of a multi-unit workbook (``raw`` given)."""

    source: str
    output: str
    fingerprint: str
    raw: RawData | None = None


@dataclass(frozen=True)
class Task:
    """A job as a worker gets it: where to write, and which file there is the batch's own."""

    job: Job
    outdir: str
    force: bool
    recorded: tuple[str, ...] = ()


@dataclass
class UnitResult:
    """What happened to one unit; also the row of the summary."""

    source: str
    output: str
    status: str  # ok | skipped | failed
    unit: str = ""
    year: int | None = None
    code: str = ""  # 单位代码, when the data has one
    kind: str = ""  # department | project
    budget: str = ""  # 全年预算数 in 万元, two decimals
    executed: str = ""  # 全年执行数 in 万元, two decimals
    total: str = ""
    grade: str = ""
    execution_rate: str = ""
    execution_low: bool = False
    warnings: int = 0
    unmet: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # errors and warnings as the summary words them
    sha256: str = ""
    invalid: bool = False  # failed on its data alone: the same data, options and version fail the same way

    def record(self) -> dict[str, object]:
        """Every field, as the ledger keeps it (``dataclasses.asdict`` without its deep copy)."""
        return {name: list(value) if isinstance(value, list) else value for name, value in vars(self).items()}


@dataclass
class BatchResult:
    """Every unit's result, in input order, and the summaries written (or why not)."""

    units: list[UnitResult]
    outdir: Path
    summaries: list[Path] = field(default_factory=list)
    summary_error: str = ""

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if u.status == "failed"]


class Summary(Protocol):
    """The summary files of a batch (:class:`reportgen.features.batch.summary.Summary`)."""

    def keys(self, result: BatchResult) -> Mapping[str, str]:
        """Each file's key by name: the same key, the same bytes. May raise :class:`OutputError`."""
        ...

    def make(self, result: BatchResult, name: str) -> bytes:
        """The content of file ``name``."""
        ...


Progress = Callable[[UnitResult], None]


def expand_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their data files (sorted, not recursive)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            try:
                entries = sorted(path.iterdir(), key=_sort_key)
            except OSError as exc:
                raise OutputError(f"无法读取目录 {path}：{exc.strerror or exc}。") from None
            found += [p for p in entries if p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith(("~$", "."))]
        else:
            found.append(path)
    return found


def _sort_key(path: Path) -> str:
    """The order of a folder's files: the order of their paths (case-insensitive where the file system is)."""
    return os.path.normcase(path.name)


def plan(
    inputs: Iterable[Path], options: RenderOptions, own: Callable[[Path], bool] = lambda _: False
) -> tuple[list[Job], list[UnitResult]]:
    """Jobs for every unit, and failures found while listing them (unreadable files and workbooks).

    Files for which ``own`` is true (the batch's own summaries, when the output folder is
    also an input folder) are not inputs.
    """
    jobs: list[Job] = []
    failures: list[UnitResult] = []
    names = _Names()
    salt = _options_salt(options)
    for path in (p for p in expand_inputs(inputs) if not own(p)):
        try:
            found, failed = _plan_file(path, salt, names)
        except Exception as exc:  # one unreadable input is one failed unit, whatever the cause
            found, failed = [], [UnitResult(str(path), "", "failed", problems=[_problem(exc)])]
        jobs += found
        failures += failed
    return jobs, failures


def _plan_file(path: Path, salt: bytes, names: _Names) -> tuple[list[Job], list[UnitResult]]:
    if not path.exists():
        return [], [UnitResult(str(path), "", "failed", problems=["文件不存在，请检查路径。"])]
    if path.suffix.lower() == ".xlsx":
        try:
            units = _workbook_units(path)
        except DataError as exc:
            return [], [UnitResult(str(path), "", "failed", problems=_messages(exc))]
        if units is not None:
            return _plan_workbook(units, salt, names)
    digest = _digest(path.read_bytes(), salt)
    return [Job(str(path), names.take(path.stem), digest)], []


def _plan_workbook(units: list[RawData | DataError], salt: bytes, names: _Names) -> tuple[list[Job], list[UnitResult]]:
    jobs: list[Job] = []
    failures: list[UnitResult] = []
    for unit in units:
        if isinstance(unit, DataError):
            name = unit.file.rsplit("#", 1)[-1]
            failed = UnitResult(
                unit.file, "", "failed", unit=name, problems=_messages(unit), notes=issue_notes(unit.issues)
            )
            failures.append(failed)
            continue
        digest = _digest(json.dumps(unit.data, default=str, sort_keys=True).encode(), salt)
        jobs.append(Job(unit.file, names.take(unit.file.rsplit("#", 1)[-1]), digest, unit))
    return jobs, failures


def _workbook_units(path: Path) -> list[RawData | DataError] | None:
    """The units of a multi-unit workbook (each one's data, or why it fails), from one opening
    of it; None when ``path`` is no multi-unit workbook (it is then one unit's data file)."""
    from reportgen.data.excel import read_multi_unit

    return read_multi_unit(path)


def _options_salt(options: RenderOptions) -> bytes:
    return json.dumps([__version__, str(options)], sort_keys=True).encode()


def _digest(data: bytes, salt: bytes) -> str:
    return hashlib.sha256(salt + b"\0" + data).hexdigest()


class _Names:
    """Report file names: safe, short enough, distinct (also on case-insensitive file
    systems), and never a summary's name."""

    def __init__(self) -> None:
        self.taken = {_fold(Path(name).stem) for name in SUMMARY_NAMES}

    def take(self, name: str) -> str:
        base = safe_name(name)
        candidate, n = base, 2
        while _fold(candidate) in self.taken:
            candidate, n = f"{base}_{n}", n + 1
        self.taken.add(_fold(candidate))
        return candidate + REPORT_SUFFIX


def report_names() -> Callable[[str], str]:
    """Report file names for one batch's units, by unit name: safe, distinct, never a summary's
    (``"单位"`` → ``"单位.docx"``, a second ``"单位"`` → ``"单位_2.docx"``)."""
    return _Names().take


def safe_name(name: str) -> str:
    """``name`` as a file name stem (see :func:`reportgen.support.filenames.safe_stem`), at most NAME_BYTES."""
    return safe_stem(unicodedata.normalize("NFC", name), max_bytes=NAME_BYTES)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _messages(exc: ReportgenError) -> list[str]:
    if isinstance(exc, DataError):
        return [issue.describe() for issue in exc.issues]
    return [exc.message]


def _problem(exc: BaseException) -> str:
    """One line for a failure: the user's problem as reportgen words it, or an internal error."""
    if isinstance(exc, ReportgenError):
        return "；".join(_messages(exc))
    if isinstance(exc, OSError):
        reason = _READ_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        return f"无法读取 {exc.filename or ''}：{reason}。"
    text = str(exc)
    if len(text) > _MESSAGE_CHARS:
        text = text[:_MESSAGE_CHARS] + "…"
    return (
        f"内部错误：{type(exc).__name__}: {text}。这是 reportgen 的缺陷，不是数据的问题；"
        "请把数据文件和这条信息报告给开发者。其他单位不受影响。"
    )


# --- workers -----------------------------------------------------------------------------

_RENDERER: Renderer | None = None


def _init_worker(options: RenderOptions) -> None:
    global _RENDERER
    _RENDERER = Renderer(options)


def _run_task(task: Task) -> UnitResult:
    """Render one unit (in a worker); never raises."""
    job = task.job
    result = UnitResult(job.source, job.output, "failed", unit=job.source.rsplit("#", 1)[-1] if job.raw else "")
    try:
        _render(task, result)
    except Exception as exc:  # anything at all: this unit fails, the batch goes on
        return as_failed(result, exc)
    return result


def rendered(renderer: Renderer, source: RawData | Path, result: UnitResult) -> bytes | None:
    """Check and render one unit, its figures and hash filled into ``result``; None (and
    ``result.problems``) when the data is not valid. May raise for anything else."""
    unit = render_unit(renderer, source)
    checked, data = unit.checked, unit.docx
    _fill(result, checked)
    result.notes = issue_notes(checked.issues)
    if data is None:
        result.problems = [issue.describe() for issue in checked.errors]
        return None
    result.sha256 = hashlib.sha256(data).hexdigest()
    return data


def as_failed(result: UnitResult, exc: Exception) -> UnitResult:
    """``result`` as a failed unit, for whatever went wrong with it."""
    result.status = "failed"
    result.problems = _messages(exc) if isinstance(exc, ReportgenError) else [_problem(exc)]
    result.notes = issue_notes(exc.issues) if isinstance(exc, DataError) else []
    return result


def _render(task: Task, result: UnitResult) -> None:
    assert _RENDERER is not None
    job = task.job
    data = rendered(_RENDERER, job.raw or Path(job.source), result)
    if data is None:
        result.invalid = True
        return
    output = Path(task.outdir) / job.output
    current = sha256_of(output)
    if current != result.sha256:  # an identical report there already is this one: nothing to write
        ours = current is not None and current in task.recorded

        def recognised(path: Path) -> bool:
            return ours or made_by_reportgen(path)

        write_atomic(output, data, force=task.force or ours, ours=recognised, durable=False)  # the recorder syncs it
    result.status = "ok"


def _crashed(task: Task, exc: BaseException) -> UnitResult:
    return UnitResult(task.job.source, task.job.output, "failed", problems=[crash_problem(exc)])


def crash_problem(exc: BaseException) -> str:
    """The problem of a unit whose worker died on it (or whose result could not come back)."""
    if isinstance(exc, BrokenProcessPool):
        return "处理该单位的进程意外退出（可能是内存不足或程序崩溃）：这是 reportgen 的问题，请把数据文件报告给开发者。"
    return _problem(exc)


def _fill(result: UnitResult, checked: Checked) -> None:
    if checked.report is None or checked.figures is None:
        result.unit, result.year = result.unit or raw_name(checked.raw.data), raw_year(checked.raw.data)
        return
    fig, report = checked.figures, checked.report
    result.unit = report.unit.name
    result.year = report.year
    result.code = report.unit.code or ""
    result.kind = report.kind
    result.budget = in_wan(fig.budget.adjusted, fig.unit)
    result.executed = in_wan(fig.budget.executed, fig.unit)
    result.total = score(fig.total) if fig.total is not None else ""  # a draft has no total yet
    result.grade = fig.grade or ""
    result.execution_rate = pct(fig.budget.rate)
    result.execution_low = fig.budget.rate is not None and fig.budget.rate < LOW_EXECUTION_RATE
    result.warnings = len(checked.warnings)
    result.unmet = [r.indicator.name for r in fig.indicators if r.status is Status.UNMET]


# --- the run -----------------------------------------------------------------------------


def run_batch(
    inputs: Iterable[Path],
    outdir: Path,
    options: RenderOptions | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
    summary: Summary | None = None,
    pdf: bool = False,
) -> BatchResult:
    """Render every unit of ``inputs`` into ``outdir``, then the files ``summary`` makes; see the module docstring.

    With ``pdf`` each report also gets its PDF beside it (same name, ``.pdf``), all made by
    warm LibreOffice — one per job, at most :data:`MAX_OFFICES` — while the workers render
    (:mod:`reportgen.features.pdf_server`); a unit whose PDF fails is a failed unit (its
    .docx stays), done again by the next run.

    Problems of the output folder itself (not a folder, locked by another batch, a summary
    name held by a file that is not ours) raise :class:`OutputError` before any work.
    """
    options = options or RenderOptions()
    inputs = list(inputs)
    make_folder(outdir)
    with folder_lock(outdir):
        ledger = Ledger.open(outdir)
        try:
            if summary is not None:
                for name in SUMMARY_NAMES:
                    ensure_writable(outdir / name, force=True, ours=_summary_ours(ledger, name))
            workers = jobs or os.cpu_count() or 1
            batch = _run(inputs, outdir, options, workers, force, ledger, progress, on_plan, pdf)
            if summary is not None:
                _write_summaries(batch, summary, ledger, force)
        finally:
            ledger.close()
    return batch


def _run(
    inputs: list[Path],
    outdir: Path,
    options: RenderOptions,
    workers: int,
    force: bool,
    ledger: Ledger,
    progress: Progress | None,
    on_plan: Callable[[int], None] | None,
    pdf: bool = False,
) -> BatchResult:
    planned, failures = plan(inputs, options, own=lambda path: _own_summary(outdir, ledger, path))
    outputs = [job.output for job in planned] + ([pdf_name(job.output) for job in planned] if pdf else [])
    for temp in stale_temps(outdir, [*outputs, *SUMMARY_NAMES, MANIFEST]):
        temp.unlink(missing_ok=True)  # left by a run killed while writing
    todo, skipped = _skip_unchanged(planned, ledger, outdir, force, pdf)
    if on_plan:
        on_plan(len(planned) + len(failures))
    for result in failures + skipped:
        if progress:
            progress(result)
    by_output = {r.output: r for r in skipped}
    tasks = [Task(job, str(outdir), force, tuple(ledger.hashes(job.output))) for job in todo]
    fingerprints = {job.output: job.fingerprint for job in todo}

    def durably_record(result: UnitResult) -> None:
        _record(_durable(result, outdir), fingerprints, ledger, by_output, progress)

    # One thread records the units in the order they finish: it first has each report on the
    # disk (a worker writes it without waiting for that), so a recorded unit's report survives
    # a power cut, and the workers go on rendering meanwhile.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportgen-record") as recorder:
        recording: list[Future[None]] = []

        def record(result: UnitResult) -> None:
            recording.append(recorder.submit(durably_record, result))
            for done in [f for f in recording if f.done()]:
                recording.remove(done)
                done.result()  # a journal that cannot be written stops the batch, as before

        with pdf_pool(min(workers, MAX_OFFICES)) if pdf and tasks else contextlib.nullcontext() as pool:
            converting: dict[Future[bytes], UnitResult] = {}
            for result in _execute(tasks, options, workers):
                if pool is not None and result.status == "ok":
                    converting[pool.submit(outdir / result.output)] = result
                else:
                    record(result)
                for future in [f for f in converting if f.done()]:
                    record(_with_pdf(converting.pop(future), future, outdir, force))
            for future in as_completed(converting):
                record(_with_pdf(converting[future], future, outdir, force))
        for finishing in recording:
            finishing.result()
    units = failures + [by_output[job.output] for job in planned]
    mark_duplicates(units)
    return BatchResult(units, outdir)


def _record(
    result: UnitResult,
    fingerprints: Mapping[str, str],
    ledger: Ledger,
    by_output: dict[str, UnitResult],
    progress: Progress | None,
) -> None:
    if result.status == "ok":
        ledger.finished(result.output, fingerprints[result.output], result.sha256, result.record())
    elif result.invalid:
        ledger.invalid(result.output, fingerprints[result.output], result.record())
    else:
        ledger.failed(result.output)
    by_output[result.output] = result
    if progress:
        progress(result)


def _durable(result: UnitResult, outdir: Path) -> UnitResult:
    """``result`` once its report is on the disk; failed if it cannot be put there."""
    if result.status == "ok":
        try:
            make_durable(outdir / result.output)
        except OutputError as exc:
            return as_failed(result, exc)
    return result


def pdf_name(output: str) -> str:
    """The PDF beside report ``output`` (``单位.docx`` → ``单位.pdf``)."""
    return str(Path(output).with_suffix(PDF_SUFFIX))


def _with_pdf(result: UnitResult, converted: Future[bytes], outdir: Path, force: bool) -> UnitResult:
    """``result`` with the PDF of its report written beside it; failed if that failed (its .docx stays)."""
    try:
        write_atomic(outdir / pdf_name(result.output), converted.result(), force=force)
    except Exception as exc:  # whatever it is, it is this unit's PDF only: the batch goes on
        problem = _messages(exc) if isinstance(exc, ReportgenError) else [_problem(exc)]
        result.status = "failed"
        result.problems = [f"报告已生成，但 PDF 未能生成：{'；'.join(problem)}"]
    return result


def _skip_unchanged(
    planned: list[Job], ledger: Ledger, outdir: Path, force: bool, pdf: bool = False
) -> tuple[list[Job], list[UnitResult]]:
    todo: list[Job] = []
    skipped: list[UnitResult] = []
    for job in planned:
        entry = ledger.unit(job.output)
        if not force and entry and entry.get("fingerprint") == job.fingerprint:
            invalid = entry.get("invalid") is True
            if invalid or ((outdir / job.output).exists() and (not pdf or (outdir / pdf_name(job.output)).exists())):
                try:
                    skipped.append(UnitResult(**{**entry["result"], "status": "failed" if invalid else "skipped"}))
                    continue
                except (TypeError, KeyError):
                    pass  # a record of another reportgen version: redo the unit
        todo.append(job)
    return todo, skipped


def _execute(tasks: list[Task], options: RenderOptions, workers: int) -> Iterator[UnitResult]:
    if workers <= 1 or len(tasks) <= 1:
        _init_worker(options)
        yield from (_run_task(task) for task in tasks)
        return
    yield from run_jobs(tasks, _run_task, _crashed, workers, _init_worker, (options,))


def _own_summary(outdir: Path, ledger: Ledger, path: Path) -> bool:
    """Whether ``path`` is a summary this folder's batches wrote (so not an input of this one)."""
    if path.name not in SUMMARY_NAMES or path.parent.resolve() != outdir.resolve():
        return False
    return recorded(ledger.hashes(path.name))(path)


def _summary_ours(ledger: Ledger, name: str) -> Callable[[Path], bool]:
    """A summary is ours if its hash is recorded; a manifest of reportgen < 2 recorded none,
    so beside one a summary is recognised by its content."""
    known = recorded(ledger.hashes(name))
    return lambda path: known(path) or (ledger.legacy and _looks_like_summary(path))


def _looks_like_summary(path: Path) -> bool:
    from reportgen.features.batch.summary import is_summary  # summary imports this module; only old folders need it

    return is_summary(path)


def _write_summaries(batch: BatchResult, summary: Summary, ledger: Ledger, force: bool = False) -> None:
    """Each summary made and written, unless (without ``force``) the file there is the one its key names."""
    try:
        for name, key in summary.keys(batch).items():
            path = batch.outdir / name
            if force or not ledger.kept(name, key):
                data = summary.make(batch, name)
                ours = _summary_ours(ledger, name)
                ledger.writing(name, hashlib.sha256(data).hexdigest(), key)
                write_atomic(path, data, force=True, ours=ours)
            batch.summaries.append(path)
    except OutputError as exc:
        batch.summary_error = exc.message
