"""A batch held in memory: units' data in, one zip out with a report per unit, 汇总.xlsx and
汇总报告.docx — what ``reportgen batch`` writes into a folder, for the web application's
bureau batch (which has its units' data in the database and no folder to write to).

The units are rendered, named and summarised by the code ``reportgen batch`` uses
(:mod:`reportgen.features.batch.run`, ``workers``, ``summary``); only the writing differs:
no folder, ledger or journal, since the result is one download made again from scratch each
time. A unit that fails (data that is not valid, a template's error, a crashed worker) is a
failed row of both summaries and never stops the others.

The zip is deterministic: the same units and options give the same bytes (fixed
timestamps, summaries first and then the reports by name; the reports and summaries
themselves are deterministic; the summary report's 落款 is dated today unless
``SOURCE_DATE_EPOCH`` is set). Units whose data and options are the same are rendered once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from reportgen.api import Renderer, RenderOptions
from reportgen.data.raw import RawData
from reportgen.features.batch.run import (
    SUMMARY_NAMES,
    BatchResult,
    UnitResult,
    as_failed,
    crash_problem,
    rendered,
    report_names,
)
from reportgen.features.batch.summary import summary_files
from reportgen.features.batch.workers import run_jobs

__all__ = ["Bundle", "BundleUnit", "bundle_batch", "zip_members"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a plain rw-r--r-- file
# Word and Excel files are zips already: deflating them again saves a few per cent and costs
# most of the zip's time, so they are stored.
_STORED = zipfile.ZIP_STORED

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BundleUnit:
    """One unit of the batch: its name (which names its report), its data, and where that
    data came from as the summary's 数据文件 column shows it (its name when not given).

    ``options`` overrides the batch's for this unit (a report with its own template set or style).
    """

    name: str
    data: Mapping[str, Any]
    source: str = ""
    options: RenderOptions | None = None


@dataclass(frozen=True)
class Bundle:
    """The zip's bytes and every unit's result (in the order of the units given)."""

    content: bytes
    result: BatchResult

    @property
    def failed(self) -> list[UnitResult]:
        return self.result.failed


@dataclass(frozen=True)
class _Item:
    """One distinct rendering for a worker: the data, the options, and the index it answers."""

    index: int
    source: str
    data: Mapping[str, Any]
    options: RenderOptions


@dataclass(frozen=True)
class _Done:
    index: int
    result: UnitResult
    docx: bytes | None = None


@dataclass
class _Plan:
    """The distinct renderings, and which units each one answers."""

    items: list[_Item] = field(default_factory=list)
    answers: dict[int, list[int]] = field(default_factory=dict)


def bundle_batch(
    units: Sequence[BundleUnit],
    options: RenderOptions | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    context: BaseContext | None = None,
    nice: int = 0,
    bureau: str = "",
) -> Bundle:
    """Render ``units`` and zip their reports with both summaries; see the module docstring.

    ``progress(done, total)`` hears each unit finished (in this process, in the order they
    finish); ``workers`` processes render (default: one per CPU; 1 renders here), started
    by ``context`` (multiprocessing's default if None) and ``nice`` steps below this
    process's priority (a server's pages stay quick while a batch runs). A bad template,
    style or reference document of ``options`` raises before any unit, as ``reportgen
    batch`` does; one of a unit's own ``options`` fails that unit only. ``bureau`` signs the
    summary report; units of several years raise :class:`~reportgen.errors.OutputError`.
    The units are distinct by who gives them (the web's database), so units with the same
    data are not duplicates here, unlike the files of ``reportgen batch``.
    """
    options = options or RenderOptions()
    renderer = Renderer(options)  # the batch's options fail here, before any work
    names = report_names()
    outputs = [names(unit.name) for unit in units]
    results: list[UnitResult | None] = [None] * len(units)
    docs: dict[str, bytes] = {}
    plan = _plan(units, options)
    done = 0
    for finished in _execute(plan.items, renderer, workers or os.cpu_count() or 1, context, nice):
        for index in plan.answers[finished.index]:
            unit = units[index]
            result = replace(
                finished.result,
                source=unit.source or unit.name,
                output=outputs[index],
                unit=unit.name if finished.result.status == "failed" else finished.result.unit or unit.name,
                unmet=list(finished.result.unmet),
                problems=list(finished.result.problems),
            )
            results[index] = result
            if finished.docx is not None and result.status == "ok":
                docs[outputs[index]] = finished.docx
            done += 1
            if progress:
                progress(done, len(units))
    batch = BatchResult([r for r in results if r is not None], Path())
    files = summary_files(batch, renderer.stylesheet, bureau)
    members = [(name, files[name]) for name in SUMMARY_NAMES] + sorted(docs.items())
    return Bundle(zip_members(members), batch)


def _plan(units: Sequence[BundleUnit], options: RenderOptions) -> _Plan:
    plan = _Plan()
    first: dict[str, int] = {}
    for index, unit in enumerate(units):
        chosen = unit.options or options
        key = _key(unit.data, chosen)
        if key in first:
            plan.answers[first[key]].append(index)
            continue
        first[key] = index
        plan.answers[index] = [index]
        plan.items.append(_Item(index, unit.source or unit.name, unit.data, chosen))
    return plan


def _key(data: Mapping[str, Any], options: RenderOptions) -> str:
    text = json.dumps([data, str(options)], default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def zip_members(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip of ``members`` in the order given, byte-identical for the same members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = _STORED
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            target.writestr(info, content)
    return out.getvalue()


# --- workers -----------------------------------------------------------------------------

_RENDERERS: dict[RenderOptions, Renderer] = {}  # a worker process's renderers, by options


def _init_worker(options: RenderOptions, nice: int) -> None:
    if nice > 0 and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)
    _RENDERERS[options] = Renderer(options)


def _render_in_worker(item: _Item) -> _Done:
    return _render(item, _RENDERERS)


def _render(item: _Item, renderers: dict[RenderOptions, Renderer]) -> _Done:
    """Render one distinct unit with the renderer of its options (loaded once); never raises."""
    result = UnitResult(item.source, "", "failed")
    try:
        renderer = renderers.get(item.options)
        if renderer is None:
            renderer = renderers[item.options] = Renderer(item.options)
        docx = rendered(renderer, RawData(item.source, dict(item.data)), result)
    except Exception as exc:  # anything at all: this unit fails, the batch goes on
        return _Done(item.index, as_failed(result, exc))
    if docx is None:
        return _Done(item.index, result)
    result.status = "ok"
    return _Done(item.index, result, docx)


def _crashed(item: _Item, exc: BaseException) -> _Done:
    return _Done(item.index, UnitResult(item.source, "", "failed", problems=[crash_problem(exc)]))


def _execute(
    items: list[_Item], renderer: Renderer, workers: int, context: BaseContext | None, nice: int
) -> Iterator[_Done]:
    """Every item rendered, in the order they finish: here with ``renderer`` (one worker, or
    one item), else in a pool of processes that load the batch's renderer once each."""
    if workers <= 1 or len(items) <= 1:
        renderers = {renderer.options: renderer}
        yield from (_render(item, renderers) for item in items)
        return
    yield from run_jobs(items, _render_in_worker, _crashed, workers, _init_worker, (renderer.options, nice), context)
