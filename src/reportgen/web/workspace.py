"""What every route works on: the workspace's store and the renderer, kept on the
application (``app.state.workspace``) and handed to routes by :func:`workspace`.

A report is always looked up by its integer id in the database (:meth:`Workspace.found`);
nothing a request sends names a path on disk. In bureau mode the workspace a route gets is
the application's one seen by the request's signed-in user (:meth:`Workspace.seen_by`): a
report it may not read is not found, whatever id the URL names; the changes it may not make
are refused with the reason (:meth:`Workspace.changing`); its lists hold only what it reads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from reportgen import api
from reportgen.web.access import LOCAL, Who
from reportgen.web.accounts import User
from reportgen.web.audit import Actor
from reportgen.web.datafile import from_json
from reportgen.web.store import Head, Report, Store, Version
from reportgen.web.summary import Summary, summarise

NOT_IN_LOCAL_MODE = "页面不存在。"  # bureau mode's own pages, asked of local mode
NO_REPORT = "没有这份报告（可能编号有误，或不是本账号可以查看的报告）。"
# Checked versions kept in memory (a version never changes once saved): ~85 KB each for a
# report of the starter's size, mostly shared with the editor's state of the same version.
# Enough for every unit of a bureau working at once: with 64, 200 units saving and validating
# in turn found their version evicted by the others' and checked it again (a sixth of the
# server's time).
CHECKED_KEPT = 1024


@dataclass
class Workspace:
    store: Store
    renderer: api.Renderer  # the default template and style
    data_dir: Path
    _renderers: dict[tuple[str, str], api.Renderer] = field(default_factory=dict)
    _checked: OrderedDict[int, api.Checked] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _summaries: dict[int, tuple[int, Summary]] = field(default_factory=dict)  # report id → (version id, …)
    # Held around a save: one writer at a time in this process (SQLite allows one writer, and a
    # writer that finds the database locked sleeps in growing steps, up to 100 ms, before it tries
    # again). Other processes' writers wait on SQLite's lock (BEGIN IMMEDIATE, the busy timeout).
    writes: threading.Lock = field(default_factory=threading.Lock)
    who: Who = LOCAL  # whom this view of the workspace serves
    bureau: bool = False  # bureau mode: accounts, roles and review

    def seen_by(self, who: Who) -> Workspace:
        """This workspace as ``who`` sees it: the same caches and locks, a store that audits
        its changes under ``who``'s name."""
        if who.user is None:
            return self
        user = who.user
        actor = Actor(user.id, user.login, user.bureau_id, user.unit_id)
        return replace(self, who=who, store=self.store.acting(actor))

    def renderer_for(self, report: Report) -> api.Renderer:
        """The renderer of the template set and style chosen for ``report`` (built-in names
        only, checked when chosen), loaded once per choice."""
        key = (report.narrative or "standard", report.style or "")
        if key == ("standard", ""):
            return self.renderer
        if key not in self._renderers:
            options = api.RenderOptions(template=key[0], style=key[1] or api.RenderOptions().style)
            self._renderers[key] = api.Renderer(options)
        return self._renderers[key]

    def found(self, report_id: int) -> tuple[Report, Version]:
        """The report and its latest version; 404 if there is no such report (or none that
        the user may read)."""
        report = self.store.report(report_id)
        if report is None or not self.who.reads(report):
            raise HTTPException(404, NO_REPORT)
        version = self.store.latest(report_id)
        if version is None:
            raise HTTPException(404, NO_REPORT)
        return report, version

    def readable(self, report: Report | None) -> Report:
        """``report`` if the user may read it; 404 otherwise."""
        if report is None or not self.who.reads(report):
            raise HTTPException(404, NO_REPORT)
        return report

    def changing(self, report: Report) -> Report:
        """``report`` (one the user reads) if the user may change its data; 403 with the reason otherwise."""
        why = self.who.why_not_change(report)
        if why is not None:
            raise HTTPException(403, why)
        return report

    def drafting(self, report: Report) -> Report:
        """``report`` if the user may upload and revise its Word drafts; 403 with the reason otherwise."""
        why = self.who.why_not_draft()
        if why is not None:
            raise HTTPException(403, why)
        return report

    def overseer(self, refusal: str) -> User:
        """The signed-in reviewer or admin; 404 in local mode, 403 with ``refusal`` for a unit's account."""
        return self._bureau_user(self.who.oversees, refusal)

    def administrator(self, refusal: str) -> User:
        """The signed-in admin; 404 in local mode, 403 with ``refusal`` for any other account."""
        return self._bureau_user(self.who.administers, refusal)

    def _bureau_user(self, allowed: bool, refusal: str) -> User:
        user = self.who.user
        if not self.bureau or user is None:
            raise HTTPException(404, NOT_IN_LOCAL_MODE)
        if not allowed:
            raise HTTPException(403, refusal)
        return user

    def reports(self) -> list[Report]:
        """The reports the user reads, the last changed first."""
        user = self.who.user
        if user is None:
            return self.store.reports()
        if user.role == "unit":
            return self.store.reports(unit_id=user.unit_id) if user.unit_id is not None else []
        return self.store.reports(bureau_id=user.bureau_id)

    def create_allowed(self) -> None:
        """403 with the reason unless the user may create reports (before reading an upload)."""
        why = self.who.why_not_create()
        if why is not None:
            raise HTTPException(403, why)

    def create(self, data: Any, note: str = "") -> Version:
        """A new report of the user's unit (403 for an account of no unit)."""
        self.create_allowed()
        user = self.who.user
        return self.store.create(data, note, unit_id=user.unit_id if user is not None else None)

    def checked(self, version: Version) -> api.Checked:
        """A stored version read and checked exactly as a data file is; the last
        :data:`CHECKED_KEPT` are kept, since a saved version never changes."""
        with self._lock:
            if version.id in self._checked:
                self._checked.move_to_end(version.id)
                return self._checked[version.id]
        checked = self.renderer.check(from_json(version.data, "自评数据"))
        self.remember(version, checked)
        return checked

    def remember(self, version: Version, checked: api.Checked) -> None:
        """Keep ``checked`` as the check of ``version`` (the editor checks a change before it is
        stored; the preview and downloads of that version then need not check it again)."""
        with self._lock:
            self._checked[version.id] = checked
            self._checked.move_to_end(version.id)
            while len(self._checked) > CHECKED_KEPT:
                self._checked.popitem(last=False)

    def kept_summary(self, report_id: int, version_id: int) -> Summary | None:
        """The summary of version ``version_id`` of a report if it is kept (see :meth:`summary`),
        so that a list need not read the data of versions already summarised."""
        with self._lock:
            kept = self._summaries.get(report_id)
        return kept[1] if kept is not None and kept[0] == version_id else None

    def summary(self, version: Version) -> Summary:
        """What the lists show of a version (status, score, problems), kept per report for its
        latest version seen, so that a start page of hundreds of reports checks only what changed."""
        with self._lock:
            kept = self._summaries.get(version.report_id)
        if kept is not None and kept[0] == version.id:
            return kept[1]
        found = summarise(self.checked(version))
        with self._lock:
            self._summaries[version.report_id] = (version.id, found)
        return found

    def listed(self, reports: Sequence[Report]) -> list[tuple[Report, Head, Summary]]:
        """Each of ``reports`` that has a version, with its latest version and what the lists
        show of it: one query for the latest versions, and a version's data read and checked
        only when its summary is not kept (a bureau's list of hundreds of units, refreshed)."""
        heads = self.store.heads([report.id for report in reports])
        rows = []
        for report in reports:
            head = heads.get(report.id)
            if head is None:
                continue
            with self._lock:
                kept = self._summaries.get(report.id)
            if kept is not None and kept[0] == head.id:
                rows.append((report, head, kept[1]))
                continue
            version = self.store.version(report.id, head.number)
            if version is not None:
                rows.append((report, head, self.summary(version)))
        return rows


def workspace(request: Request) -> Workspace:
    """The application's workspace as the request's user sees it (set by
    :func:`reportgen.web.auth.signed_in`, which every route depends on)."""
    found: Workspace = request.app.state.workspace
    who: Who = getattr(request.state, "who", LOCAL)
    if found.bureau and who.user is None:
        raise HTTPException(401, "请先登录。")  # never reached: signed_in sends to the sign-in page first
    return found.seen_by(who)


Current = Annotated[Workspace, Depends(workspace)]
