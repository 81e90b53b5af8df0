"""Running mutated inputs through the public entry points in worker processes, within limits.

Each worker is a fresh interpreter (``spawn``) with its address space limited to 1 GiB
(``RLIMIT_AS``); the parent gives every case 10 seconds and kills a worker that takes
longer. An input is run as a user would run it: ``reportgen validate`` / ``reportgen check``
through the CLI (in-process), then rendering (valid data) or ``update`` (drafts) through the
API, and every XML part of a written document must parse. A failure is any exception that
is not a :class:`ReportgenError` (a traceback), a message that cannot be printed or holds an
English parser text, an exit code other than 0, 1 or 2, invalid XML in the output, a worker
killed by the timeout or dead for lack of memory.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import random
import resource
import tempfile
import time
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from fuzzing.mutate import mutate
from fuzzing.seeds import EXAMPLES, Seed, build_seeds

MEMORY_LIMIT = 2**30  # bytes of address space per worker
TIMEOUT = 10.0  # seconds per case
# English texts of parsers and Python that must never reach a user.
_ENGLISH = (
    "Traceback",
    "Error:",
    "Exception",
    "Node(tag",
    "did not find",
    "while parsing",
    "while scanning",
    "unacceptable character",
    "Expecting",
    "codec can't",
    '"<unicode string>"',
    "object has no attribute",
)


@dataclass(frozen=True)
class Case:
    index: int
    seed: str
    mutation: str
    name: str
    data: bytes


@dataclass
class Outcome:
    """How one case ended: ``status`` is ok (accepted), refused (a clear error) or failed."""

    case: Case
    status: str
    detail: str = ""
    seconds: float = 0.0
    peak_rss: int = 0  # bytes


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for outcome in self.outcomes:
            found[outcome.status] = found.get(outcome.status, 0) + 1
        return found

    def report(self) -> str:
        slowest = max(self.outcomes, key=lambda o: o.seconds, default=None)
        biggest = max(self.outcomes, key=lambda o: o.peak_rss, default=None)
        by_kind: dict[str, int] = {}
        for outcome in self.outcomes:
            kind = outcome.case.name.rsplit(".", 1)[-1]
            by_kind[kind] = by_kind.get(kind, 0) + 1
        lines = [f"cases: {len(self.outcomes)} {by_kind}; outcomes: {self.counts()}"]
        if slowest is not None and biggest is not None:
            lines.append(
                f"slowest: {slowest.seconds:.2f} s (case {slowest.case.index}, {slowest.case.mutation}); "
                f"largest peak RSS: {biggest.peak_rss / 2**20:.0f} MB (case {biggest.case.index}, "
                f"{biggest.case.mutation})"
            )
        for failure in self.failures[:20]:
            case = failure.case
            lines.append(f"FAILED seed={case.seed} index={case.index} {case.name} {case.mutation}: {failure.detail}")
        return "\n".join(lines)


def cases(seed: str, count: int, seeds: list[Seed] | None = None, start: int = 0) -> Iterator[Case]:
    """``count`` mutated inputs; case ``i`` depends only on ``seed`` and ``i``."""
    pool = seeds or build_seeds()
    for index in range(start, start + count):
        rng = random.Random(f"{seed}:{index}")
        chosen = rng.choice(pool)
        mutation, data = mutate(rng, chosen.kind, chosen.data)
        yield Case(index, seed, mutation, chosen.name, data)


# --- in the worker ------------------------------------------------------------------------


def _printable(text: str, where: str) -> None:
    text.encode("utf-8")  # UnicodeEncodeError (a lone surrogate) is a failure: it cannot be printed
    for english in _ENGLISH:
        if english in text:
            raise AssertionError(f"{where} holds “{english}”: {text[:300]}")


def _valid_xml(document: bytes, where: str) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(document)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(package.read(name))
                except etree.XMLSyntaxError as exc:
                    raise AssertionError(f"{where}: invalid XML in {name}: {exc}") from None


class _Run:
    """The entry points for one input file, as a user reaches them."""

    def __init__(self) -> None:
        from typer.testing import CliRunner

        from reportgen import api

        self.api = api
        self.cli = CliRunner()
        self.renderer = api.Renderer()
        self.data = EXAMPLES[0]

    def _command(self, *args: str) -> None:
        from reportgen.cli import app

        result = self.cli.invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        if result.exit_code not in (0, 1, 2):
            raise AssertionError(f"exit code {result.exit_code}")
        _printable(result.output, f"reportgen {args[0]}")

    def __call__(self, path: Path, work: Path) -> str:
        from reportgen.errors import ReportgenError

        if path.suffix == ".docx":
            self._command("check", str(path))
            out = work / "updated.docx"
            try:
                self.api.update_report(self.data, path, out, force=True)
            except ReportgenError as exc:
                _printable(exc.message, "update")
                return "refused"
            _valid_xml(out.read_bytes(), "update")
            return "ok"
        self._command("validate", str(path))
        try:
            checked = self.api.load(path)
        except ReportgenError as exc:
            _printable(exc.message, "load")
            return "refused"
        for issue in checked.issues:
            _printable(issue.describe(str(path)), "issue")
        if not checked.ok:
            return "refused"
        _valid_xml(self.renderer.render(checked), "render")
        return "ok"


def _peak_reset() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def worker_main(conn: Connection, memory_limit: int) -> None:
    """A worker: limit the address space, then run the cases the parent sends until None."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    run = _Run()
    with tempfile.TemporaryDirectory(prefix="rgfuzz-") as folder:
        work = Path(folder)
        while (message := conn.recv()) is not None:
            name, data = message
            path = work / f"case.{name.rsplit('.', 1)[-1]}"
            path.write_bytes(data)
            _peak_reset()
            start = time.perf_counter()
            try:
                status, detail = run(path, work), ""
            except BaseException as exc:
                status, detail = "failed", "".join(traceback.format_exception(exc))[-3000:]
            conn.send((status, detail, time.perf_counter() - start, _peak()))
            del data


# --- in the parent ------------------------------------------------------------------------


class _Worker:
    def __init__(self, context: Any, memory_limit: int) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = context.Process(target=worker_main, args=(child, memory_limit), daemon=True)
        self.process.start()
        child.close()
        self.case: Case | None = None
        self.started = 0.0

    def send(self, case: Case) -> None:
        self.case, self.started = case, time.monotonic()
        self.conn.send((case.name, case.data))

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run_cases(
    all_cases: Iterator[Case],
    jobs: int = 2,
    timeout: float = TIMEOUT,
    memory_limit: int = MEMORY_LIMIT,
    save: Path | None = None,
) -> Summary:
    """Run every case in ``jobs`` workers; failing inputs are saved in ``save`` with their traceback."""
    context = multiprocessing.get_context("spawn")
    summary = Summary()
    workers = [_Worker(context, memory_limit) for _ in range(jobs)]
    pending = iter(all_cases)

    def feed(worker: _Worker) -> bool:
        case = next(pending, None)
        if case is None:
            worker.case = None
            return False
        worker.send(case)
        return True

    def record(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if outcome.status == "failed" and save is not None:
            save.mkdir(parents=True, exist_ok=True)
            stem = f"{outcome.case.seed}-{outcome.case.index}"
            (save / f"{stem}-{outcome.case.name}").write_bytes(outcome.case.data)
            (save / f"{stem}.txt").write_text(f"{outcome.case.mutation}\n{outcome.detail}", encoding="utf-8")

    try:
        busy = [w for w in workers if feed(w)]
        while busy:
            now = time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.05, min(w.started + timeout for w in busy) - now))
            for index, worker in enumerate(list(workers)):
                if worker not in busy:
                    continue
                case = worker.case
                assert case is not None
                replacement = None
                if worker.conn in ready:
                    try:
                        status, detail, seconds, peak = worker.conn.recv()
                        record(Outcome(case, status, detail, seconds, peak))
                    except (EOFError, OSError):
                        code = worker.process.exitcode if not worker.process.is_alive() else None
                        record(
                            Outcome(
                                case,
                                "failed",
                                f"worker died (exit code {code}; out of memory or a crash)",
                                time.monotonic() - worker.started,
                            )
                        )
                        replacement = _Worker(context, memory_limit)
                elif time.monotonic() - worker.started > timeout:
                    record(Outcome(case, "failed", f"timeout: no result after {timeout:.0f} s", timeout))
                    replacement = _Worker(context, memory_limit)
                else:
                    continue
                if replacement is not None:
                    worker.kill()
                    workers[index] = worker = replacement
                busy = [w for w in workers if w is not worker and w in busy]
                if feed(worker):
                    busy.append(worker)
    finally:
        for worker in workers:
            worker.stop()
    return summary
