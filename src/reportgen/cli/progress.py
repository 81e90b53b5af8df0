"""Batch progress for people: a rich progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from reportgen.data.vocabulary import UNIT_STATUS
from reportgen.features.batch.run import UnitResult


class BatchProgress:
    """Context manager giving ``begin()``, ``start(total)`` and ``advance(result)`` callbacks."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.live = sys.stderr.isatty()
        self.total = 0
        self.done = 0
        self._bar: Progress | None = None
        self._task = TaskID(0)

    def __enter__(self) -> BatchProgress:
        return self

    def begin(self) -> None:
        """Show the bar (on a terminal): the options are loaded, the work begins."""
        if self.live:
            self._bar = Progress(
                TextColumn("生成报告"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self.console,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=None)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def start(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def advance(self, result: UnitResult) -> None:
        self.done += 1
        name = result.unit or result.source
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=name)
            if result.status == "failed":
                self._bar.console.print(f"[red]失败[/red] {name}")
            return
        detail = f"（{result.total}分，{result.grade}）" if result.status != "failed" and result.total else ""
        print(f"[{self.done}/{self.total}] {name}：{UNIT_STATUS[result.status]}{detail}", file=sys.stderr, flush=True)
