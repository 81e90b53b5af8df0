"""The review of bureau mode: which role may move a report from which state to which, and
what the pages say about it (../shared/design/web.md, "Roles").

::

    填报中 ──提交审核──▶ 已提交 ──审核通过──▶ 已通过
    已退回 ──提交审核──▶ 已提交 ──退回修改──▶ 已退回 ◀──退回修改── 已通过

- the unit (单位填报) submits its own report from 填报中 or 已退回, once its data has no error;
- a reviewer (审核) returns a report that is 已提交 or 已通过, with a comment, or approves one
  that is 已提交 (its data is then frozen: :meth:`reportgen.web.access.Who.why_not_change`);
- an admin reads every report but reviews none; local mode has no review at all.

Pure: no web framework, no database. The routes ask :func:`why_not` before they move a report
with :meth:`reportgen.web.store.Store.set_status`, whose ``was`` is :attr:`Move.sources`, so
that a move made meanwhile by somebody else is found and answered with :func:`stale`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportgen.web.access import STATUS_NAMES, Held, Who

MAX_COMMENT = 2000  # characters of a reviewer's comment


@dataclass(frozen=True, slots=True)
class Move:
    """One step of the review: ``action`` (the audit log's name) takes a report in one of
    ``sources`` to ``target``; only ``role`` may take it."""

    action: str
    name: str  # the button's words, 提交审核
    target: str
    sources: frozenset[str]
    role: str


SUBMIT = Move("submit", "提交审核", "submitted", frozenset({"draft", "returned"}), "unit")
RETURN = Move("return", "退回修改", "returned", frozenset({"submitted", "approved"}), "reviewer")
APPROVE = Move("approve", "审核通过", "approved", frozenset({"submitted"}), "reviewer")
MOVES = {move.action: move for move in (SUBMIT, RETURN, APPROVE)}

NO_REVIEW = "本机工作区没有审核流程。"
ONLY_UNIT = "只有填报单位的账号可以提交审核。"
ONLY_REVIEWER = "只有审核账号可以退回或通过报告。"
ADMIN_READS = "管理员账号只能查看报告；退回和通过由审核账号进行。"
NO_COMMENT = "请填写退回意见：说明需要修改什么，单位会在报告页面上看到。"
LONG_COMMENT = f"退回意见不能超过 {MAX_COMMENT} 个字，请精简后再提交。"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a move is not made: the user's role (403), or the report's current state (409:
    ``stale``, somebody acted first or the page was old)."""

    message: str
    stale: bool = False

    @property
    def status(self) -> int:
        return 409 if self.stale else 403


def why_not(move: Move, who: Who, report: Held) -> Refusal | None:
    """Why ``who`` may not make ``move`` on ``report`` (one it reads) now; ``None``: it may."""
    if who.user is None:
        return Refusal(NO_REVIEW)
    if who.role != move.role:
        if who.administers:
            return Refusal(ADMIN_READS)
        return Refusal(ONLY_UNIT if move.role == "unit" else ONLY_REVIEWER)
    if report.status not in move.sources:
        return Refusal(stale(move, report.status), stale=True)
    return None


def stale(move: Move, status: str) -> str:
    """What is said of a move the report's current state does not allow."""
    now = STATUS_NAMES.get(status, status)
    cause = "可能另一位审核人员刚刚处理过，" if move.role == "reviewer" else "可能在另一个窗口中已经操作过，"
    return f"未能{move.name}：这份报告现在的状态是“{now}”（{cause}请刷新页面查看最新状态）。"


def errors_block_submit(errors: int) -> str | None:
    """Why data with ``errors`` cannot be submitted yet (``None``: it can)."""
    if errors == 0:
        return None
    return f"数据还有 {errors} 处错误，全部改正后才能提交审核。"


def comment_problem(comment: str) -> str | None:
    """What is wrong with a reviewer's comment for returning a report (``None``: nothing)."""
    if not comment.strip():
        return NO_COMMENT
    if len(comment.strip()) > MAX_COMMENT:
        return LONG_COMMENT
    return None


@dataclass(frozen=True, slots=True)
class Change:
    """The report's last move: who (the account's name, else its login) and when."""

    action: str
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Panel:
    """What a report's pages show of its review (bureau mode only)."""

    status: str  # draft | submitted | returned | approved
    comment: str  # the reviewer's last comment ("" if none)
    last: Change | None  # the move that brought the report to its state, if known
    moves: tuple[Move, ...]  # the buttons this user has now
    blocked: str | None  # why 提交审核 is not offered although the state allows it (errors)
    locked: str | None  # why this user cannot change the data (the editor is read-only)

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def returned(self) -> bool:
        return self.status == "returned"

    def offers(self, action: str) -> bool:
        return any(move.action == action for move in self.moves)


def panel(who: Who, report: Held, *, comment: str, errors: int, last: Change | None) -> Panel:
    """The review panel of ``report`` (whose data has ``errors``) as ``who`` sees it."""
    allowed = tuple(move for move in MOVES.values() if why_not(move, who, report) is None)
    blocked = errors_block_submit(errors) if SUBMIT in allowed else None
    moves = tuple(move for move in allowed if not (move is SUBMIT and blocked))
    if last is not None and (last.action not in MOVES or MOVES[last.action].target != report.status):
        last = None  # the state was set otherwise (an import): who and when are not known
    return Panel(report.status, comment, last, moves, blocked, who.why_not_change(report))
