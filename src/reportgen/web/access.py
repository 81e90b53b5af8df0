"""Who a request acts as, and what that lets it read and change: the one rule of bureau mode
that nobody may break (../shared/design/web.md, "Roles").

- **Local mode** has one person, at their own computer: everything is theirs.
- **单位填报** (role ``unit``): reads and writes its own unit's reports only; the data can
  be changed while the report is 填报中 or 已退回, not once it is 已提交 or 已通过.
- **审核** (``reviewer``) and **管理员** (``admin``): read every report of their bureau's
  units; a reviewer returns or approves them, an admin manages units and accounts. Neither
  changes a unit's data.

Pure: no web framework, no database. Routes ask through :class:`reportgen.web.workspace.Workspace`,
which turns a refusal into a page (a report of another unit or bureau is "not found", so that
ids cannot be probed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from reportgen.web.accounts import User

STATUS_NAMES = {"draft": "填报中", "submitted": "已提交", "returned": "已退回", "approved": "已通过"}
NOT_STARTED = "未开始"  # a unit with no report for the year
OPEN_STATUSES = frozenset({"draft", "returned"})  # the unit may change its data

SUBMITTED = "报告已提交审核，数据不能再修改；如需修改，请联系审核人员退回。"
APPROVED = "报告已审核通过，数据已锁定；如需修改，请联系审核人员退回。"
REVIEWERS_READ_ONLY = "审核和管理员账号只能查看单位的报告，不能修改单位的数据。"
NO_UNIT = "只有单位填报账号可以新建报告。"


class Held(Protocol):
    """What access needs to know of a report: its unit, that unit's bureau and its status."""

    @property
    def unit_id(self) -> int | None: ...
    @property
    def bureau_id(self) -> int | None: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Who:
    """The signed-in user of a request (``None`` in local mode) and its session's CSRF token."""

    user: User | None = None
    csrf_token: str = ""

    @property
    def local(self) -> bool:
        return self.user is None

    @property
    def role(self) -> str:
        return "local" if self.user is None else self.user.role

    @property
    def reviews(self) -> bool:
        """Returns and approves the bureau's reports."""
        return self.user is not None and self.user.role == "reviewer"

    @property
    def administers(self) -> bool:
        """Manages the bureau's units and accounts and reads its audit log."""
        return self.user is not None and self.user.role == "admin"

    @property
    def oversees(self) -> bool:
        """Reads every report of the bureau (a reviewer or an admin)."""
        return self.user is not None and self.user.role in ("reviewer", "admin")

    def reads(self, report: Held) -> bool:
        if self.user is None:
            return True
        if self.user.role == "unit":
            return report.unit_id is not None and report.unit_id == self.user.unit_id
        return report.bureau_id is not None and report.bureau_id == self.user.bureau_id

    def why_not_change(self, report: Held) -> str | None:
        """Why this user may not change the report's data (``None``: it may). Only asked of a
        report it :meth:`reads`."""
        if self.user is None:
            return None
        if self.user.role != "unit":
            return REVIEWERS_READ_ONLY
        if report.status == "submitted":
            return SUBMITTED
        if report.status == "approved":
            return APPROVED
        return None

    def why_not_draft(self) -> str | None:
        """Why this user may not upload or revise Word drafts of a report it reads (the unit's
        own work on its document, whatever the review state: the data stays as approved)."""
        if self.user is None or self.user.role == "unit":
            return None
        return REVIEWERS_READ_ONLY

    def why_not_create(self) -> str | None:
        if self.user is None or self.user.role == "unit":
            return None
        return NO_UNIT


LOCAL = Who()
