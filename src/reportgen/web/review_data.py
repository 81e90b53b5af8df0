"""What the review's pages read: the bureau's units with their reports' latest summaries
(for the list of units), and a report's review panel with its last move from the audit log.

The summaries come from :meth:`reportgen.web.workspace.Workspace.summary` — the check every
page of a report shows — kept per version, so that a list of hundreds of units reads and
checks only the versions saved since it was last shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from reportgen.web.db import AuditRow, UserRow
from reportgen.web.review import MOVES, Change, Panel, panel
from reportgen.web.review_list import Held
from reportgen.web.store import Report
from reportgen.web.summary import Summary
from reportgen.web.workspace import Workspace


def bureau_reports(ws: Workspace, bureau_id: int) -> list[Held]:
    """Every report of the bureau's units, each with the summary of its latest version."""
    heads = ws.store.bureau_heads(bureau_id)
    found: dict[int, Summary] = {}
    unread: list[int] = []
    for report, version_id in heads:
        kept = ws.kept_summary(report.id, version_id)
        if kept is not None:
            found[version_id] = kept
        else:
            unread.append(version_id)
    for version in ws.store.versions_by_id(unread):
        found[version.id] = ws.summary(version)
    return [Held(report, found[version_id]) for report, version_id in heads]


def last_change(ws: Workspace, report_id: int) -> Change | None:
    """The report's last move of the review (who and when), from the audit log."""
    query = (
        select(AuditRow.action, func.coalesce(func.nullif(UserRow.name, ""), AuditRow.login), AuditRow.at)
        .outerjoin(UserRow, UserRow.id == AuditRow.user_id)
        .where(AuditRow.report_id == report_id, AuditRow.action.in_(sorted(MOVES)))
        .order_by(AuditRow.id.desc())
        .limit(1)
    )
    with ws.store.engine.connect() as connection:
        row = connection.execute(query).first()
    return Change(row[0], row[1], _utc(row[2])) if row is not None else None


def review_panel(ws: Workspace, report: Report, errors: int) -> Panel | None:
    """The review panel of a report whose latest data has ``errors`` (``None`` in local mode)."""
    if not ws.bureau:
        return None
    return panel(ws.who, report, comment=report.review_comment, errors=errors, last=last_change(ws, report.id))


def _utc(moment: datetime) -> datetime:
    """A stored moment: UTC, which SQLite returns without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
