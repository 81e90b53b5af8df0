"""A process pool for batches whose workers die with the batch, and survive each other.

Workers end with their parent: on Linux the kernel kills them when it dies
(``PR_SET_PDEATHSIG``); everywhere a watchdog thread ends a worker whose parent is gone.
So a ``kill -9`` of a batch leaves no workers behind.

A worker that dies (a crash, the kernel's out-of-memory killer) breaks the pool. The jobs
it did not finish are then run again one at a time in a fresh single-worker pool, so the
job that kills its worker is found and reported through ``crashed``; the others complete.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when process ``parent`` ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # the watchdog below still applies
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="reportgen-watchdog").start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _start(parent: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it ends the pool
    initializer(*initargs)


def run_jobs(
    jobs: Sequence[J],
    work: Callable[[J], R],
    crashed: Callable[[J, BaseException], R],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    context: BaseContext | None = None,
) -> Iterator[R]:
    """Every job's result, in the order they finish; ``crashed`` stands in for a job that killed its worker.

    ``context`` is how workers start (multiprocessing's default, else e.g. ``spawn``: a
    multi-threaded server should not fork).
    """
    pending = list(jobs)
    isolated = False
    while pending:
        size = 1 if isolated else max(1, min(workers, len(pending)))
        finished: set[int] = set()
        broken = False
        pool = ProcessPoolExecutor(
            max_workers=size,
            mp_context=context,
            initializer=_start,
            initargs=(os.getpid(), initializer, initargs),
        )
        try:
            futures: dict[Future[R], int] = {pool.submit(work, job): i for i, job in enumerate(pending)}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:  # the result could not come back (e.g. not picklable)
                    result = crashed(pending[index], exc)
                finished.add(index)
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        left = [job for i, job in enumerate(pending) if i not in finished]
        if not broken or not left:
            return
        if isolated:  # one worker, jobs in order: the first unfinished one killed it
            yield crashed(left[0], BrokenProcessPool("worker died"))
            left = left[1:]
        isolated = True
        pending = left
