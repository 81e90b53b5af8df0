"""The audit log as a workbook (操作记录.xlsx): one row per entry, the newest first, the same
bytes for the same entries."""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.data.excel.handout import table_bytes
from reportgen.web.audit import Entry
from reportgen.web.pages import shown_moment

HEADERS = ("时间", "账号", "单位", "操作", "内容")
WIDTHS = (20, 18, 28, 16, 80)
NAME = "操作记录.xlsx"


def audit_workbook(entries: Sequence[Entry]) -> bytes:
    rows = [
        (shown_moment(entry.at), entry.login, entry.unit_name, entry.action_name, entry.detail) for entry in entries
    ]
    return table_bytes("操作记录", HEADERS, rows, WIDTHS)
