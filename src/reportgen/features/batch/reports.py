"""``reportgen batch``: the options checked before any work, then the units and the summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportgen.api import Renderer, RenderOptions
from reportgen.features.batch.run import BatchResult, Progress, run_batch
from reportgen.features.batch.summary import summary_files


def batch_reports(
    inputs: Iterable[Path],
    outdir: Path,
    options: RenderOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    bureau: str = "",
    on_notice: Callable[[str], None] = lambda _: None,
    on_ready: Callable[[], None] = lambda: None,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BatchResult:
    """Render every unit of ``inputs`` into ``outdir`` with the summary table and report
    (see :func:`~reportgen.features.batch.run.run_batch`).

    A bad template, style or reference document fails here, before any unit; ``on_notice``
    hears what the reference document cannot provide, ``on_ready`` that the work begins;
    ``bureau`` signs the summary report.
    """
    renderer = Renderer(options)
    for notice in renderer.notices:
        on_notice(notice)
    on_ready()
    return run_batch(
        inputs,
        outdir,
        options,
        jobs=jobs,
        force=force,
        progress=progress,
        on_plan=on_plan,
        summary=lambda result: summary_files(result, renderer.stylesheet, bureau),
    )
