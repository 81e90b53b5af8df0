"""One writer at a time in this process, in the order they came: the turn of a SQLite write
transaction, taken before its ``BEGIN IMMEDIATE`` and given back at its commit or rollback.

SQLite lets one connection write at a time; one that finds the database locked polls, sleeping
in growing steps up to 100 ms, until the busy timeout. Polling is not a queue: with many threads
of one server writing at once (200 units signing in and saving) a writer can lose every round
to newcomers and fail after the timeout although each transaction holds the lock for a few
milliseconds (measured: waits of 5.5 s, the longest hold 0.8 s, under a loaded machine). Taking
a turn here first, threads wait on a lock without polling; SQLite's busy timeout is then only
for other processes (``reportgen serve --workers``).

A turn not had within :data:`TURN_SECONDS` is given up and the transaction begins as it would
without turns (SQLite's busy timeout decides), so a mistake can never hang the server.
"""

from __future__ import annotations

import threading
from typing import Any

TURN_SECONDS = 30.0
_HOLDS = "reportgen_write_turn"  # in the DBAPI connection's info: this connection has the turn


class WriteTurns:
    """The turns of one database's writers in this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def take(self, info: dict[Any, Any]) -> None:
        """Wait for the turn of the connection whose ``info`` this is (before it begins writing)."""
        if self._lock.acquire(timeout=TURN_SECONDS):
            info[_HOLDS] = True

    def give_back(self, info: dict[Any, Any]) -> None:
        """End the turn of the connection whose ``info`` this is, if it has one (at its commit
        or rollback, or when beginning failed)."""
        if info.pop(_HOLDS, False):
            self._lock.release()
