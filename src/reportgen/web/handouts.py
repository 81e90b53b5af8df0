"""Initial passwords waiting to be downloaded: kept in this process's memory only (never in
the database), for the admin's session that made them, for :data:`KEEP` at most.

Shown once on the page that made them; the workbook of them can be downloaded from that page
until it expires or the next one replaces it. With ``reportgen serve --workers N`` (N > 1)
the download may reach another process, which has none: the page then says so, and the
passwords shown on the page remain.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportgen.web.db import now

KEEP = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Handout:
    content: bytes
    expires: datetime
    key: str  # in the download's address, so an old page cannot fetch a newer list


class Handouts:
    """Per session id, the last list of passwords made (one per session)."""

    def __init__(self, clock: Callable[[], datetime] = now) -> None:
        self._clock = clock
        self._kept: dict[int, Handout] = {}
        self._lock = threading.Lock()

    def keep(self, session_id: int, content: bytes) -> Handout:
        moment = self._clock()
        handout = Handout(content, moment + KEEP, secrets.token_urlsafe(16))
        with self._lock:
            self._kept = {sid: kept for sid, kept in self._kept.items() if kept.expires > moment}
            self._kept[session_id] = handout
        return handout

    def take(self, session_id: int, key: str) -> bytes | None:
        """The list kept for the session under ``key``, if it has not expired."""
        with self._lock:
            kept = self._kept.get(session_id)
            if kept is None or kept.expires <= self._clock():
                self._kept.pop(session_id, None)
                return None
        return kept.content if secrets.compare_digest(kept.key, key) else None
