"""The audit log of bureau mode: who did what, when, to which unit's report. Entries are
written in the same transaction as the change they record, and never changed.

Local mode writes none (there is one person and no accounts); every version keeps its own
time and note there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine

from reportgen.web.db import AuditRow, UnitRow, now
from reportgen.web.engine import stored_text

ACTIONS = {
    "create": "新建报告",
    "save": "保存数据",
    "settings": "更改模板或格式",
    "draft": "上传或更新修改稿",
    "submit": "提交审核",
    "return": "退回修改",
    "approve": "审核通过",
    "import": "导入数据",
    "batch": "生成批量报告",
    "accounts": "账号和单位",
    "sign-in": "登录",
    "password": "修改密码",
}
MAX_DETAIL = 2000  # characters kept of a note


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user a change is recorded for."""

    user_id: int | None  # None: the command line (``reportgen admin``), run by no account
    login: str
    bureau_id: int
    unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    at: datetime
    login: str
    unit_name: str
    report_id: int | None
    action: str
    detail: str

    @property
    def action_name(self) -> str:
        return ACTIONS.get(self.action, self.action)


def record(
    connection: Connection,
    actor: Actor,
    action: str,
    detail: str,
    *,
    report_id: int | None = None,
    unit_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """One entry, in the caller's transaction (so a change and its entry stand or fall together)."""
    connection.execute(
        insert(AuditRow).values(
            at=at or now(),
            bureau_id=actor.bureau_id,
            user_id=actor.user_id,
            login=actor.login,
            unit_id=unit_id if unit_id is not None else actor.unit_id,
            report_id=report_id,
            action=action,
            detail=stored_text(detail, MAX_DETAIL),  # a note may quote an upload's name
        )
    )


def entries(
    engine: Engine,
    bureau_id: int,
    *,
    limit: int | None = None,
    before: int | None = None,
    unit_id: int | None = None,
    action: str | None = None,
) -> list[Entry]:
    """The bureau's entries, the newest first (``before``: only entries older than that id;
    ``unit_id``, ``action``: only those of that unit, of that action)."""
    query = (
        select(
            AuditRow.id, AuditRow.at, AuditRow.login, UnitRow.name, AuditRow.report_id, AuditRow.action, AuditRow.detail
        )
        .outerjoin(UnitRow, UnitRow.id == AuditRow.unit_id)
        .where(AuditRow.bureau_id == bureau_id)
        .order_by(AuditRow.id.desc())
    )
    if before is not None:
        query = query.where(AuditRow.id < before)
    if unit_id is not None:
        query = query.where(AuditRow.unit_id == unit_id)
    if action is not None:
        query = query.where(AuditRow.action == action)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [Entry(r[0], _utc(r[1]), r[2], r[3] or "", r[4], r[5], r[6]) for r in rows]


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
